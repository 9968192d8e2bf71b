package com.wispbill.router;

import com.wispbill.router.routeros.RouterOsConnector;
import com.wispbill.router.routeros.RouterOsCredentials;
import com.wispbill.router.routeros.RouterOsEndpoint;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsSession;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The real connector, counting connection attempts per router (a refused connection leaves no trace on the simulator). */
final class CountingConnector implements RouterOsConnector {
    private final RouterOsConnector delegate;
    private final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    CountingConnector(RouterOsConnector delegate) {
        this.delegate = delegate;
    }

    @Override
    public RouterOsSession open(RouterOsEndpoint endpoint, RouterOsCredentials credentials) throws RouterOsException {
        attempts.computeIfAbsent(endpoint.routerId(), id -> new AtomicInteger()).incrementAndGet();
        return delegate.open(endpoint, credentials);
    }

    int attempts(String routerId) {
        AtomicInteger count = attempts.get(routerId);
        return count == null ? 0 : count.get();
    }
}
