package com.wispbill.router.poll;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled poll: every active router (GSI2 {@code ROUTERS#ACTIVE}), at most {@code parallelism}
 * at a time, each on its own connection: sessions and counters to {@code usage-samples}, health and
 * vitals on the router's health item (conditional: an older poll never overwrites a newer one), an
 * alert when a router has failed {@link Settings#downAfterFailedPolls()} polls in a row and a resolving
 * alert when it answers again (only on those transitions, and only by the poll whose health write won).
 * Reconcile runs when the last one is older than {@link Settings#reconcileEvery()}, or when the router
 * has just come back (it may have been reset or changed while away).
 */
public final class RouterPoller {
    private static final Logger LOG = LoggerFactory.getLogger(RouterPoller.class);
    private static final int ROUTER_PAGE = 100;

    /**
     * @param parallelism          routers polled at once
     * @param reconcileEvery       how often each router is reconciled
     * @param downAfterFailedPolls consecutive failed polls before the "router down" alert (one failed poll is
     *                             often a blip on a WISP's uplink)
     */
    public record Settings(int parallelism, Duration reconcileEvery, int downAfterFailedPolls) {
        public Settings {
            if (parallelism < 1 || downAfterFailedPolls < 1) {
                throw new IllegalArgumentException("parallelism and downAfterFailedPolls must be at least 1");
            }
            Objects.requireNonNull(reconcileEvery, "reconcileEvery");
        }
    }

    /** What one poll of one router did. */
    public record RouterPollResult(String routerId, boolean reachable, int samples, Optional<RouterDrift> drift) {
    }

    /** What a whole poll did; {@code skipped} routers were not started for lack of time (polled next run). */
    public record PollSummary(int routers, int reachable, int samples, int reconciled, int skipped) {
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

    /** Polls every active router, starting none with less than one router's worst case left of {@code remainingMillis}. */
    public PollSummary pollAll(LongSupplier remainingMillis) {
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism());
        List<Future<Optional<RouterPollResult>>> results = new ArrayList<>();
        try {
            PageRequest page = PageRequest.first(ROUTER_PAGE);
            while (true) {
                Page<Router> routerPage = routers.listActiveForPolling(page);
                for (Router router : routerPage.items()) {
                    results.add(pool.submit(() -> {
                        if (remainingMillis.getAsLong() < timeNeededPerRouter.toMillis()) {
                            LOG.warn("router {} not polled: the invocation is running out of time", router.id());
                            return Optional.<RouterPollResult>empty();
                        }
                        return Optional.of(poll(router, false));
                    }));
                }
                if (!routerPage.hasMore()) {
                    break;
                }
                page = page.next(routerPage);
            }
            int reachable = 0;
            int samples = 0;
            int reconciled = 0;
            int skipped = 0;
            for (Future<Optional<RouterPollResult>> result : results) {
                try {
                    Optional<RouterPollResult> polled = result.get();
                    if (polled.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    RouterPollResult r = polled.get();
                    reachable += r.reachable() ? 1 : 0;
                    samples += r.samples();
                    reconciled += r.drift().isPresent() ? 1 : 0;
                } catch (ExecutionException e) {
                    LOG.error("a router poll failed unexpectedly", e.getCause());
                }
            }
            return new PollSummary(results.size(), reachable, samples, reconciled, skipped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("poll interrupted", e);
        } finally {
            pool.shutdownNow();
        }
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
            List<ActiveHotspotSession> hotspot = operations.activeHotspotSessions();
            List<ActivePppSession> ppp = operations.activePppSessions();
            RouterUsage samples = usage(router, hotspot, ppp, at);
            if (!samples.sessions().isEmpty()) {
                usage.send(samples);
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
                    hotspot.size() + ppp.size());
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
