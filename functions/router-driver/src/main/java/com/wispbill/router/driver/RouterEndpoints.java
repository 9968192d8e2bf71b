package com.wispbill.router.driver;

import com.wispbill.domain.Router;
import com.wispbill.router.credentials.RouterSecret;
import com.wispbill.router.routeros.RouterOsEndpoint;
import com.wispbill.router.routeros.RouterOsTransport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How to reach a router, from its record and its secret. */
public final class RouterEndpoints {
    /** Parsed pinned certificates by their PEM text: parsed once per warm environment, not per command. */
    private static final int MAX_CACHED_CERTIFICATES = 1_000;
    private static final Map<String, RouterOsTransport.Tls> TRUST_BY_PEM = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RouterOsTransport.Tls> eldest) {
                    return size() > MAX_CACHED_CERTIFICATES;
                }
            });

    private RouterEndpoints() {
    }

    /**
     * api-ssl unless the record turns TLS off, which the record only allows with {@code allowPlainApi}.
     * The certificate is always verified: against the CA pinned in the router's secret if there is one,
     * else against the JDK's CAs; the host name is checked either way.
     */
    public static RouterOsEndpoint endpointFor(Router router, RouterSecret secret) {
        if (!router.useTls()) {
            if (!router.allowPlainApi()) {
                throw new IllegalStateException("router " + router.id() + " has TLS off without allowPlainApi");
            }
            return new RouterOsEndpoint(router.id(), router.host(), router.apiPort(), RouterOsTransport.plainText());
        }
        RouterOsTransport.Tls tls = secret.caCertificatePem()
                .map(pem -> TRUST_BY_PEM.computeIfAbsent(pem, p -> RouterOsTransport.tlsTrusting(p, true)))
                .orElseGet(RouterOsTransport::tlsWithDefaultTrust);
        return new RouterOsEndpoint(router.id(), router.host(), router.apiPort(), tls);
    }
}
