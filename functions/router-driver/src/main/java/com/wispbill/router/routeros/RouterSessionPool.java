package com.wispbill.router.routeros;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Logged-in sessions kept between invocations of one warm execution environment, one idle session per
 * router: a TLS handshake and login cost more than a hundred API commands, so the command consumer takes
 * the router's session from here and gives it back when its group is done.
 *
 * <ul>
 *   <li>a session is reused only for the same endpoint (host, port, pinned certificate) and credentials,
 *       so a rotated password or moved router gets a new login;</li>
 *   <li>a session idle longer than {@code idleLimit} is closed instead (the router or the VPN may have
 *       dropped it; RouterOS keeps API sessions forever otherwise);</li>
 *   <li>one idle longer than {@code checkAfter} is checked with one round trip
 *       ({@code /system/identity/print}) before it is handed out; a failed check means a new login.</li>
 * </ul>
 * Thread-safe; a session is held by one caller at a time (taken out of the pool while used).
 */
public final class RouterSessionPool implements AutoCloseable {
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_CHECK_AFTER = Duration.ofSeconds(20);
    private static final RouterOsCommand HEALTH_CHECK = RouterOsCommand.of("/system/identity/print");

    private record Idle(RouterOsSession session, RouterOsEndpoint endpoint, RouterOsCredentials credentials,
                        long idleSinceNanos) {
    }

    private final RouterOsConnector connector;
    private final long idleLimitNanos;
    private final long checkAfterNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Idle> idle = new ConcurrentHashMap<>();
    private final AtomicLong logins = new AtomicLong();

    public RouterSessionPool(RouterOsConnector connector, Duration idleLimit, Duration checkAfter, LongSupplier nanoTime) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.idleLimitNanos = idleLimit.toNanos();
        this.checkAfterNanos = checkAfter.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public RouterSessionPool(RouterOsConnector connector) {
        this(connector, DEFAULT_IDLE_LIMIT, DEFAULT_CHECK_AFTER, System::nanoTime);
    }

    /** A pool that keeps nothing: every take logs in, every give-back closes (the poll's one-off sessions). */
    public static RouterSessionPool noReuse(RouterOsConnector connector) {
        return new RouterSessionPool(connector, Duration.ZERO, Duration.ZERO, System::nanoTime);
    }

    /** The router's idle session if it is still good for {@code endpoint} and {@code credentials}, else a new login. */
    public RouterOsSession take(RouterOsEndpoint endpoint, RouterOsCredentials credentials) throws RouterOsException {
        closeIdleSessions();
        Idle held = idle.remove(endpoint.routerId());
        if (held != null) {
            if (held.endpoint().equals(endpoint) && held.credentials().equals(credentials) && held.session().isUsable()
                    && passesCheck(held)) {
                return held.session();
            }
            held.session().close();
        }
        RouterOsSession opened = connector.open(endpoint, credentials);
        logins.incrementAndGet();
        return opened;
    }

    /** Gives a session back for the next caller, or closes it if it broke or nothing is kept. */
    public void giveBack(RouterOsEndpoint endpoint, RouterOsCredentials credentials, RouterOsSession session) {
        if (idleLimitNanos <= 0 || !session.isUsable()) {
            session.close();
            return;
        }
        Idle previous = idle.put(endpoint.routerId(), new Idle(session, endpoint, credentials, nanoTime.getAsLong()));
        if (previous != null && previous.session() != session) {
            previous.session().close();
        }
    }

    /** Logins made so far (new sessions opened), for tests and the benchmark. */
    public long logins() {
        return logins.get();
    }

    /** Closes every session idle longer than the idle limit. */
    public void closeIdleSessions() {
        long now = nanoTime.getAsLong();
        List<String> stale = new ArrayList<>();
        idle.forEach((router, held) -> {
            if (now - held.idleSinceNanos() > idleLimitNanos) {
                stale.add(router);
            }
        });
        for (String router : stale) {
            Idle held = idle.remove(router);
            if (held != null) {
                held.session().close();
            }
        }
    }

    private boolean passesCheck(Idle held) {
        if (nanoTime.getAsLong() - held.idleSinceNanos() <= checkAfterNanos) {
            return true;
        }
        try {
            held.session().execute(HEALTH_CHECK);
            return held.session().isUsable();
        } catch (RouterOsException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        List<Idle> all = new ArrayList<>(idle.values());
        idle.clear();
        all.forEach(i -> i.session().close());
    }
}
