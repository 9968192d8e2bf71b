package com.wispbill.router;

import com.wispbill.testing.TestLambdaContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.domain.Router;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routerdriver.RouterCircuit;
import com.wispbill.local.routeros.CommandFault;
import com.wispbill.local.routeros.HotspotUser;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The command consumer against the embedded stack (DynamoDB, SQS FIFO with its DLQ, SNS alerts topic,
 * Secrets Manager) and simulated routers.
 */
class RouterCommandHandlerTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static DriverHarness harness;

    private final List<RouterOsSimulator> simulators = new ArrayList<>();
    private CountingConnector connector;
    private RouterCommandHandler handler;

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
        connector = DriverHarness.connector(DriverHarness.fastSettings());
        handler = new RouterCommandHandler(harness.wiring(connector, DriverHarness.fastSettings()).commandProcessor(5));
        harness.drainAlerts();
        harness.drainDlq();
    }

    @AfterEach
    void stopRouters() {
        simulators.forEach(RouterOsSimulator::close);
    }

    private RouterOsSimulator simulator(RouterOsVersion version, boolean tls) throws IOException {
        RouterOsSimulator simulator = RouterOsSimulator.builder().identity("sim-" + IDS.incrementAndGet())
                .version(version).credentials(DriverHarness.API_USER, "s3cret pass=1").tls(tls).start();
        simulators.add(simulator);
        return simulator;
    }

    private static String id(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    private static EnsureHotspotUser voucher(String code, String profile) {
        return new EnsureHotspotUser(code, "", profile, Optional.of(Duration.ofHours(1)), OptionalLong.empty(), "batch b-1");
    }

    @Test
    void eventFileBatchAppliesInOrderAndReportsOnlyTheFailedMessages() throws IOException {
        RouterOsSimulator simulator = simulator(RouterOsVersion.V7_19, true);
        harness.addRouter("res-evt", "rtr-evt-1", simulator, true);
        // rtr-evt-2 exists, but under another reseller: the envelope's reseller must not reach it.
        harness.addRouter("res-other", "rtr-evt-2", simulator(RouterOsVersion.V7_19, true), true);
        SQSEvent event = EventLoader.loadSQSEvent(Events.path("router-driver-commands-batch.json"));
        Map<String, Long> figures = new java.util.TreeMap<>();
        RouterCommandHandler metered = new RouterCommandHandler(harness.wiring(connector, DriverHarness.fastSettings()).commandProcessor(5),
                (metric, value, dimensions) -> figures.merge(metric.metricName() + " " + dimensions.get("RouterId"), value, Long::sum));

        SQSBatchResponse first = metered.handleRequest(event, new TestLambdaContext(55_000));

        assertEquals(List.of("msg-3-other-tenant", "msg-4-unreadable", "msg-5-after-failure"), failedIds(first));
        assertEquals(Map.of("RouterCommandsApplied rtr-evt-1", 3L, "RouterCommandsFailed rtr-evt-1", 0L,
                "RouterCommandsApplied rtr-evt-2", 0L, "RouterCommandsFailed rtr-evt-2", 2L,
                "RouterCommandsApplied rtr-evt-3", 0L, "RouterCommandsFailed rtr-evt-3", 1L), figures);
        HotspotUser user = simulator.state().hotspotUser("K7M2Q9XR4T").orElseThrow();
        assertEquals("1h-5M", user.profile());
        assertTrue(user.disabled(), "the disable after the ensure ran after it");
        assertTrue(simulators.get(1).state().hotspotUsers().isEmpty(), "the other reseller's router is untouched");
        assertEquals(0, simulators.get(1).stats().connectionsAccepted());
        // The unreadable message was on its 5th (last) delivery: it goes to the DLQ with an alert.
        assertTrue(harness.drainAlerts().stream().anyMatch(a -> a.key().startsWith("ROUTER_COMMAND_UNREADABLE#")));

        long writes = simulator.stats().commandsApplied();
        SQSBatchResponse again = handler.handleRequest(event, new TestLambdaContext(55_000));
        assertEquals(failedIds(first), failedIds(again));
        assertEquals(writes, simulator.stats().commandsApplied(), "a redelivered batch changes nothing on the router");
        assertEquals(1, simulator.stats().commandsReceived("/ip/hotspot/user/add"));
        assertTrue(harness.state.isCommandApplied("res-evt", "cmd-evt-2"));
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .sorted().toList();
    }

    enum Mode {
        V7_19_API_SSL(RouterOsVersion.V7_19, true),
        V7_19_PLAIN(RouterOsVersion.V7_19, false),
        V6_49_PLAIN(RouterOsVersion.V6_49, false),
        V6_40_CHALLENGE_API_SSL(RouterOsVersion.V6_40, true);

        final RouterOsVersion version;
        final boolean tls;

        Mode(RouterOsVersion version, boolean tls) {
            this.version = version;
            this.tls = tls;
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void commandsForOneRouterAreAppliedInOrderInEveryRouterOsMode(Mode mode) throws IOException {
        RouterOsSimulator simulator = simulator(mode.version, mode.tls);
        Router router = harness.addRouter(id("res"), id("rtr"), simulator, mode.tls);
        simulator.state().addHotspotUserProfile(Map.of("name", "1h"));
        simulator.state().addHotspotUserProfile(Map.of("name", "1d"));
        // Any other order leaves a different end state: remove last = no user, first ensure last = profile 1h.
        harness.send(List.of(
                harness.envelope(router, voucher("ORDER1CODE", "1h")),
                harness.envelope(router, new RemoveHotspotUser("ORDER1CODE")),
                harness.envelope(router, new EnsureHotspotProfile("1d", Optional.empty(), 2)),
                harness.envelope(router, voucher("ORDER1CODE", "1d"))));

        DriverHarness.Round round = harness.deliver(handler);

        assertEquals(4, round.received());
        assertTrue(round.failedIds().isEmpty(), "failed: " + round.failedIds());
        HotspotUser user = simulator.state().hotspotUser("ORDER1CODE").orElseThrow();
        assertEquals("1d", user.profile());
        assertFalse(user.disabled());
        assertEquals(2, simulator.stats().commandsApplied("/ip/hotspot/user/add"));
        assertEquals(1, simulator.stats().logins(), "one connection per router per invocation");
        assertEquals(0, harness.queueDepth(harness.commandsQueue()));
    }

    @Test
    void droppedReplyDoesNotCreateASecondUser() throws IOException {
        RouterOsSimulator simulator = simulator(RouterOsVersion.V7_19, true);
        Router router = harness.addRouter(id("res"), id("rtr"), simulator, true);
        simulator.faults().failNext("/ip/hotspot/user/add", CommandFault.APPLY_THEN_DISCONNECT);
        harness.send(List.of(harness.envelope(router, voucher("DROPPEDR3P", "default"))));

        DriverHarness.Round first = harness.deliver(handler);
        assertEquals(1, first.failedIds().size(), "the lost reply fails the delivery: it may or may not have been applied");
        DriverHarness.Round second = harness.deliver(handler);

        assertTrue(second.failedIds().isEmpty());
        assertEquals(1, simulator.state().hotspotUsers().stream().filter(u -> u.name().equals("DROPPEDR3P")).count());
        assertEquals(1, simulator.stats().commandsApplied("/ip/hotspot/user/add"));
        assertEquals(0, harness.queueDepth(harness.commandsQueue()));
        assertTrue(harness.drainDlq().isEmpty());
    }

    @Test
    void routerDownTenSimulatedMinutesThenBackAppliesEveryQueuedCommandExactlyOnce() throws IOException {
        RouterOsSimulator down = simulator(RouterOsVersion.V7_19, true);
        RouterOsSimulator up = simulator(RouterOsVersion.V6_49, false);
        Router downRouter = harness.addRouter(id("res"), id("rtr"), down, true);
        Router upRouter = harness.addRouter(id("res"), id("rtr"), up, false);
        down.faults().refuseConnections(true);
        List<RouterCommandEnvelope> commands = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            commands.add(harness.envelope(downRouter, voucher("DOWNCODE0" + i, "default")));
        }
        commands.add(harness.envelope(upRouter, voucher("UPCODE0001", "default")));
        commands.add(harness.envelope(downRouter, new DisableHotspotUser("DOWNCODE00")));
        commands.add(harness.envelope(upRouter, voucher("UPCODE0002", "default")));
        harness.send(commands);

        // SQS redelivers after the queue's 6-minute visibility timeout: t = 0, 6 (down), 12 (back since t = 10).
        DriverHarness.Round atStart = harness.deliver(handler);
        assertEquals(6, atStart.failedIds().size(), "all of the dead router's commands, none of the other's");
        assertEquals(2, up.state().hotspotUsers().size(), "the dead router does not hold up the others");
        harness.clock.advance(Duration.ofMinutes(6));
        assertEquals(6, harness.deliver(handler).failedIds().size());
        harness.clock.advance(Duration.ofMinutes(4));
        down.faults().refuseConnections(false);
        harness.clock.advance(Duration.ofMinutes(2));
        DriverHarness.Round back = harness.deliver(handler);

        assertTrue(back.failedIds().isEmpty(), "failed after the router came back: " + back.failedIds());
        assertEquals(5, down.stats().commandsApplied("/ip/hotspot/user/add"), "each ensure applied exactly once");
        assertEquals(5, down.state().hotspotUsers().size());
        assertTrue(down.state().hotspotUser("DOWNCODE00").orElseThrow().disabled(), "in order: disable after ensure");
        assertEquals(2, connector.attempts(downRouter.id()) - 1, "one attempt per delivery round while down");
        assertEquals(0, harness.queueDepth(harness.commandsQueue()));
        assertEquals(0, harness.queueDepth(harness.commandsDlq()));
        assertTrue(harness.state.circuit(downRouter.resellerId(), downRouter.id()).isHealthy());
    }

    @Test
    void routerDownForGoodFailsFastThenReachesTheDlqAfterMaxReceiveCountWithAnAlert() throws IOException {
        RouterOsSimulator dead = simulator(RouterOsVersion.V7_19, true);
        Router router = harness.addRouter(id("res"), id("rtr"), dead, true);
        dead.faults().refuseConnections(true);
        harness.send(List.of(harness.envelope(router, voucher("DEADCODE01", "default")),
                harness.envelope(router, voucher("DEADCODE02", "default"))));

        for (int delivery = 1; delivery <= 5; delivery++) {
            assertEquals(2, harness.deliver(handler).failedIds().size(), "delivery " + delivery);
            harness.clock.advance(Duration.ofSeconds(20));
        }
        DriverHarness.Round afterMax = harness.deliver(handler);

        assertEquals(0, afterMax.received(), "after maxReceiveCount the messages are in the DLQ");
        assertEquals(2, harness.drainDlq().size());
        assertEquals(3, connector.attempts(router.id()),
                "the circuit opened after 3 failures: deliveries 4 and 5 failed without connecting");
        RouterCircuit circuit = harness.state.circuit(router.resellerId(), router.id());
        assertTrue(circuit.consecutiveFailures() >= 3);
        List<Alert> alerts = harness.drainAlerts();
        assertEquals(2, alerts.stream().filter(a -> a.key().startsWith("ROUTER_COMMAND_FAILED#")).count(),
                "one alert per command on its last delivery: " + alerts);
        assertTrue(alerts.stream().allMatch(a -> a.resellerId().equals(Optional.of(router.resellerId()))));
        assertFalse(alerts.toString().contains("DEADCODE01"), "voucher codes are masked in alerts");
    }

    @Test
    void wrongPasswordIsAClearErrorWithOneAlertAndNoRetryStorm() throws IOException {
        RouterOsSimulator simulator = simulator(RouterOsVersion.V7_19, true);
        Router router = harness.addRouter(id("res"), id("rtr"), simulator, true);
        harness.putSecret(router, DriverHarness.API_USER, "not the password", simulator);
        harness.send(List.of(harness.envelope(router, voucher("AUTHCODE01", "default"))));

        for (int delivery = 1; delivery <= 3; delivery++) {
            assertEquals(1, harness.deliver(handler).failedIds().size());
            harness.clock.advance(Duration.ofMinutes(1));
        }

        assertEquals(1, simulator.stats().failedLogins(),
                "one refused login; the re-read secret was unchanged and the circuit stayed open after that");
        List<Alert> alerts = harness.drainAlerts();
        List<Alert> auth = alerts.stream().filter(a -> a.key().equals("ROUTER_AUTH#" + router.id())).toList();
        assertEquals(1, auth.size(), "one alert, not one per message: " + alerts);
        assertTrue(auth.getFirst().detail().contains("refused the API credentials"));
        assertFalse(auth.getFirst().detail().contains("not the password"));
        RouterCircuit circuit = harness.state.circuit(router.resellerId(), router.id());
        assertEquals(Optional.of(RouterCircuit.FailureReason.AUTHENTICATION), circuit.reason());
        assertTrue(circuit.lastError().orElseThrow().contains("invalid user name or password"), circuit.toString());
    }

    @Test
    void rotatedPasswordIsPickedUpByOneForcedRefresh() throws IOException {
        RouterOsSimulator simulator = simulator(RouterOsVersion.V6_49, true);
        Router router = harness.addRouter(id("res"), id("rtr"), simulator, true);
        RouterDriverWiring wiring = harness.wiring(connector, DriverHarness.fastSettings());
        harness.putSecret(router, DriverHarness.API_USER, "old password", simulator);
        wiring.credentials().credentials(router); // cached, as by an earlier invocation
        harness.putSecret(router, DriverHarness.API_USER, simulator.password(), simulator);
        RouterCommandHandler rotated = new RouterCommandHandler(wiring.commandProcessor(5));
        harness.send(List.of(harness.envelope(router, voucher("ROTATED001", "default"))));

        assertTrue(harness.deliver(rotated).failedIds().isEmpty());
        assertEquals(1, simulator.stats().failedLogins());
        assertTrue(simulator.state().hotspotUser("ROTATED001").isPresent());
        assertTrue(harness.drainAlerts().isEmpty());
    }

    @Test
    void templateAlertsOnTheDeliveryThatSendsACommandToTheDlq() {
        String redrive = harness.sqs.getQueueAttributes(b -> b.queueUrl(harness.commandsQueue())
                .attributeNamesWithStrings("RedrivePolicy")).attributesAsStrings().get("RedrivePolicy");
        assertTrue(redrive.contains("\"maxReceiveCount\":5") || redrive.contains("\"maxReceiveCount\":\"5\""), redrive);
        assertEquals("5", harness.stack.environment().get("ROUTER_COMMANDS_MAX_RECEIVE_COUNT"));
    }

    @Test
    void theTemplatesFunctionAppliesCommandsThroughItsOwnWiring() throws IOException {
        RouterOsSimulator simulator = simulator(RouterOsVersion.V7_19, true);
        Router router = harness.addRouter(id("res"), id("rtr"), simulator, true);
        harness.send(List.of(harness.envelope(router, voucher("WIRED00001", "default"))));
        List<software.amazon.awssdk.services.sqs.model.Message> received = harness.sqs.receiveMessage(b -> b
                .queueUrl(harness.commandsQueue()).maxNumberOfMessages(10).waitTimeSeconds(2)
                .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL))
                .messages();

        // The handler the stack built with its no-arg constructor from the template's environment.
        Object response = harness.stack.invoke("RouterDriverFunction", DriverHarness.sqsEvent(received));

        assertEquals("{\"batchItemFailures\":[]}", String.valueOf(response), "the answer its stream handler wrote");
        assertTrue(simulator.state().hotspotUser("WIRED00001").isPresent());
        received.forEach(m -> harness.sqs.deleteMessage(b -> b.queueUrl(harness.commandsQueue())
                .receiptHandle(m.receiptHandle())));
    }

    @Test
    void anUnusableRouterSecretFailsEveryDeliveryAndAlertsOnTheLast() throws IOException {
        RouterOsSimulator simulator = simulator(RouterOsVersion.V7_19, true);
        Router router = harness.addRouter(id("res"), id("rtr"), simulator, true);
        harness.secrets.putSecretValue(b -> b.secretId(DriverHarness.secretName(router)).secretString(
                "{\"username\":\"wispbill\",\"password\":\"s3cret pass=1\",\"caCertificatePem\":\"not a certificate\"}"));
        harness.send(List.of(harness.envelope(router, voucher("BADCERT001", "default"))));

        for (int delivery = 1; delivery <= 5; delivery++) {
            assertEquals(1, harness.deliver(handler).failedIds().size(), "delivery " + delivery);
        }

        assertEquals(0, simulator.stats().connectionsAccepted(), "an unverifiable router is never contacted");
        List<Alert> alerts = harness.drainAlerts();
        assertEquals(1, alerts.size(), alerts.toString());
        assertTrue(alerts.getFirst().detail().contains("CA certificate"), alerts.getFirst().detail());
        assertFalse(alerts.getFirst().detail().contains("s3cret"));
        assertEquals(0, harness.deliver(handler).received());
        assertEquals(1, harness.drainDlq().size());
    }
}
