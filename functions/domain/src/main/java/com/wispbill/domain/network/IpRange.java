package com.wispbill.domain.network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 prefix ({@code 10.41.0.0/16}, {@code fe80::/10}); a single address is a full-length
 * prefix. An IPv4-mapped IPv6 address ({@code ::ffff:127.0.0.1}) counts as its IPv4 address, so it cannot
 * slip past an IPv4 range.
 */
public record IpRange(byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public IpRange {
        network = network.clone();
        if ((network.length != 4 && network.length != 16) || prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("not an IP prefix: " + network.length + " bytes /" + prefixLength);
        }
        network = masked(network, prefixLength);
    }

    /** Whether {@code text} is an IPv4 address written as a strict dotted quad (no {@code 127.1}, no leading zeros). */
    public static boolean isIpv4Literal(String text) {
        return text != null && IPV4.matcher(text).matches();
    }

    /** {@code a.b.c.d/n}, {@code a:b::/n} or a single address; {@link IllegalArgumentException} otherwise. */
    public static IpRange parse(String text) {
        String s = text == null ? "" : text.strip();
        int slash = s.indexOf('/');
        byte[] address = literal(slash < 0 ? s : s.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or prefix: '" + text + "'"))
                .getAddress();
        if (slash < 0) {
            return new IpRange(address, address.length * 8);
        }
        String bits = s.substring(slash + 1);
        if (!bits.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("not an IP prefix: '" + text + "'");
        }
        return new IpRange(address, Integer.parseInt(bits));
    }

    /**
     * The address written in {@code text} if it is an IP literal (strict dotted quad, or IPv6), without
     * any DNS lookup; IPv4-mapped IPv6 comes back as IPv4. Empty for anything else, names included.
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !(s.contains(":") && IPV6.matcher(s).matches())) {
            return Optional.empty();
        }
        try {
            // Only literals reach here: getByName parses them and never asks DNS.
            return Optional.of(normalised(InetAddress.getByName(s)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** IPv4-mapped and IPv4-compatible IPv6 addresses as the IPv4 address they carry. */
    static InetAddress normalised(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean zeroes = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
            boolean mapped = zeroes && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            boolean compatible = zeroes && b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
            if (mapped || compatible) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    public boolean contains(InetAddress address) {
        byte[] a = normalised(address).getAddress();
        return a.length == network.length && Arrays.equals(masked(a, prefixLength), network);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    /** The network address as text ({@code 10.41.0.0}). */
    public InetAddress networkAddress() {
        try {
            return InetAddress.getByAddress(network);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.clamp(prefixLength - i * 8L, 0, 8);
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        String address = networkAddress().getHostAddress();
        return prefixLength == network.length * 8 ? address : address + "/" + prefixLength;
    }

    /** The network's raw bytes (a copy). */
    @Override
    public byte[] network() {
        return network.clone();
    }
}
