package com.wispbill.domain.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a router the driver connects to may not be. The driver runs in our VPC and logs in to whatever
 * address a router record names, so a record pointing at the instance metadata service, the Lambda
 * runtime on loopback, an AWS endpoint or the VPC would turn it into a client of our own infrastructure;
 * one pointing into the router tunnel network could claim another tenant's router. Refused: loopback,
 * link-local (169.254.169.254 and the IPv6 metadata address included), multicast, unspecified and
 * reserved addresses, the configured VPC and tunnel ranges, AWS service names, and names that resolve
 * to any of these (or do not resolve: a name checked now must be checkable).
 */
public final class RouterAddressRules {
    /** Ranges no router is ever at, with the reason shown to the caller. */
    private static final Map<IpRange, String> ALWAYS = new LinkedHashMap<>();

    static {
        always("0.0.0.0/8", "an unspecified (\"this network\") address");
        always("127.0.0.0/8", "a loopback address");
        always("169.254.169.254", "the instance metadata address");
        always("169.254.0.0/16", "a link-local address");
        always("224.0.0.0/4", "a multicast address");
        always("240.0.0.0/4", "a reserved or broadcast address");
        always("::/128", "the unspecified address");
        always("::1/128", "a loopback address");
        always("fd00:ec2::/32", "an AWS instance service address (metadata, DNS, time)");
        always("fe80::/10", "a link-local address");
        always("ff00::/8", "a multicast address");
    }

    /** Names (and their subdomains) of AWS service endpoints and of hosts inside AWS networks. */
    private static final List<String> FORBIDDEN_NAME_SUFFIXES = List.of("amazonaws.com", "amazonaws.com.cn", "aws",
            "api.aws", "on.aws", "internal", "instance-data");

    private final Map<IpRange, String> configured;
    private final HostResolver resolver;

    /**
     * @param configured our own ranges with what they are, e.g. the VPC's and the router tunnel network
     * @param resolver   resolves names given as a router's host
     */
    public RouterAddressRules(Map<IpRange, String> configured, HostResolver resolver) {
        this.configured = Map.copyOf(configured);
        this.resolver = resolver;
    }

    private static void always(String range, String what) {
        ALWAYS.put(IpRange.parse(range), what);
    }

    /** Why {@code host} (an IP literal or a name) may not be a router's address; empty when it may. */
    public Optional<String> problem(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        Optional<InetAddress> literal = IpRange.literal(h);
        if (literal.isPresent()) {
            return problem(literal.get()).map(why -> "must not be " + why);
        }
        String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        for (String suffix : FORBIDDEN_NAME_SUFFIXES) {
            if (name.equals(suffix) || name.endsWith("." + suffix)) {
                return Optional.of("must not be an AWS endpoint or a name inside AWS (" + suffix + ")");
            }
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            return Optional.of("does not resolve; give the router's IP address, or leave host out to reach it through "
                    + "the hub at an address billing allocates");
        }
        if (addresses.isEmpty()) {
            return Optional.of("does not resolve to any address");
        }
        List<String> why = new ArrayList<>();
        for (InetAddress address : addresses) {
            problem(address).ifPresent(w -> why.add(address.getHostAddress() + " (" + w + ")"));
        }
        return why.isEmpty() ? Optional.empty() : Optional.of("resolves to " + String.join(", ", why));
    }

    private Optional<String> problem(InetAddress address) {
        for (Map.Entry<IpRange, String> e : ALWAYS.entrySet()) {
            if (e.getKey().contains(address)) {
                return Optional.of(e.getValue());
            }
        }
        for (Map.Entry<IpRange, String> e : configured.entrySet()) {
            if (e.getKey().contains(address)) {
                return Optional.of("in " + e.getValue() + " " + e.getKey());
            }
        }
        return Optional.empty();
    }
}
