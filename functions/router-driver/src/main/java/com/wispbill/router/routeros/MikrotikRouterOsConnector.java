package com.wispbill.router.routeros;

import java.util.Objects;

/** Opens {@link RouterOsSession}s with mikrotik-java; see {@code MikrotikRouterOsSession}. */
public final class MikrotikRouterOsConnector implements RouterOsConnector {
    private final RouterOsClientSettings settings;

    public MikrotikRouterOsConnector(RouterOsClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** With the default limits: 5 s to connect, 10 s per command. */
    public MikrotikRouterOsConnector() {
        this(RouterOsClientSettings.DEFAULT);
    }

    @Override
    public RouterOsSession open(RouterOsEndpoint endpoint, RouterOsCredentials credentials) throws RouterOsException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        return MikrotikRouterOsSession.open(endpoint, credentials, settings);
    }
}
