package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.routercommand.RestoreUser;
import com.wispbill.domain.routercommand.UserService;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.outbox.OutboxRelay;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.testing.FaultyDynamoDb;
import com.wispbill.testing.router.SimulatedRouterDriver;
import java.time.Instant;
import java.util.Map;

/**
 * What a send to a queue that fails (here: a queue that does not exist on ElasticMQ) leaves behind:
 * an order that could not be queued leaves a FAILED batch and gives its quota back, never a QUEUED
 * batch waiting forever; an extension stays recorded exactly once, says its router command is pending,
 * and leaves that command in the outbox for the relay; a revoke is recorded with its router commands,
 * which the relay delivers once the queue is back.
 */
class FailedSendsTest {
    private static TestStack stack;
    private static ApiClient working;
    private static ApiClient broken;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        working = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        broken = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC(),
                stack.batchQueueUrl + "-missing", stack.commandQueueUrl.replace(".fifo", "-missing.fifo"))));
    }

    @Test
    void anOrderThatCannotBeQueuedEndsFailedAndReleasesItsQuota() {
        Seed seed = Seed.create(stack, working, "Kilo Broken Queue", "+254700500001", 1);
        String rid = seed.tenant().resellerId();
        long outstanding = stack.store.voucherQuota().usage(rid, 0).outstanding();

        broken.call("POST", "/v1/voucher-batches", seed.key(), "{\"planId\": \"" + seed.planId() + "\", \"routerIds\": [\""
                + seed.routerId() + "\"], \"quantity\": 50}").expect(503);

        VoucherBatch newest = stack.store.voucherBatches().list(rid, PageRequest.first(1))
                .items().getFirst();
        assertEquals(VoucherBatchStatus.FAILED, newest.status());
        assertEquals(50, newest.quantity());
        assertEquals(outstanding, stack.store.voucherQuota().usage(rid, 0).outstanding());
    }

    @Test
    void anOrderWhoseFailedMarkCannotBeStoredKeepsItsBatchAndItsReservationTogether() {
        Seed seed = Seed.create(stack, working, "Oscar Half Failed", "+254700500004", 1);
        String rid = seed.tenant().resellerId();
        long outstanding = stack.store.voucherQuota().usage(rid, 0).outstanding();
        FaultyDynamoDb dynamoDb = new FaultyDynamoDb(stack.dynamoDb);
        ApiClient faulty = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC(),
                dynamoDb, stack.batchQueueUrl + "-missing", stack.commandQueueUrl)));
        // The queue is down, and the write that gives the quota back fails too (throttled, or the function dies).
        dynamoDb.failNextTransaction(request -> request.transactItems().stream().anyMatch(i -> i.update() != null
                && i.update().key().get("SK").s().equals("VOUCHERQUOTA") && i.update().expressionAttributeValues().values()
                .stream().anyMatch(v -> v.n() != null && v.n().startsWith("-"))), FaultyDynamoDb.When.BEFORE_COMMIT);

        faulty.call("POST", "/v1/voucher-batches", seed.key(), "{\"planId\": \"" + seed.planId() + "\", \"routerIds\": [\""
                + seed.routerId() + "\"], \"quantity\": 40}").expect(503);

        VoucherBatch newest = stack.store.voucherBatches().list(rid, PageRequest.first(1)).items().getFirst();
        assertEquals(40, newest.quantity());
        long now = stack.store.voucherQuota().usage(rid, 0).outstanding();
        // Never a FAILED batch that still holds its 40: FAILED and released happen together or not at all.
        assertEquals(newest.status() == VoucherBatchStatus.FAILED, now == outstanding,
                newest.status() + " with " + (now - outstanding) + " still reserved");
    }

    @Test
    void anExtensionOfAnExpiredSubscriptionReinstatesTheUserOrSaysItCouldNot() {
        Seed seed = Seed.create(stack, working, "Lima Lapsed", "+254700500002", 1);
        String rid = seed.tenant().resellerId();
        Subscription running = stack.store.subscriptions().get(rid, seed.subscriptionId());
        Subscription expired = running.expire(Clock.offset(Clock.systemUTC(), Duration.ofDays(2)));
        stack.store.subscriptions().replace(running, expired);
        assertEquals(SubscriptionStatus.EXPIRED, expired.status());
        drain();

        JsonNode pending = broken.call("POST", "/v1/subscriptions/" + seed.subscriptionId() + "/extend", seed.key(),
                "{\"duration\": \"P1D\"}").expect(200).json();
        assertFalse(pending.path("routerCommandQueued").asBoolean());
        assertEquals("ACTIVE", pending.path("subscription").path("status").asText());
        assertEquals(SubscriptionStatus.ACTIVE, stack.store.subscriptions().get(rid, seed.subscriptionId()).status());
        // The reinstatement (plan profile, then the user restored to it) was committed with the extension: what the
        // outbox relay sends once the queue works.
        List<OutboxMessage> left = pendingReinstatement(seed.routerId());
        assertEquals(List.of("EnsureHotspotProfile", "RestoreUser"), left.stream()
                .map(m -> MessageCodec.decodeRouterCommand(m.body()).command().type()).toList());
        RouterCommandEnvelope relayed = MessageCodec.decodeRouterCommand(left.getLast().body());
        assertEquals(new RestoreUser(UserService.HOTSPOT, expired.username(), "wb-" + seed.planId()), relayed.command());
        assertEquals(seed.routerId(), relayed.routerId());
        left.forEach(stack.store.outbox()::delete);

        Subscription active = stack.store.subscriptions().get(rid, seed.subscriptionId());
        Subscription expiredAgain = active.expire(Clock.offset(Clock.systemUTC(), Duration.ofDays(3)));
        stack.store.subscriptions().replace(active, expiredAgain);
        JsonNode queued = working.call("POST", "/v1/subscriptions/" + seed.subscriptionId() + "/extend", seed.key(),
                "{\"duration\": \"P1D\"}").expect(200).json();
        assertTrue(queued.path("routerCommandQueued").asBoolean());
        List<RouterCommandEnvelope> commands = drain();
        assertEquals(List.of("EnsureHotspotProfile", "RestoreUser"),
                commands.stream().map(c -> c.command().type()).toList());
        assertEquals(seed.routerId(), commands.getFirst().routerId());
        assertEquals(List.of(), pendingReinstatement(seed.routerId()), "sent at once, so nothing is left for the relay");
    }

    @Test
    void aRevokeWhileTheQueueIsDownReachesTheRouterThroughTheOutboxOnceTheQueueIsBack() throws Exception {
        Seed seed = Seed.create(stack, working, "Mike Revoked", "+254700500003", 1);
        String rid = seed.tenant().resellerId();
        String voucherId = seed.voucherIds().getFirst();
        Voucher voucher = stack.store.vouchers().getById(rid, voucherId);
        drain();
        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start(seed.routerId())) {
            driver.router.state().addHotspotUser(Map.of("name", voucher.code(), "password", voucher.code()));
            driver.router.login(voucher.code(), "10.5.50.30", "AA:BB:CC:00:33:44");

            JsonNode answer = broken.call("POST", "/v1/vouchers/" + voucherId + "/revoke", seed.key(), "").expect(200).json();
            assertEquals("REVOKED", answer.path("status").asText());
            assertEquals(VoucherStatus.REVOKED, stack.store.vouchers().getById(rid, voucherId).status());
            assertEquals(List.of(), drain(), "the queue was down: nothing reached it");

            // The queue is back: the relay (every minute) sends what the revoke committed.
            OutboxRelay relay = new OutboxRelay(stack.store.outbox(),
                    OutboxDelivery.routerCommandsOnly(stack.store.outbox(), new SqsRouterCommandQueue(stack.sqs, stack.commandQueueUrl)),
                    Clock.offset(Clock.systemUTC(), OutboxRelay.GRACE.plusSeconds(1)));
            relay.run();
            List<RouterCommandEnvelope> applied = driver.applyQueued(stack.sqs, stack.commandQueueUrl).stream()
                    .filter(c -> c.resellerId().equals(rid)).toList();
            assertEquals(List.of("DisableHotspotUser", "KickHotspotUser"),
                    applied.stream().map(c -> c.command().type()).toList());
            assertTrue(driver.router.state().hotspotUser(voucher.code()).orElseThrow().disabled());
            assertTrue(driver.router.state().hotspotActive().isEmpty());
        }
    }

    /** The reinstatement commands waiting in the outbox for the router, in the order the relay sends them. */
    private static List<OutboxMessage> pendingReinstatement(String routerId) {
        return stack.store.outbox().pendingBefore(Instant.now().plusSeconds(60), 1000).stream()
                .filter(m -> (m.id().endsWith("-RP") || m.id().endsWith("-RC")) && m.body().contains(routerId))
                .sorted(java.util.Comparator.comparing(m -> m.id().endsWith("-RC"))).toList();
    }

    private static List<RouterCommandEnvelope> drain() {
        return stack.drain(stack.commandQueueUrl).stream().flatMap(m -> MessageCodec.decodeRouterCommands(m.body()).commands().stream()).toList();
    }
}
