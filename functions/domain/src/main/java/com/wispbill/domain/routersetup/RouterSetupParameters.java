package com.wispbill.domain.routersetup;

import com.wispbill.domain.Validation;
import com.wispbill.domain.network.IpRange;
import java.util.regex.Pattern;

/**
 * What the setup script of one router needs.
 *
 * @param routerId             the router's id in WISPbill (comments and certificate names)
 * @param routerName           shown in the script's header
 * @param hubEndpointHost      the hub's public address (infra/network.yaml output {@code HubPublicEndpoint})
 * @param hubEndpointPort      the hub's WireGuard UDP port
 * @param hubPublicKey         the hub's WireGuard public key (SSM {@code /wispbill/wireguard/hub/public-key})
 * @param hubTunnelAddress     the hub's tunnel address: the only client the router's API accepts
 * @param routerTunnelAddress  the address billing assigned to this router in the tunnel
 * @param tunnelPrefixLength   the tunnel network's prefix length (16 for 10.41.0.0/16)
 * @param routerKeys           the router's WireGuard key pair (the public key is the hub's peer entry)
 * @param apiUsername          the API user the driver logs in as
 * @param apiPassword          its password (also in the router's Secrets Manager secret)
 * @param allowPlainApi        also open the plain API (8728) to the hub; only if the router record allows it
 */
public record RouterSetupParameters(
        String routerId,
        String routerName,
        String hubEndpointHost,
        int hubEndpointPort,
        String hubPublicKey,
        String hubTunnelAddress,
        String routerTunnelAddress,
        int tunnelPrefixLength,
        WireGuardKeyPair routerKeys,
        String apiUsername,
        String apiPassword,
        boolean allowPlainApi) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern API_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._@+-]{0,63}");
    private static final Pattern ROUTER_NAME = Pattern.compile("[A-Za-z0-9 _.@-]{1,64}");

    public RouterSetupParameters {
        Validation v = new Validation();
        v.id(routerId, "routerId");
        if (v.notBlank(routerName, "routerName")) {
            v.check(ROUTER_NAME.matcher(routerName).matches(), "routerName", "must be 1-64 letters, digits, spaces or _.@-");
        }
        if (v.notBlank(hubEndpointHost, "hubEndpointHost")) {
            v.check(HOST.matcher(hubEndpointHost).matches(), "hubEndpointHost", "must be a host name or IPv4 address");
        }
        v.check(hubEndpointPort >= 1 && hubEndpointPort <= 65_535, "hubEndpointPort", "must be between 1 and 65535");
        v.check(WireGuardKeyPair.isKey(hubPublicKey), "hubPublicKey", "must be a WireGuard key (32 bytes, base64)");
        v.check(isIpv4(hubTunnelAddress), "hubTunnelAddress", "must be an IPv4 address");
        v.check(isIpv4(routerTunnelAddress), "routerTunnelAddress", "must be an IPv4 address");
        v.check(!java.util.Objects.equals(hubTunnelAddress, routerTunnelAddress), "routerTunnelAddress",
                "must differ from the hub's");
        v.check(tunnelPrefixLength >= 8 && tunnelPrefixLength <= 30, "tunnelPrefixLength", "must be between 8 and 30");
        v.notNull(routerKeys, "routerKeys");
        if (v.notBlank(apiUsername, "apiUsername")) {
            v.check(API_USER.matcher(apiUsername).matches(), "apiUsername", "must be 1-64 letters, digits and ._@+-");
        }
        if (v.notBlank(apiPassword, "apiPassword")) {
            v.check(apiPassword.length() >= 16 && apiPassword.length() <= 64, "apiPassword", "must be 16-64 characters");
            v.check(apiPassword.chars().allMatch(c -> c >= 0x21 && c <= 0x7E), "apiPassword",
                    "must be printable ASCII without spaces");
        }
        v.throwIfInvalid();
    }

    private static boolean isIpv4(String address) {
        return IpRange.isIpv4Literal(address);
    }

    @Override
    public String toString() {
        return "RouterSetupParameters[routerId=" + routerId + ", routerTunnelAddress=" + routerTunnelAddress
                + ", hub=" + hubEndpointHost + ":" + hubEndpointPort + ", apiUsername=" + apiUsername
                + ", apiPassword=****, routerKeys=" + routerKeys + ", allowPlainApi=" + allowPlainApi + "]";
    }
}
