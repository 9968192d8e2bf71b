package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.PendingPayment;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.Plan;
import com.wispbill.testing.DelegatingDynamoDb;
import com.wispbill.testing.InFlightCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The reconciler's index of PENDING payments: sharded (one range Query per shard, side by side, however far back
 * it looks), and the one-time move of the payments stored under the former hour buckets.
 */
class PendingPaymentIndexTest extends StoreTestSupport {

    /**
     * The shared client; records the partition each Query reads and how many run at once (holding the first ones
     * until several are in), and runs {@code beforeUpdate} before each UpdateItem.
     */
    private static final class RecordingClient extends DelegatingDynamoDb {
        private final InFlightCounter queries;
        private final ConcurrentLinkedQueue<String> partitions = new ConcurrentLinkedQueue<>();
        volatile Runnable beforeUpdate = () -> { };

        RecordingClient(boolean holdFirstQueries) {
            super(LocalDynamoDb.client());
            queries = new InFlightCounter(holdFirstQueries);
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            partitions.add(request.expressionAttributeValues().get(":pk").s());
            return queries.count(() -> delegate.query(request));
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            beforeUpdate.run();
            return delegate.updateItem(request);
        }

        @Override
        public void close() {
        }
    }

    private Payment pendingPayment(Plan plan, String phone) {
        Payment p = Payment.forVoucher(A, phone, plan, PaymentProvider.MPESA, "router-1", clock);
        store.payments().create(p);
        return p;
    }

    /** Puts the payment where the code before the shards put it: under the hour bucket of its creation. */
    private void underHourBucket(Payment p) {
        LocalDynamoDb.client().updateItem(b -> b.tableName(tables.entityTable())
                .key(DynamoSupport.key(Keys.reseller(p.resellerId()), Keys.paymentSk(p.id())))
                .updateExpression("SET GSI2PK = :bucket")
                .expressionAttributeValues(Map.of(":bucket", AttributeValue.fromS("PAYMENTS#PENDING#"
                        + p.createdAt().toString().substring(0, 13)))));
    }

    private Map<String, AttributeValue> item(Payment p) {
        return LocalDynamoDb.client().getItem(b -> b.tableName(tables.entityTable()).consistentRead(true)
                .key(DynamoSupport.key(Keys.reseller(p.resellerId()), Keys.paymentSk(p.id())))).item();
    }

    @Test
    void aWeekOfPendingPaymentsIsListedWithOneRangeQueryPerShardSideBySideInCreationOrder() {
        Plan daily = plan(A, "plan-daily").build();
        store.plans().create(daily);
        Instant listedAt = START.plus(Duration.ofDays(7));
        List<String> created = new ArrayList<>();
        Set<String> partitions = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            clock.set(START.plus(Duration.ofHours(8L * i)).plusSeconds(i));
            Payment p = pendingPayment(daily, "+254712345678");
            created.add(p.id());
            String partition = item(p).get(Keys.GSI2PK).s();
            assertTrue(partition.matches("PAYMENTS#PENDING#\\d+"), partition);
            partitions.add(partition);
        }
        assertTrue(partitions.size() > 4, "spread over the shards: " + partitions);

        RecordingClient client = new RecordingClient(true);
        List<PendingPayment> listed = new DynamoPaymentRepository(client, tables).pendingCreatedBetween(START, listedAt);

