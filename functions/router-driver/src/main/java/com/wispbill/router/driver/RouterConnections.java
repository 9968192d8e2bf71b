package com.wispbill.router.driver;

import com.wispbill.domain.Router;
import com.wispbill.router.credentials.RouterCredentialsSource;
import com.wispbill.router.credentials.RouterSecret;
import com.wispbill.router.routeros.RouterOsAuthException;
import com.wispbill.router.routeros.RouterOsConnector;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsSession;
import com.wispbill.router.routeros.RouterSessions;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Logged-in sessions for one invocation (or one poll of one router): one per router, reused for all its
 * commands. A refused login is retried once with credentials read fresh from the store (someone may have
 * rotated the password); a second refusal, or a refusal with unchanged credentials, is final.
 *
 * <p>Not thread-safe, like {@link RouterSessions}: use one instance per thread.
 */
public final class RouterConnections implements AutoCloseable {
    private final RouterSessions sessions;
    private final RouterCredentialsSource credentials;
    private final Set<String> refreshed = new HashSet<>();

    public RouterConnections(RouterOsConnector connector, RouterCredentialsSource credentials) {
        this.sessions = new RouterSessions(Objects.requireNonNull(connector, "connector"));
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** The router's session, connecting and logging in if needed. */
    public RouterOsSession session(Router router) throws RouterOsException {
        RouterSecret secret = credentials.credentials(router);
        try {
            return sessions.sessionFor(RouterEndpoints.endpointFor(router, secret), secret.credentials());
        } catch (RouterOsAuthException refused) {
            if (!refreshed.add(router.id())) {
                throw refused;
            }
            RouterSecret fresh = credentials.refreshedCredentials(router);
            if (fresh.equals(secret)) {
                throw refused;
            }
            return sessions.sessionFor(RouterEndpoints.endpointFor(router, fresh), fresh.credentials());
        }
    }

    @Override
    public void close() {
        sessions.close();
    }
}
