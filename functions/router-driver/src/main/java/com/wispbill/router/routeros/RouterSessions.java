package com.wispbill.router.routeros;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * At most one open session per router for the length of one Lambda invocation. A consumer that gets
 * several commands for the same router in a batch logs in once; a session that broke (timeout, lost
 * connection) is replaced on the next request; {@link #close()} at the end of the invocation closes all
 * of them, so no API client thread outlives the invocation.
 *
 * <p>Not thread-safe: one invocation works through its routers on one thread.
 */
public final class RouterSessions implements AutoCloseable {
    private final RouterOsConnector connector;
    private final Map<String, RouterOsSession> byRouter = new LinkedHashMap<>();

    public RouterSessions(RouterOsConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /**
     * The open session to {@code endpoint}'s router, connecting and logging in if there is none or the
     * previous one is no longer usable.
     */
    public RouterOsSession sessionFor(RouterOsEndpoint endpoint, RouterOsCredentials credentials)
            throws RouterOsException {
        RouterOsSession existing = byRouter.get(endpoint.routerId());
        if (existing != null) {
            if (existing.isUsable()) {
                return existing;
            }
            existing.close();
            byRouter.remove(endpoint.routerId());
        }
        RouterOsSession opened = connector.open(endpoint, credentials);
        byRouter.put(endpoint.routerId(), opened);
        return opened;
    }

    /** Closes every session opened so far. */
    @Override
    public void close() {
        List<RouterOsSession> open = new ArrayList<>(byRouter.values());
        byRouter.clear();
        open.forEach(RouterOsSession::close);
    }
}
