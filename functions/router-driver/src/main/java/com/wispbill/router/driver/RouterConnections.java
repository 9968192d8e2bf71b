package com.wispbill.router.driver;

import com.wispbill.domain.Router;
import com.wispbill.router.credentials.RouterCredentialsSource;
import com.wispbill.router.credentials.RouterSecret;
import com.wispbill.router.routeros.RouterOsAuthException;
import com.wispbill.router.routeros.RouterOsConnector;
import com.wispbill.router.routeros.RouterOsEndpoint;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsSession;
import com.wispbill.router.routeros.RouterSessionPool;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Logged-in sessions for one router group of an invocation (or one poll of one router): one per router,
 * reused for all its commands, taken from a {@link RouterSessionPool} (so a warm execution environment
 * logs in once per router, not once per invocation) and given back on {@link #close()}. A refused login
 * is retried once with credentials read fresh from the store (someone may have rotated the password); a
 * second refusal, or a refusal with unchanged credentials, is final.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class RouterConnections implements AutoCloseable {
    private record Held(RouterOsSession session, RouterOsEndpoint endpoint, RouterSecret secret) {
    }

    private final RouterSessionPool pool;
    private final RouterCredentialsSource credentials;
    private final Set<String> refreshed = new HashSet<>();
    private final Map<String, Held> held = new HashMap<>();

    /** Sessions that live as long as this object (nothing kept between invocations). */
    public RouterConnections(RouterOsConnector connector, RouterCredentialsSource credentials) {
        this(RouterSessionPool.noReuse(Objects.requireNonNull(connector, "connector")), credentials);
    }

    public RouterConnections(RouterSessionPool pool, RouterCredentialsSource credentials) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** The router's session, connecting and logging in if needed. */
    public RouterOsSession session(Router router) throws RouterOsException {
        RouterSecret secret = credentials.credentials(router);
        RouterOsEndpoint endpoint = RouterEndpoints.endpointFor(router, secret);
        Held current = held.get(router.id());
        if (current != null) {
            if (current.session().isUsable() && current.endpoint().equals(endpoint) && current.secret().equals(secret)) {
                return current.session();
            }
            held.remove(router.id());
            current.session().close();
        }
        try {
            return hold(endpoint, secret, pool.take(endpoint, secret.credentials()));
        } catch (RouterOsAuthException refused) {
            if (!refreshed.add(router.id())) {
                throw refused;
            }
            RouterSecret fresh = credentials.refreshedCredentials(router);
            if (fresh.equals(secret)) {
                throw refused;
            }
            RouterOsEndpoint freshEndpoint = RouterEndpoints.endpointFor(router, fresh);
            return hold(freshEndpoint, fresh, pool.take(freshEndpoint, fresh.credentials()));
        }
    }

    private RouterOsSession hold(RouterOsEndpoint endpoint, RouterSecret secret, RouterOsSession session) {
        held.put(endpoint.routerId(), new Held(session, endpoint, secret));
        return session;
    }

    /** Gives every session back to the pool (which keeps the usable ones for the next invocation). */
    @Override
    public void close() {
        held.values().forEach(h -> pool.giveBack(h.endpoint(), h.secret().credentials(), h.session()));
        held.clear();
    }
}