        assertEquals(created, listed.stream().map(p -> p.payment().id()).toList());
        assertEquals(Keys.PENDING_PAYMENT_SHARDS, client.partitions.size(), "one Query per shard: " + client.partitions);
        assertEquals(Keys.PENDING_PAYMENT_SHARDS, new HashSet<>(client.partitions).size());
        assertTrue(client.queries.most() > 1, "shards read one after the other: " + client.queries.most() + " at once");
        assertTrue(client.queries.most() <= DynamoSupport.SHARD_QUERIES_IN_FLIGHT, client.queries.most() + " at once");
    }

    @Test
    void paymentsUnderTheFormerHourBucketsAreMovedToTheirShardWithTheirBackOffAndOnlyOnce() {
        Plan daily = plan(A, "plan-daily").build();
        store.plans().create(daily);
        Payment first = pendingPayment(daily, "+254712345678");
        clock.advance(Duration.ofHours(1));
        Payment second = pendingPayment(daily, "+254712345679");
        underHourBucket(first);
        underHourBucket(second);
        Instant checked = clock.instant();
        assertTrue(store.payments().deferCheck(first, checked, checked.plus(Duration.ofMinutes(7))));
        assertEquals(List.of(), store.payments().pendingCreatedBetween(START, clock.instant().plusSeconds(1)),
                "under the hour buckets, not in the shards");

        List<PendingPayment> moved = store.payments().moveFromHourBuckets(List.of(Keys.hourFloor(START),
                Keys.hourFloor(START).plus(Duration.ofHours(1))));

        assertEquals(Set.of(first.id(), second.id()), Set.copyOf(moved.stream().map(p -> p.payment().id()).toList()));
        PendingPayment firstMoved = moved.stream().filter(p -> p.payment().id().equals(first.id())).findFirst().orElseThrow();
        assertEquals(Optional.of(checked.plus(Duration.ofMinutes(7))), firstMoved.nextCheckAt(), "back-off kept");
        assertEquals(1, firstMoved.checks());
        assertEquals(Keys.pendingPaymentsShardOf(first.id()), item(first).get(Keys.GSI2PK).s());
        assertEquals(List.of(first.id(), second.id()), store.payments().pendingCreatedBetween(START, clock.instant().plusSeconds(1))
                .stream().map(p -> p.payment().id()).toList(), "listed from the shards now");
        assertEquals(List.of(), store.payments().moveFromHourBuckets(List.of(Keys.hourFloor(START))), "moved once");
    }

    @Test
    void aSettlementBetweenReadingTheBucketAndMovingThePaymentWins() {
        Plan daily = plan(A, "plan-daily").build();
        store.plans().create(daily);
        Payment p = pendingPayment(daily, "+254712345678");
        underHourBucket(p);
        RecordingClient client = new RecordingClient(false);
        client.beforeUpdate = () -> {
            client.beforeUpdate = () -> { };
            store.payments().transition(p, p.succeed(clock));
        };

        List<PendingPayment> moved = new DynamoPaymentRepository(client, tables).moveFromHourBuckets(List.of(Keys.hourFloor(START)));

        assertEquals(List.of(), moved);
        Map<String, AttributeValue> stored = item(p);
        assertEquals(PaymentStatus.SUCCEEDED.name(), stored.get("status").s());
        assertFalse(stored.containsKey(Keys.GSI2PK), "settled: out of the index, not put back into it");
    }

    @Test
    void theMoveIsRecordedOnceAndAdvancesOnlyFromTheHourItRead() {
        Instant firstHour = Keys.hourFloor(START.minus(Duration.ofDays(7)));
        var started = store.payments().startPendingIndexPass(Optional.empty(), START, firstHour, "6");
        var again = store.payments().startPendingIndexPass(Optional.empty(), START.plus(Duration.ofMinutes(5)),
                firstHour.plus(Duration.ofHours(1)), "6");
        assertEquals(started, again, "the first record stands");
        assertEquals(START, started.startedAt());

        Instant later = firstHour.plus(Duration.ofHours(3));
        assertTrue(store.payments().advancePendingIndexMove(START, firstHour, later, Optional.empty()));
        assertFalse(store.payments().advancePendingIndexMove(START, firstHour, later.plus(Duration.ofHours(1)), Optional.empty()),
                "a run that read an older record does not move it back or forth");
        assertTrue(store.payments().advancePendingIndexMove(START, later, later.plus(Duration.ofHours(1)), Optional.of(START)));
        var done = store.payments().pendingIndexMove().orElseThrow();
        assertEquals(later.plus(Duration.ofHours(1)), done.nextHour());
        assertEquals(Optional.of(START), done.completedAt());
    }

    @Test
    void aFreshPassReplacesOnlyTheRecordItWasBasedOnAndTheReplacedPassRecordsNothingOnIt() {
        // A complete record as stored before the version was recorded.
        LocalDynamoDb.client().putItem(b -> b.tableName(tables.entityTable()).item(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.PENDING_INDEX_MOVE), Keys.SK, AttributeValue.fromS(Keys.SINGLE),
                "startedAt", AttributeValue.fromS(DynamoInstants.format(START)),
                "nextHour", AttributeValue.fromS(DynamoInstants.format(Keys.hourFloor(START).plus(Duration.ofHours(2)))),
                "completedAt", AttributeValue.fromS(DynamoInstants.format(START.plus(Duration.ofHours(2)))))));
        var before = store.payments().pendingIndexMove().orElseThrow();
        assertEquals("", before.codeVersion(), "no version: no run's");
        assertEquals(START, before.lastRunAt(), "no run recorded: its start");
        Instant deploy = START.plus(Duration.ofDays(2));
        Instant deployFirstHour = Keys.hourFloor(deploy.minus(Duration.ofDays(7)));

        var fresh = store.payments().startPendingIndexPass(Optional.of(before), deploy, deployFirstHour, "7");
        var fromTheSameRead = store.payments().startPendingIndexPass(Optional.of(before), deploy.plus(Duration.ofMinutes(1)),
                deployFirstHour.plus(Duration.ofHours(1)), "7");

        assertEquals(deploy, fresh.startedAt());
        assertEquals(deployFirstHour, fresh.nextHour(), "from a week back again");
        assertEquals(Optional.empty(), fresh.completedAt(), "over a complete one");
        assertEquals("7", fresh.codeVersion());
        assertEquals(fresh, fromTheSameRead, "a second run that read the replaced record gets the fresh pass, not another");
        assertFalse(store.payments().advancePendingIndexMove(START, deployFirstHour, deployFirstHour.plus(Duration.ofHours(1)),
                Optional.of(deploy)), "a run still on the replaced pass records no progress on the fresh one");
        store.payments().recordPendingIndexMoveRun(START, deploy.plus(Duration.ofMinutes(3)));
        assertEquals(deploy, store.payments().pendingIndexMove().orElseThrow().lastRunAt(), "nor a run");
        store.payments().recordPendingIndexMoveRun(deploy, deploy.plus(Duration.ofMinutes(6)));
        assertEquals(deploy.plus(Duration.ofMinutes(6)), store.payments().pendingIndexMove().orElseThrow().lastRunAt());
    }
}
