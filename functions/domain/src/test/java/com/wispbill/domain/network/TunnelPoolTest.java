package com.wispbill.domain.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TunnelPoolTest {
    @Test
    void addressesSkipTheNetworkTheHubAndTheBroadcastAddress() {
        TunnelPool pool = TunnelPool.parse("10.41.0.0/29", "10.41.0.3");
        assertEquals(5, pool.size(), "8 addresses less network, broadcast and hub");
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < pool.size(); n++) {
            seen.add(pool.address(n).getHostAddress());
        }
        assertEquals(Set.of("10.41.0.1", "10.41.0.2", "10.41.0.4", "10.41.0.5", "10.41.0.6"), seen);
        assertThrows(IndexOutOfBoundsException.class, () -> pool.address(5));
        assertEquals("10.41.0.2", TunnelPool.parse("10.41.0.0/16", "10.41.0.1").address(0).getHostAddress());
    }

    @Test
    void aPoolMustBeIpv4WithTheHubInside() {
        assertThrows(IllegalArgumentException.class, () -> TunnelPool.parse("10.41.0.0/16", "10.42.0.1"));
        assertThrows(IllegalArgumentException.class, () -> TunnelPool.parse("10.41.0.0/16", "10.41.0.0"));
        assertThrows(IllegalArgumentException.class, () -> TunnelPool.parse("10.41.0.0/31", "10.41.0.1"));
        assertThrows(IllegalArgumentException.class, () -> TunnelPool.parse("fd00::/64", "fd00::1"));
    }

    @Test
    void rangesMatchMappedIpv6AsIpv4AndLiteralsNeverAskDns() {
        IpRange metadata = IpRange.parse("169.254.0.0/16");
        assertTrue(metadata.contains(IpRange.literal("::ffff:169.254.169.254").orElseThrow()));
        assertFalse(metadata.contains(IpRange.literal("169.255.0.1").orElseThrow()));
        assertTrue(IpRange.parse("fe80::/10").contains(IpRange.literal("FE80::abcd").orElseThrow()));
        assertTrue(IpRange.literal("router.example.net").isEmpty());
        assertTrue(IpRange.literal("127.1").isEmpty(), "only strict dotted quads");
        assertEquals("10.40.0.0/16", IpRange.parse("10.40.7.9/16").toString());
    }
}
