package com.wispbill.domain.network;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The WireGuard tunnel network the hub and every router sit in ({@code 10.41.0.0/16}, hub {@code 10.41.0.1}),
 * from which billing allocates each router its address. Addresses are numbered from 0 upwards: the n-th
 * is the (n+1)-th host address, leaving out the network address, the broadcast address and the hub's.
 */
public record TunnelPool(IpRange network, InetAddress hubAddress) {
    public static final int SHORTEST_PREFIX = 8;
    public static final int LONGEST_PREFIX = 30;

    public TunnelPool {
        if (!network.isIpv4() || network.prefixLength() < SHORTEST_PREFIX || network.prefixLength() > LONGEST_PREFIX) {
            throw new IllegalArgumentException("the router tunnel network must be an IPv4 prefix /" + SHORTEST_PREFIX
                    + " to /" + LONGEST_PREFIX + ", was " + network);
        }
        hubAddress = IpRange.normalised(hubAddress);
        long hub = offset(network, hubAddress);
        if (!network.contains(hubAddress) || hub == 0 || hub == hostCount(network) + 1) {
            throw new IllegalArgumentException("the hub's tunnel address " + hubAddress.getHostAddress()
                    + " must be a host address of " + network);
        }
    }

    /** From configuration: {@code cidr} like {@code 10.41.0.0/16}, {@code hub} like {@code 10.41.0.1}. */
    public static TunnelPool parse(String cidr, String hub) {
        return new TunnelPool(IpRange.parse(cidr), IpRange.literal(hub)
                .orElseThrow(() -> new IllegalArgumentException("the hub's tunnel address is not an IP address: " + hub)));
    }

    /** How many router addresses the pool holds. */
    public long size() {
        return hostCount(network) - 1;
    }

    /** The {@code n}-th router address (0-based); {@link IndexOutOfBoundsException} past {@link #size()}. */
    public InetAddress address(long n) {
        if (n < 0 || n >= size()) {
            throw new IndexOutOfBoundsException("the router tunnel network " + network + " has " + size()
                    + " addresses; number " + n + " is past its end");
        }
        long offset = n + 1;
        if (offset >= offset(network, hubAddress)) {
            offset++;
        }
        long base = toLong(network.network());
        try {
            return InetAddress.getByAddress(toBytes(base + offset));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public int prefixLength() {
        return network.prefixLength();
    }

    public String hub() {
        return hubAddress.getHostAddress();
    }

    private static long hostCount(IpRange network) {
        return (1L << (32 - network.prefixLength())) - 2;
    }

    private static long offset(IpRange network, InetAddress address) {
        return toLong(address.getAddress()) - toLong(network.network());
    }

    private static long toLong(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    private static byte[] toBytes(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
