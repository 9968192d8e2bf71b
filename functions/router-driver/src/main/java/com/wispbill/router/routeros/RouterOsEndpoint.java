package com.wispbill.router.routeros;

import java.util.Objects;

/**
 * Where a router's API listens and how to talk to it.
 *
 * @param routerId  the router's id, used in messages
 * @param host      address over the VPN (an IP address, normally)
 * @param port      API port: 8729 for api-ssl, 8728 for plain text unless the router was changed
 * @param transport TLS with certificate verification, or plain text where the router's record allows it
 */
public record RouterOsEndpoint(String routerId, String host, int port, RouterOsTransport transport) {
    public RouterOsEndpoint {
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(transport, "transport");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("router " + routerId + " has no API host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("router " + routerId + " has an invalid API port " + port);
        }
        host = host.strip();
    }

    /** "router rtr-1 (10.8.0.5:8729)": how messages name the router. */
    public String describe() {
        return "router " + routerId + " (" + host + ":" + port + ")";
    }
}
