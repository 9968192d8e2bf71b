package com.wispbill.router.poll;

import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.messages.AlertPublisher;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageSample;
import com.wispbill.domain.messages.UsageSampleQueue;
import com.wispbill.domain.routerdriver.RouterDrift;
import com.wispbill.domain.routerdriver.RouterVitals;
import com.wispbill.router.credentials.RouterCredentialsException;
import com.wispbill.router.driver.DriverAlerts;
import com.wispbill.router.driver.RouterConnections;
import com.wispbill.router.operations.ActiveHotspotSession;
import com.wispbill.router.operations.ActivePppSession;
import com.wispbill.router.operations.RouterOperations;
import com.wispbill.router.operations.SystemResource;
import com.wispbill.router.routeros.RouterOsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One router's poll (a job from {@code router-polls}), on its own connection: the session count first
 * (a router over {@link Settings#maxSessions()} is not read, and alerted once), then sessions and
 * counters to {@code usage-samples} as ONE message for the poll, health and
 * vitals on the router's health item (conditional: an older poll never overwrites a newer one), an
 * alert when a router has failed {@link Settings#downAfterFailedPolls()} polls in a row and a resolving
 * alert when it answers again (only on those transitions, and only by the poll whose health write won).
 * Reconcile runs when the last one is older than {@link Settings#reconcileEvery()}, or when the router
 * has just come back (it may have been reset or changed while away).
 */
public final class RouterPoller {
    private static final Logger LOG = LoggerFactory.getLogger(RouterPoller.class);

    /**
     * @param maxSessions          a router reporting more active sessions than this (counted first, with
     *                             {@code count-only}) is not read: its reply would be unbounded; an alert says so
     * @param reconcileEvery       how often each router is reconciled
     * @param downAfterFailedPolls consecutive failed polls before the "router down" alert (one failed poll is
     *                             often a blip on a WISP's uplink)
     */
    public record Settings(int maxSessions, Duration reconcileEvery, int downAfterFailedPolls) {
        public Settings {
            if (maxSessions < 1 || downAfterFailedPolls < 1) {
                throw new IllegalArgumentException("maxSessions and downAfterFailedPolls must be at least 1");
            }
            Objects.requireNonNull(reconcileEvery, "reconcileEvery");
        }
    }

    /** What one poll of one router did. */
    public record RouterPollResult(String routerId, boolean reachable, int samples, Optional<RouterDrift> drift) {
    }

    private final RouterRepository routers;
    private final Supplier<RouterConnections> connections;
    private final UsageSampleQueue usage;
    private final AlertPublisher alerts;
    private final DriverAlerts driverAlerts;
    private final Reconciler reconciler;
    private final DriftMetrics driftMetrics;
    private final Clock clock;
    private final Settings settings;
    private final Duration timeNeededPerRouter;

    /**
     * @param timeNeededPerRouter a router is not started with less time left in the invocation (connect,
     *                            TLS, login and a command at their limits)
     */
    public RouterPoller(RouterRepository routers, Supplier<RouterConnections> connections, UsageSampleQueue usage,
                        AlertPublisher alerts, Reconciler reconciler, DriftMetrics driftMetrics, Clock clock,
                        Settings settings, Duration timeNeededPerRouter) {
        this.routers = Objects.requireNonNull(routers, "routers");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.driftMetrics = Objects.requireNonNull(driftMetrics, "driftMetrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timeNeededPerRouter = Objects.requireNonNull(timeNeededPerRouter, "timeNeededPerRouter");
        this.driverAlerts = new DriverAlerts(clock);
    }

    /** Polls one router; {@code forceReconcile} reconciles it whatever the schedule says. */
    public RouterPollResult poll(Router router, boolean forceReconcile) {
        Instant at = clock.instant();
        Optional<RouterHealth> previous = routers.findHealth(router.resellerId(), router.id());
        Optional<RouterVitals> previousVitals = routers.findVitals(router.resellerId(), router.id());
        boolean wasDown = previous.isPresent() && !previous.get().reachable();
        try (RouterConnections connection = connections.get()) {
            RouterOperations operations = new RouterOperations(connection.session(router));
            long started = System.nanoTime();
            operations.identity();
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            SystemResource resource = operations.systemResource();
            int sessionCount = activeSessionCount(connection.session(router));
            List<ActiveHotspotSession> hotspot = List.of();
            List<ActivePppSession> ppp = List.of();
            RouterUsage samples = new RouterUsage(router.resellerId(), router.id(), at, 1, 1, List.of());
            if (sessionCount > settings.maxSessions()) {
                // Not read: a reply of that size would hold this worker and the usage pipeline up.
                boolean newlyCapped = previous.flatMap(h -> h.activeSessions().isPresent()
                        ? Optional.of(h.activeSessions().getAsInt()) : Optional.empty())
                        .map(n -> n <= settings.maxSessions()).orElse(true);
                LOG.warn("router {} reports {} active sessions, over the cap of {}: usage not read",
                        router.id(), sessionCount, settings.maxSessions());
                if (newlyCapped) {
                    alerts.publish(driverAlerts.sessionsCapped(router, sessionCount, settings.maxSessions()));
                }
            } else {
                hotspot = operations.activeHotspotSessions();
                ppp = operations.activePppSessions();
                samples = usage(router, hotspot, ppp, at);
                if (!samples.sessions().isEmpty()) {
                    usage.send(samples);
                }
                sessionCount = hotspot.size() + ppp.size();
            }
            Optional<RouterDrift> lastDrift = previousVitals.flatMap(RouterVitals::lastDrift);
            Optional<RouterDrift> drift = Optional.empty();
            boolean reconcileDue = forceReconcile || wasDown || lastDrift.isEmpty()
                    || !lastDrift.get().reconciledAt().plus(settings.reconcileEvery()).isAfter(at);
            if (reconcileDue) {
                drift = Optional.of(reconciler.reconcile(router, operations));
                driftMetrics.record(router, drift.get());
            }
            RouterHealth health = RouterHealth.reachable(router.resellerId(), router.id(), at, resource.version(),
                    sessionCount);
            RouterVitals vitals = new RouterVitals(latency, resource.cpuLoadPercent(), resource.freeMemoryBytes(),
                    resource.totalMemoryBytes(), resource.uptime(), resource.identity(), drift.or(() -> lastDrift));
            boolean stored = routers.recordHealth(health, vitals);
            if (stored && wasDown && previous.get().consecutiveFailures() >= settings.downAfterFailedPolls()) {
                alerts.publish(driverAlerts.routerBack(router));
            }
            return new RouterPollResult(router.id(), true, samples.sessions().size(), drift);
        } catch (RouterOsException | RouterCredentialsException e) {
            RouterHealth health = RouterHealth.unreachable(router.resellerId(), router.id(), at, e.getMessage(), previous);
            boolean stored = previousVitals.isPresent() ? routers.recordHealth(health, previousVitals.get())
                    : routers.recordHealth(health);
            LOG.warn("router {} poll failed ({} in a row): {}", router.id(), health.consecutiveFailures(), e.getMessage());
            if (stored && health.consecutiveFailures() == settings.downAfterFailedPolls()) {
                alerts.publish(driverAlerts.routerDown(router, e.getMessage(), health.consecutiveFailures()));
            }
            return new RouterPollResult(router.id(), false, 0, Optional.empty());
        }
    }

    /** Hotspot plus PPP sessions, counted by the router ({@code count-only}: one short reply each). */
    private static int activeSessionCount(com.wispbill.router.routeros.RouterOsSession session) throws RouterOsException {
        int total = 0;
        for (String path : List.of("/ip/hotspot/active/print", "/ppp/active/print")) {
            List<java.util.Map<String, String>> rows = session.execute(
                    com.wispbill.router.routeros.RouterOsCommand.builder(path).attribute("count-only", "").build());
            String count = rows.isEmpty() ? null : rows.getLast().get("ret");
            total += count == null ? 0 : Integer.parseInt(count.trim());
        }
        return total;
    }

    /** The poll as one usage message: every session's counters, read at {@code at}. */
    private static RouterUsage usage(Router router, List<ActiveHotspotSession> hotspot,
                                     List<ActivePppSession> ppp, Instant at) {
        List<RouterUsage.Session> samples = new ArrayList<>(hotspot.size() + ppp.size());
        for (ActiveHotspotSession s : hotspot) {
            samples.add(new RouterUsage.Session(UsageSample.SessionKind.HOTSPOT, s.sessionId(), s.user(),
                    s.bytesIn(), s.bytesOut(), s.uptime().toSeconds()));
        }
        for (ActivePppSession s : ppp) {
            // A session whose interface was not listed ended between the two reads: its last counters
            // were in the previous sample.
            if (s.bytesIn().isPresent() && s.bytesOut().isPresent()) {
                samples.add(new RouterUsage.Session(UsageSample.SessionKind.PPP, s.sessionId(), s.name(),
                        s.bytesIn().getAsLong(), s.bytesOut().getAsLong(), s.uptime().toSeconds()));
            }
        }
        return new RouterUsage(router.resellerId(), router.id(), at, 1, 1, samples);
    }
}
