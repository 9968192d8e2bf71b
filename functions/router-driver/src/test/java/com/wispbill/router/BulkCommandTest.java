package com.wispbill.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.dynamodb.DynamoRouterDriverStateRepository;
import com.wispbill.adapters.dynamodb.DynamoRouterRepository;
import com.wispbill.adapters.dynamodb.DynamoVoucherBatchRepository;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import com.wispbill.domain.Router;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.routercommand.EnableHotspotUser;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routerdriver.RouterCircuit;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import com.wispbill.router.adapters.SecretsManagerRouterCredentials;
import com.wispbill.router.driver.BulkPlan;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/**
 * Bulk router commands on the embedded stack against simulated routers: a bulk that fails half way and
 * is retried applies each user once; writes per command counted on the real DynamoDB Local; a voucher
 * batch waits in PENDING_ROUTER (with the reason) until its router confirms; one login serves many
 * invocations.
 */
class BulkCommandTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static DriverHarness harness;
    private final List<RouterOsSimulator> simulators = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        harness = DriverHarness.start();
    }

    @AfterAll
    static void stopStack() {
        harness.close();
    }

    @AfterEach
    void stopRouters() {
        simulators.forEach(RouterOsSimulator::close);
        harness.drainDlq();
    }

    private RouterOsSimulator simulator() throws IOException {
        RouterOsSimulator simulator = RouterOsSimulator.builder().identity("bulk-" + IDS.incrementAndGet())
                .version(RouterOsVersion.V7_19).credentials(DriverHarness.API_USER, "bulk pass").tls(true).start();
        simulators.add(simulator);
        return simulator;
    }

    /** Counts the write calls (items written) made through a real DynamoDB client. */
    private static final class CountingDynamoDb {
        final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
        final DynamoDbClient client;

        final AtomicLong batchWrittenItems = new AtomicLong();

        CountingDynamoDb(DynamoDbClient real) {
            client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                    new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                        calls.computeIfAbsent(method.getName(), k -> new AtomicLong()).incrementAndGet();
                        if (args != null && args[0] instanceof BatchWriteItemRequest request) {
                            request.requestItems().values().forEach(w -> batchWrittenItems.addAndGet(w.size()));
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        long count(String method) {
            AtomicLong n = calls.get(method);
            return n == null ? 0 : n.get();
        }

        /** Items written: puts, updates, deletes and the items of batch writes (no transaction on this path). */
        long writes() {
            assertEquals(0, count("transactWriteItems"), "unexpected transactions");
            return count("putItem") + count("updateItem") + count("deleteItem") + batchWrittenItems.get();
        }

        void reset() {
            calls.clear();
            batchWrittenItems.set(0);
        }
    }

    private RouterCommandHandler handler(CountingDynamoDb dynamoDb, CountingConnector connector) {
        RouterDriverWiring wiring = new RouterDriverWiring(new DynamoRouterRepository(dynamoDb.client, harness.tables),
                new DynamoRouterDriverStateRepository(dynamoDb.client, harness.tables),
                new DynamoVoucherBatchRepository(dynamoDb.client, harness.tables),
                new com.wispbill.adapters.dynamodb.DynamoPaymentGrantRepository(dynamoDb.client, harness.tables),
                new SecretsManagerRouterCredentials(com.wispbill.adapters.AwsClients.newSecretsManager(), DriverHarness.SECRETS_PREFIX), connector,
                DriverHarness.fastSettings(), new SnsAlertPublisher(harness.sns, harness.stack.resources().topicArn("AlertsTopic")),
                harness.clock, RouterCircuit.Policy.DEFAULT);
        return new RouterCommandHandler(wiring.commandProcessor(5));
    }

    private static EnsureHotspotUser user(String name) {
        return new EnsureHotspotUser(name, name, "default", Optional.of(Duration.ofHours(1)), OptionalLong.empty(), "bulk");
    }

    private List<RouterCommandEnvelope> envelopes(Router router, List<RouterCommand> commands) {
        return commands.stream().map(c -> harness.envelope(router, c)).toList();
    }

    private static List<RouterCommand> users(String prefix, int n) {
        List<RouterCommand> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(user(String.format("%s%03d", prefix, i)));
        }
        return users;
    }

    @Test
    void aBulkFailingHalfWayIsRetriedAndAppliesEachUserOnce() throws IOException {
        RouterOsSimulator sim = simulator();
        Router router = harness.addRouter("res-bulk", "rtr-bulk-1", sim, true);
        // 99 users, but the 81st command enables a user that is not on the router: the bulk fails there.
        List<RouterCommand> commands = new ArrayList<>(users("HALF", 99));
        commands.add(80, new EnableHotspotUser("LATECOMER"));
        RouterCommandBulk bulk = RouterCommandBulk.of(envelopes(router, commands), Optional.empty());
        harness.sendBulks(List.of(bulk));
        RouterCommandHandler handler = handler(new CountingDynamoDb(harness.dynamoDb), DriverHarness.connector(DriverHarness.fastSettings()));

        DriverHarness.Round first = harness.deliver(handler);

        assertEquals(1, first.failedIds().size());
        assertEquals(80, sim.state().hotspotUsers().size(), "applied up to the failing command");
        assertEquals(80, sim.stats().commandsApplied("/ip/hotspot/user/add"));
        long printsBefore = sim.stats().commandsReceived("/ip/hotspot/user/print");
        // Someone creates the missing user; the redelivery finishes the bulk.
        sim.state().addHotspotUser(Map.of("name", "LATECOMER", "password", "x"));

        DriverHarness.Round second = harness.deliver(handler);

        assertEquals(Set.of(), second.failedIds());
        assertEquals(100, sim.state().hotspotUsers().size());
        assertEquals(99, sim.stats().commandsApplied("/ip/hotspot/user/add"), "each user added exactly once");
        // Skipped on the retry: the journaled commands before the last two journaled windows (here 50 of 100).
        long printsOnRetry = sim.stats().commandsReceived("/ip/hotspot/user/print") - printsBefore;
        assertEquals(2L * BulkPlan.WINDOW, printsOnRetry, "the retry re-checked the last two windows only");

        // A third delivery (a lost delete) touches neither the router nor the journal.
        long received = sim.stats().commandsReceived("/ip/hotspot/user/print");
        harness.sendBulks(List.of(bulk));
        harness.deliver(handler);
        assertEquals(received, sim.stats().commandsReceived("/ip/hotspot/user/print"));
    }

    @Test
    void aBulkOfAHundredUsersWritesOnceEachAndReadsItsJournalInOneCall() throws IOException {
        RouterOsSimulator sim = simulator();
        Router router = harness.addRouter("res-bulk", "rtr-bulk-2", sim, true);
        CountingDynamoDb dynamoDb = new CountingDynamoDb(harness.dynamoDb);
        RouterCommandHandler handler = handler(dynamoDb, DriverHarness.connector(DriverHarness.fastSettings()));
        harness.sendBulks(RouterCommandBulk.group(envelopes(router, users("HUND", 200))));
        dynamoDb.reset();

        DriverHarness.Round round = harness.deliver(handler);

        assertEquals(2, round.received());
        assertEquals(200, sim.state().hotspotUsers().size());
        // 200 journal entries (each the command's applied marker too), 25 per request, + one done record per bulk.
        assertEquals(200, dynamoDb.batchWrittenItems.get());
        assertEquals(8, dynamoDb.count("batchWriteItem"));
        assertEquals(2, dynamoDb.count("putItem"));
        assertEquals(202, dynamoDb.writes());
        assertEquals(2, dynamoDb.count("batchGetItem"), "one journal read per bulk");
    }

    @Test
    void aBatchForARouterWithoutALoginStaysPendingWithTheReasonUntilTheRouterConfirms() throws IOException {
        RouterOsSimulator sim = simulator();
        // Registered without a login in Secrets Manager: never reached.
        Router router = Router.builder().id("rtr-bulk-3").resellerId("res-bulk").name("no login yet")
                .host(sim.host()).apiPort(sim.tlsPort()).useTls(true).status(com.wispbill.domain.RouterStatus.ACTIVE)
                .createdAt(harness.clock.instant()).build();
        harness.routers.create(router);
        VoucherBatch batch = new VoucherBatch("batch-bulk-3", "res-bulk", "plan-1", List.of(router.id()), 30,
                VoucherBatchStatus.PENDING_ROUTER, 30, Optional.empty(), harness.clock.instant(), harness.clock.instant(),
                1, 0, Optional.of("router rtr-bulk-3 never reached yet"));
        harness.batches.create(batch);
        harness.sendBulks(List.of(new RouterCommandBulk("batch-bulk-3-part-0", "res-bulk", router.id(),
                envelopes(router, users("PEND", 30)), Optional.of(new RouterCommandBulk.ProvisioningReceipt(batch.id(), 0)))));
        RouterCommandHandler handler = handler(new CountingDynamoDb(harness.dynamoDb), DriverHarness.connector(DriverHarness.fastSettings()));

        harness.deliver(handler);

        VoucherBatch waiting = harness.batches.get("res-bulk", batch.id());
        assertEquals(VoucherBatchStatus.PENDING_ROUTER, waiting.status());
        assertTrue(waiting.pendingReason().orElseThrow().contains("rtr-bulk-3 has not confirmed"), waiting.pendingReason().toString());
        assertTrue(waiting.pendingReason().orElseThrow().contains("credentials"), waiting.pendingReason().toString());
        assertEquals(0, sim.state().hotspotUsers().size());

        // The login is stored (through the API in production): the retry reaches the router, which confirms.
        harness.secrets.createSecret(b -> b.name(DriverHarness.secretName(router)).secretString(
                "{\"username\":\"" + DriverHarness.API_USER + "\",\"password\":\"bulk pass\",\"caCertificatePem\":"
                        + com.wispbill.adapters.Json.MAPPER.valueToTree(DriverHarness.pem(sim.tlsCertificate())) + "}"));
        harness.deliver(handler(new CountingDynamoDb(harness.dynamoDb), DriverHarness.connector(DriverHarness.fastSettings())));

        VoucherBatch ready = harness.batches.get("res-bulk", batch.id());
        assertEquals(VoucherBatchStatus.READY, ready.status());
        assertEquals(1, ready.confirmedParts());
        assertTrue(ready.pendingReason().isEmpty());
        assertEquals(30, sim.state().hotspotUsers().size());
    }

    @Test
    void oneLoginServesManyInvocationsOfAWarmEnvironment() throws IOException {
        RouterOsSimulator sim = simulator();
        Router router = harness.addRouter("res-bulk", "rtr-bulk-4", sim, true);
        CountingConnector connector = DriverHarness.connector(DriverHarness.fastSettings());
        RouterCommandHandler handler = handler(new CountingDynamoDb(harness.dynamoDb), connector);

        for (int invocation = 0; invocation < 5; invocation++) {
            harness.sendBulks(RouterCommandBulk.group(envelopes(router, users("WARM" + invocation, 20))));
            assertEquals(Set.of(), harness.deliver(handler).failedIds());
        }

        assertEquals(100, sim.state().hotspotUsers().size());
        assertEquals(1, sim.stats().logins(), "one login for five invocations");
        assertEquals(1, connector.attempts(router.id()));
    }
}
