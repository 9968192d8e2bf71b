package com.wispbill.usage;

import com.wispbill.testing.FaultyDynamoDb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.repository.UsageRepository.DailyUsage;
import com.wispbill.adapters.repository.UsageRepository.QuotaRef;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.enforcement.QuotaPeriod;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exact totals from the handler, driven by events/usage-ingest-*.json against DynamoDB Local. */
class UsageIngestHandlerTest {
    private static final LocalDate DAY = LocalDate.parse("2030-11-22");
    private static EnforcementWorld world;

    private Reseller a;
    private Reseller b;
    private Subscription jane;
    private UsageIngestHandler handler;

    @BeforeAll
    static void startStack() {
        world = EnforcementWorld.start();
    }

    @AfterAll
    static void stopStack() {
        world.close();
    }

    @BeforeEach
    void freshResellers() {
        world.clock.set(EnforcementWorld.T0);
        world.dynamoDb.heal();
        a = world.reseller("Africa/Nairobi");
        b = world.reseller("Africa/Lagos");
        Plan capped = world.plan(a, p -> p.dataLimit(DataSize.ofGigabytes(1)));
        jane = world.subscribe(a, capped, "jane", "rtr-1", "+254712000001");
        world.subscribe(a, capped, "otto", "rtr-1", "+254712000002");
        handler = world.handler();
        world.takeRouterCommands();
        world.takeSms();
    }

    private List<String> deliver(SQSEvent event) {
        SQSBatchResponse response = handler.handleRequest(event, null);
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private DailyUsage day(Reseller reseller, String username) {
        List<DailyUsage> days = world.store.usage().subscriberUsage(reseller.id(), username, DAY, DAY);
        return days.isEmpty() ? new DailyUsage(DAY, 0, 0) : days.getFirst();
    }

    private DailyUsage bandwidth(Reseller reseller) {
        List<DailyUsage> days = world.store.usage().resellerBandwidth(reseller.id(), DAY, DAY);
        return days.isEmpty() ? new DailyUsage(DAY, 0, 0) : days.getFirst();
    }

    private long quotaBytes(Subscription s) {
        QuotaRef ref = new QuotaRef(s.username(), QuotaPeriod.of(s));
        return world.store.usage().quotaUsage(s.resellerId(), List.of(ref)).getOrDefault(ref, QuotaUsage.NONE).usedBytes();
    }

    private void assertBatchTotals() {
        assertEquals(new DailyUsage(DAY, 3_000, 9_000), day(a, "jane"));
        assertEquals(new DailyUsage(DAY, 500, 800), day(a, "otto"));
        assertEquals(new DailyUsage(DAY, 3_500, 9_800), bandwidth(a));
        assertEquals(new DailyUsage(DAY, 10, 20), day(b, "kim"));
        assertEquals(12_000, quotaBytes(jane));
    }

    @Test
    void aBatchIsCountedOncePerKeyAndADuplicateBatchAddsNothing() {
        SQSEvent batch = EnforcementWorld.event("usage-ingest-batch.json", a.id(), b.id());
        assertEquals(List.of(), deliver(batch));
        assertBatchTotals();

        assertEquals(List.of(), deliver(batch));
        assertBatchTotals();
    }

    @Test
    void aCounterThatGoesDownIsANewSessionNotNegativeUsage() {
        assertEquals(List.of(), deliver(EnforcementWorld.event("usage-ingest-counter-reset.json", a.id(), b.id())));
        // 3000/9000 before the reset, then the new session's 800/1000.
        assertEquals(new DailyUsage(DAY, 3_800, 10_000), day(a, "jane"));
        assertEquals(13_800, quotaBytes(jane));
    }

    @Test
    void aCounterResetSplitAcrossBatchesGivesTheSameTotal() {
        SQSEvent event = EnforcementWorld.event("usage-ingest-counter-reset.json", a.id(), b.id());
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            assertEquals(List.of(), deliver(EnforcementWorld.only(event, List.of(m.getMessageId()))));
        }
        assertEquals(new DailyUsage(DAY, 3_800, 10_000), day(a, "jane"));
    }

    @Test
    void outOfOrderAndDuplicateSamplesAcrossBatchesCountOnce() {
        SQSEvent event = EnforcementWorld.event("usage-ingest-out-of-order.json", a.id(), b.id());
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            // Each sample in a batch of its own, in the file's (shuffled) order: late ones are refused.
            assertEquals(List.of(), deliver(EnforcementWorld.only(event, List.of(m.getMessageId()))));
        }
        assertEquals(new DailyUsage(DAY, 7_000, 13_000), day(a, "jane"));
        assertEquals(20_000, quotaBytes(jane));
    }

    @Test
    void outOfOrderSamplesWithinOneBatchCountOnce() {
        assertEquals(List.of(), deliver(EnforcementWorld.event("usage-ingest-out-of-order.json", a.id(), b.id())));
        assertEquals(new DailyUsage(DAY, 7_000, 13_000), day(a, "jane"));
    }

    @Test
    void aBatchRetriedAfterAFailedCommitGivesExactTotals() {
        SQSEvent batch = EnforcementWorld.event("usage-ingest-batch.json", a.id(), b.id());
        // The write of reseller a's router state (one item per router poll).
        world.dynamoDb.failNextWrite("RESELLER#" + a.id() + "#ROUTERUSAGE#", FaultyDynamoDb.When.BEFORE_COMMIT);
        List<String> failed = deliver(batch);
        // Reseller a's group did not commit; reseller b's did and is not reported.
        assertEquals(Set.of("m-jane-1", "m-otto-1", "m-jane-2", "m-otto-2"), Set.copyOf(failed));
        assertEquals(new DailyUsage(DAY, 10, 20), day(b, "kim"));
        assertEquals(new DailyUsage(DAY, 0, 0), day(a, "jane"));

        assertEquals(List.of(), deliver(EnforcementWorld.only(batch, failed)));
        assertBatchTotals();
    }

    @Test
    void aBatchRetriedAfterACrashFollowingACommitDoesNotDoubleCount() {
        SQSEvent batch = EnforcementWorld.event("usage-ingest-batch.json", a.id(), b.id());
        world.dynamoDb.failNextWrite("RESELLER#" + a.id() + "#ROUTERUSAGE#", FaultyDynamoDb.When.AFTER_COMMIT);
        List<String> failed = deliver(batch);
        assertEquals(Set.of("m-jane-1", "m-otto-1", "m-jane-2", "m-otto-2"), Set.copyOf(failed));

        // The redelivered messages find their cursors already moved: nothing is added twice.
        assertEquals(List.of(), deliver(EnforcementWorld.only(batch, failed)));
        assertBatchTotals();
        // And so does a redelivery of the whole batch (the function died before answering).
        assertEquals(List.of(), deliver(batch));
        assertBatchTotals();
    }

    @Test
    void malformedAndStaleMessagesAreReportedFailedSoTheyReachTheDlqAndTheRestCounts() {
        List<String> failed = deliver(EnforcementWorld.event("usage-ingest-poison.json", a.id(), b.id()));
        assertEquals(Set.of("m-not-json", "m-negative", "m-bad-user", "m-stale"), Set.copyOf(failed));
        assertEquals(new DailyUsage(DAY, 100, 200), day(a, "jane"));
    }
}
