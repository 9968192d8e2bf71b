package com.wispbill.api;

import com.wispbill.domain.network.HostResolver;
import com.wispbill.domain.network.IpRange;
import com.wispbill.domain.network.RouterAddressRules;
import com.wispbill.domain.network.TunnelPool;
import java.util.Map;

/**
 * The network routers are reached through (infra/network.yaml), from the environment:
 * {@code ROUTER_TUNNEL_CIDR} and {@code HUB_TUNNEL_ADDRESS} (the WireGuard network billing allocates router
 * addresses from, and the hub's address in it) and {@code VPC_CIDR}. Both ranges are refused as a router's
 * own host, with the addresses {@link RouterAddressRules} always refuses.
 */
public record RouterNetwork(TunnelPool tunnel, RouterAddressRules addressRules) {
    public static RouterNetwork of(String tunnelCidr, String hubAddress, String vpcCidr, HostResolver resolver) {
        TunnelPool pool = TunnelPool.parse(tunnelCidr, hubAddress);
        return new RouterNetwork(pool, new RouterAddressRules(Map.of(
                pool.network(), "the router tunnel network (addresses there are allocated by billing)",
                IpRange.parse(vpcCidr), "the VPC's range"), resolver));
    }
}
