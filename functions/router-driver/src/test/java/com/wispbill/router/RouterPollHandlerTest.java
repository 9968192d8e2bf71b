package com.wispbill.router;

import com.wispbill.testing.StreamInvocation;
import com.wispbill.testing.TestLambdaContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.sqs.SqsUsageSampleQueue;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.UsageSample;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.EnsurePppSecret;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routerdriver.RouterDrift;
import com.wispbill.domain.routerdriver.RouterVitals;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.sqs.SqsRouterPollQueue;
import com.wispbill.domain.messages.RouterPollJob;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.local.routeros.ReplyGate;
import com.wispbill.router.poll.DriftMetrics;
import com.wispbill.router.poll.PollScheduler;
import com.wispbill.router.poll.RouterPoller;
import java.util.concurrent.CompletableFuture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The scheduled fan-out (one job per router), the poll workers, and reconcile, against the embedded
 * stack and simulated routers.
 */
class RouterPollHandlerTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final List<String> WRITES = List.of("/ip/hotspot/user/add", "/ip/hotspot/user/set",
            "/ip/hotspot/user/remove", "/ip/hotspot/user/unset", "/ip/hotspot/active/remove", "/ppp/secret/add",
            "/ppp/secret/set", "/ppp/secret/remove", "/ppp/secret/unset", "/ppp/active/remove");
    private static DriverHarness harness;

    private final List<RouterOsSimulator> simulators = new ArrayList<>();
    private final List<Router> routers = new ArrayList<>();
    private final List<RouterDrift> metrics = new CopyOnWriteArrayList<>();
    private RouterPoller poller;
    private RouterCommandHandler commands;
    private RouterDriverWiring wiring;
    private PollScheduler scheduler;
    private final List<RouterPollJob> sentJobs = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        harness = DriverHarness.start();
    }

    @AfterAll
    static void stopStack() {
        harness.close();
    }

    @BeforeEach
    void wire() {
        wiring = harness.wiring(DriverHarness.connector(DriverHarness.fastSettings()),
                DriverHarness.fastSettings());
        poller = poller(5_000);
        // The real queue, with the order the scheduler hands it the jobs kept: a standard queue does not promise to
        // give messages back in the order they were sent, so fairness is checked on the order sent.
        SqsRouterPollQueue queue = new SqsRouterPollQueue(harness.sqs, pollsQueue());
        scheduler = new PollScheduler(harness.routers, jobs -> {
            sentJobs.addAll(jobs);
            queue.send(jobs);
        }, harness.clock);
        commands = new RouterCommandHandler(wiring.commandProcessor(5));
        harness.drainAlerts();
        drainSamples();
        drainJobs();
    }

    private RouterPoller poller(int maxSessions) {
        DriftMetrics recording = (router, drift) -> metrics.add(drift);
        return wiring.poller(new SqsUsageSampleQueue(harness.sqs, usageQueue()), recording,
                new RouterPoller.Settings(maxSessions, Duration.ofMinutes(15), 2));
    }

    private RouterPollWorkerHandler worker(RouterPoller poller) {
        return new RouterPollWorkerHandler(harness.routers, poller, harness.clock, wiring.timeNeededPerRouter(),
                OperationalMetrics.DISCARD);
    }

    private String pollsQueue() {
        return harness.stack.resources().queueUrl("RouterPollsQueue");
    }

    /** The queued poll jobs, in queue order, each as the one-record event Lambda hands a worker (batch size 1). */
    private List<SQSEvent> drainJobs() {
        List<SQSEvent> events = new ArrayList<>();
        while (true) {
            List<Message> messages = harness.sqs.receiveMessage(b -> b.queueUrl(pollsQueue()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return events;
            }
            for (Message m : messages) {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId(m.messageId());
                record.setBody(m.body());
                SQSEvent event = new SQSEvent();
                event.setRecords(List.of(record));
                events.add(event);
                harness.sqs.deleteMessage(b -> b.queueUrl(pollsQueue()).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static RouterPollJob job(SQSEvent event) {
        return MessageCodec.decodeRouterPollJob(event.getRecords().getFirst().getBody());
    }

    private static SQSEvent jobFor(List<SQSEvent> jobs, Router router) {
        return jobs.stream().filter(e -> job(e).routerId().equals(router.id())).findFirst().orElseThrow();
    }

    @AfterEach
    void stopRouters() {
        // Other tests' routers must not be polled by the next test's pollAll.
        routers.forEach(r -> harness.routers.replace(r, r.toBuilder().status(RouterStatus.DISABLED).build()));
        simulators.forEach(RouterOsSimulator::close);
    }

    private Router router(RouterOsVersion version, boolean tls) throws IOException {
        RouterOsSimulator simulator = RouterOsSimulator.builder().identity("poll-sim-" + IDS.incrementAndGet())
                .version(version).credentials(DriverHarness.API_USER, "p0ll pass").tls(tls).start();
        simulators.add(simulator);
        Router router = harness.addRouter("res-p" + IDS.incrementAndGet(), "rtr-p" + IDS.incrementAndGet(), simulator, tls);
        routers.add(router);
        return router;
    }

    private String usageQueue() {
        return harness.stack.resources().queueUrl("UsageSamplesQueue");
    }

    private List<UsageSample> drainSamples() {
        List<UsageSample> samples = new ArrayList<>();
        while (true) {
            List<Message> messages = harness.sqs.receiveMessage(b -> b.queueUrl(usageQueue()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return samples;
            }
            for (Message m : messages) {
                samples.addAll(MessageCodec.decodeUsage(m.body()).samples());
                harness.sqs.deleteMessage(b -> b.queueUrl(usageQueue()).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private void apply(Router router, List<RouterCommandEnvelope> envelopes) {
        harness.send(envelopes);
        assertTrue(harness.deliver(commands).failedIds().isEmpty());
    }

    private static EnsureHotspotUser user(String name, String profile) {
        return new EnsureHotspotUser(name, "pw-" + name.length(), profile, Optional.of(Duration.ofHours(2)),
                OptionalLong.empty(), "billing");
    }

    private static long writes(RouterOsSimulator simulator) {
        return WRITES.stream().mapToLong(path -> simulator.stats().commandsApplied(path)).sum();
    }

    @Test
    void scheduledEventPollsSessionsCountersAndHealth() throws IOException {
        Router router = router(RouterOsVersion.V7_19, true);
        RouterOsSimulator simulator = simulators.getLast();
        apply(router, List.of(harness.envelope(router, user("SESSCODE01", "default")),
                harness.envelope(router, new EnsurePppSecret("alice", "ppp-pw", "default", "sub-1"))));
        simulator.login("SESSCODE01", "10.5.50.10", "AA:BB:CC:00:11:22");
        simulator.state().connectPpp("alice", "10.6.0.2", "AA:BB:CC:00:11:33");
        simulator.advance(Duration.ofMinutes(2), 1_000, 20_000);
        harness.clock.advance(Duration.ofMinutes(1));
        String summary = StreamInvocation.invoke(new RouterPollHandler(scheduler), Path.of(Events.path("router-poll-scheduled.json")),
                new TestLambdaContext(60_000));

        assertEquals("\"queued 1 router polls\"", summary);
        List<SQSEvent> jobs = drainJobs();
        assertEquals(List.of(), worker(poller).handleRequest(jobs.getFirst(), new TestLambdaContext(60_000))
                .getBatchItemFailures());
        List<UsageSample> samples = drainSamples();
        assertEquals(2, samples.size(), samples.toString());
        UsageSample hotspot = samples.stream().filter(s -> s.kind() == UsageSample.SessionKind.HOTSPOT).findFirst().orElseThrow();
        assertEquals("SESSCODE01", hotspot.username());
        assertEquals(120_000, hotspot.bytesIn());
        assertEquals(2_400_000, hotspot.bytesOut());
        assertEquals(Duration.ofMinutes(2), hotspot.uptime());
        UsageSample ppp = samples.stream().filter(s -> s.kind() == UsageSample.SessionKind.PPP).findFirst().orElseThrow();
        assertEquals("alice", ppp.username());
        assertTrue(ppp.bytesIn() > 0 && ppp.bytesOut() > 0);
        RouterHealth health = harness.routers.findHealth(router.resellerId(), router.id()).orElseThrow();
        assertTrue(health.reachable());
        assertTrue(health.routerOsVersion().orElseThrow().startsWith("7.19"));
        assertEquals(2, health.activeSessions().getAsInt());
        assertEquals(Optional.of(harness.clock.instant()), health.lastSeenAt());
        RouterVitals vitals = harness.routers.findVitals(router.resellerId(), router.id()).orElseThrow();
        assertEquals(simulator.state().identity(), vitals.identity());
        assertTrue(vitals.totalMemoryBytes() > 0 && vitals.freeMemoryBytes() > 0);
        assertTrue(vitals.uptime().compareTo(Duration.ofMinutes(2)) >= 0);
        assertEquals(0, vitals.lastDrift().orElseThrow().total(), "billing's own users are no drift");
    }

    @Test
    void downAndBackAlertsOnlyOnTransitions() throws IOException {
        Router router = router(RouterOsVersion.V6_49, false);
        RouterOsSimulator simulator = simulators.getLast();
        assertTrue(poller.poll(router, false).reachable());
        simulator.faults().refuseConnections(true);
        for (int i = 0; i < 4; i++) {
            harness.clock.advance(Duration.ofMinutes(1));
            assertFalse(poller.poll(router, false).reachable());
        }
        List<Alert> whileDown = harness.drainAlerts();
        RouterHealth down = harness.routers.findHealth(router.resellerId(), router.id()).orElseThrow();
        simulator.faults().refuseConnections(false);
        harness.clock.advance(Duration.ofMinutes(1));
        assertTrue(poller.poll(router, false).reachable());
        harness.clock.advance(Duration.ofMinutes(1));
        assertTrue(poller.poll(router, false).reachable());
        List<Alert> afterBack = harness.drainAlerts();

        assertEquals(1, whileDown.size(), whileDown.toString());
        assertEquals("ROUTER_DOWN#" + router.id(), whileDown.getFirst().key());
        assertFalse(whileDown.getFirst().resolved());
        assertEquals(4, down.consecutiveFailures());
        assertTrue(down.lastError().orElseThrow().contains("refused"), down.toString());
        assertTrue(down.lastSeenAt().isPresent(), "last seen survives failed polls");
        assertEquals(1, afterBack.size(), afterBack.toString());
        assertEquals("ROUTER_DOWN#" + router.id(), afterBack.getFirst().key());
        assertTrue(afterBack.getFirst().resolved());
    }

    @Test
    void reconcileFixesUsersAddedAndRemovedBehindBillingsBack() throws IOException {
        Router router = router(RouterOsVersion.V7_19, true);
        RouterOsSimulator simulator = simulators.getLast();
        apply(router, List.of(
                harness.envelope(router, new EnsureHotspotProfile("2h", Optional.empty(), 1)),
                harness.envelope(router, user("KEEPCODE0A", "2h")),
                harness.envelope(router, user("KEEPCODE0B", "2h")),
                harness.envelope(router, user("EXPIRED00D", "2h")),
                harness.envelope(router, new DisableHotspotUser("EXPIRED00D")),
                harness.envelope(router, user("REMOVED00E", "2h")),
                harness.envelope(router, new RemoveHotspotUser("REMOVED00E")),
                harness.envelope(router, new EnsurePppSecret("bob", "ppp-pw", "default", "sub-2"))));
        assertTrue(poller.poll(router, false).drift().isPresent(), "the first poll reconciles");
        harness.clock.advance(Duration.ofMinutes(1));
        // Behind billing's back:
        var state = simulator.state();
        state.removeHotspotUser("KEEPCODE0A");
        state.setHotspotUser("KEEPCODE0B", Map.of("profile", "default"));
        state.setHotspotUser("EXPIRED00D", Map.of("disabled", "no"));
        state.addHotspotUser(Map.of("name", "REMOVED00E", "password", "x", "profile", "2h"));
        simulator.addHotspotUserBehindBillingsBack("FREEBIE001", "free", "default");
        simulator.login("FREEBIE001", "10.5.50.99", "AA:BB:CC:00:11:99");
        state.removePppSecret("bob");
        state.addPppSecret(Map.of("name", "rogue", "password", "x", "service", "pppoe"));

        RouterPoller.RouterPollResult result = poller.poll(router, true);

        RouterDrift drift = result.drift().orElseThrow();
        assertEquals(2, drift.missing(), "KEEPCODE0A and bob were recreated: " + drift);
        assertEquals(1, drift.changed(), "KEEPCODE0B's profile: " + drift);
        assertEquals(1, drift.shouldBeDisabled(), drift.toString());
        assertEquals(1, drift.shouldBeRemoved(), drift.toString());
        assertEquals(2, drift.unknown(), "FREEBIE001 and rogue: " + drift);
        assertEquals(0, drift.failed());
        assertEquals("2h", state.hotspotUser("KEEPCODE0A").orElseThrow().profile());
        assertEquals("2h", state.hotspotUser("KEEPCODE0B").orElseThrow().profile());
        assertTrue(state.hotspotUser("EXPIRED00D").orElseThrow().disabled());
        assertTrue(state.hotspotUser("REMOVED00E").isEmpty());
        assertTrue(state.hotspotUser("FREEBIE001").orElseThrow().disabled());
        assertTrue(state.hotspotActive().stream().noneMatch(s -> s.user().equals("FREEBIE001")), "and kicked");
        assertTrue(state.pppSecret("bob").isPresent());
        assertTrue(state.pppSecret("rogue").orElseThrow().disabled());
        RouterVitals vitals = harness.routers.findVitals(router.resellerId(), router.id()).orElseThrow();
        assertEquals(Optional.of(drift), vitals.lastDrift(), "drift is on the health record");
        assertEquals(drift, metrics.getLast(), "and reported as a metric");

        long before = writes(simulator);
        harness.clock.advance(Duration.ofMinutes(1));
        RouterDrift again = poller.poll(router, true).drift().orElseThrow();
        assertEquals(0, again.total(), again.toString());
        assertEquals(before, writes(simulator), "a second reconcile changes nothing");
    }

    @Test
    void theTemplatesScheduleRunsThePollThroughItsOwnWiring() throws IOException {
        Router router = router(RouterOsVersion.V6_49, true);

        // The handlers the stack built with their no-arg constructors: the schedule fired as EventBridge
        // would, then its job handed to the worker as the SQS event source would.
        Object summary = harness.stack.invokeScheduleNow("RouterPollFunction");
        assertEquals("\"queued 1 router polls\"", String.valueOf(summary), "the answer is the summary as a JSON string");
        harness.stack.invoke("PollWorkerFunction", drainJobs().getFirst());

        RouterHealth health = harness.routers.findHealth(router.resellerId(), router.id()).orElseThrow();
        assertTrue(health.reachable());
        assertTrue(health.routerOsVersion().orElseThrow().startsWith("6.49"));
    }

    @Test
    void routersAreNotStartedWhenTheInvocationIsRunningOutOfTime() throws IOException {
        Router router = router(RouterOsVersion.V7_19, true);
        scheduler.enqueueAll();
        SQSEvent job = drainJobs().getFirst();

        var response = worker(poller).handleRequest(job, new TestLambdaContext(3_000));

        assertEquals(List.of(job.getRecords().getFirst().getMessageId()),
                response.getBatchItemFailures().stream().map(f -> f.getItemIdentifier()).toList(), "retried later");
        assertTrue(harness.routers.findHealth(router.resellerId(), router.id()).isEmpty());
        assertEquals(0, simulators.getLast().stats().connectionsAccepted());
    }

    @Test
    void theScheduleQueuesOneJobPerRouterWithResellersTakingTurns() throws IOException {
        router(RouterOsVersion.V7_19, false);   // a reseller with one router
        RouterOsSimulator sim = simulators.getLast();
        List<Router> a = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            a.add(harness.addRouter("res-fair-a", "rtr-fair-a" + IDS.incrementAndGet(), sim, false));
        }
        Router b = harness.addRouter("res-fair-b", "rtr-fair-b" + IDS.incrementAndGet(), sim, false);
        routers.addAll(a);
        routers.add(b);
        assertEquals(1 + a.size() + 1, scheduler.enqueueAll());

        assertEquals(1 + a.size() + 1, drainJobs().size());
        List<String> resellers = sentJobs.stream().map(RouterPollJob::resellerId).toList();
        // res-fair-a has three routers, res-fair-b one: b is not queued behind all of a's.
        int firstB = resellers.indexOf("res-fair-b");
        assertTrue(firstB >= 0 && firstB < resellers.lastIndexOf("res-fair-a"), resellers.toString());
        assertEquals(1 + a.size() + 1, resellers.size());
    }

    @Test
    void aSlowRouterHoldsUpOnlyItsOwnWorker() throws Exception {
        Router slow = router(RouterOsVersion.V7_19, false);
        RouterOsSimulator slowSim = simulators.getLast();
        Router fast = router(RouterOsVersion.V7_19, false);
        RouterOsSimulator fastSim = simulators.getLast();
        apply(fast, List.of(harness.envelope(fast, user("FASTCODE01", "default"))));
        fastSim.login("FASTCODE01", "10.5.50.20", "AA:BB:CC:00:22:01");
        fastSim.advance(Duration.ofMinutes(1), 1_000, 10_000);
        scheduler.enqueueAll();
        List<SQSEvent> jobs = drainJobs();
        ReplyGate held = slowSim.faults().holdReplies("/system/identity/print");
        try {
            // Two workers, as Lambda runs them side by side: the slow router's is stuck on its first reply.
            CompletableFuture<?> slowWorker = CompletableFuture.runAsync(() ->
                    worker(poller).handleRequest(jobFor(jobs, slow), new TestLambdaContext(60_000)));
            assertEquals(List.of(), worker(poller).handleRequest(jobFor(jobs, fast), new TestLambdaContext(60_000))
                    .getBatchItemFailures());

            assertTrue(harness.routers.findHealth(fast.resellerId(), fast.id()).orElseThrow().reachable());
            assertEquals(List.of("FASTCODE01"), drainSamples().stream().map(UsageSample::username).toList());
            held.release();
            slowWorker.get();
        } finally {
            held.release();
        }
        assertTrue(harness.routers.findHealth(slow.resellerId(), slow.id()).isPresent(), "the slow router is polled too");
    }

    @Test
    void aRouterReporting50000SessionsIsCappedAndAlertedOnceWhileOthersArePolled() throws IOException {
        Router huge = router(RouterOsVersion.V7_19, false);
        RouterOsSimulator hugeSim = simulators.getLast();
        Router normal = router(RouterOsVersion.V7_19, false);
        RouterOsSimulator normalSim = simulators.getLast();
        hugeSim.state().addHotspotUserProfile(Map.of("name", "crowd", "shared-users", "unlimited"));
        apply(huge, List.of(harness.envelope(huge, user("crowd", "crowd"))));   // billing's own user: reconcile keeps it
        for (int i = 0; i < 50_000; i++) {
            hugeSim.state().loginHotspotUser("crowd", "10.9." + (i / 250) + "." + (i % 250), "AA:BB:CC:00:00:01");
        }
        apply(normal, List.of(harness.envelope(normal, user("NORMCODE01", "default"))));
        normalSim.login("NORMCODE01", "10.5.50.30", "AA:BB:CC:00:33:01");
        normalSim.advance(Duration.ofMinutes(1), 1_000, 10_000);
        RouterPoller capped = poller(5_000);

        for (int poll = 0; poll < 2; poll++) {
            harness.clock.advance(Duration.ofMinutes(1));
            scheduler.enqueueAll();
            for (SQSEvent job : drainJobs()) {
                assertEquals(List.of(), worker(capped).handleRequest(job, new TestLambdaContext(60_000)).getBatchItemFailures());
            }
        }

        assertEquals(List.of("NORMCODE01", "NORMCODE01"), drainSamples().stream().map(UsageSample::username).toList(),
                "the huge router sends no usage; the other router's two polls are there");
        RouterHealth health = harness.routers.findHealth(huge.resellerId(), huge.id()).orElseThrow();
        assertTrue(health.reachable(), health.toString());
        assertEquals(2, hugeSim.stats().commandsReceived("/ip/hotspot/active/print"),
                "the huge router was only counted (count-only, once a poll), never listed");
        assertEquals(50_000, health.activeSessions().getAsInt());
        List<Alert> alerts = harness.drainAlerts();
        assertEquals(List.of("ROUTER_SESSIONS_CAPPED#" + huge.id()), alerts.stream().map(Alert::key).toList(),
                "one alert, not one per poll");
    }
}
