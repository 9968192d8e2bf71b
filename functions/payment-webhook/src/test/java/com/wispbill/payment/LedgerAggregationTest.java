package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.wispbill.adapters.dynamodb.DynamoLedgerAggregator;
import com.wispbill.adapters.repository.PageRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.local.providers.Callback;
import com.wispbill.payment.PaymentFixture.Tenant;
import com.wispbill.testing.FaultyDynamoDb;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Balances and revenue counters come from the table's stream: exact after a stream batch whose
 * transaction failed (before, or after it committed, unknown to the function), after duplicate
 * callbacks, after the same stream records delivered again, and around a poison record (which ends in the
 * on-failure queue while the shard moves on).
 */
class LedgerAggregationTest {
    private static final Currency KES = Currency.getInstance("KES");
    private final PaymentFixture f = PaymentFixture.get();

    private String sell(Tenant t, String phone) {
        String paymentId = f.startPurchase(t, PaymentProvider.STRIPE, phone);
        Callback callback = f.simulator.pay(f.referenceOf(t, paymentId));
        assertEquals(200, callback.deliver().status());
        assertEquals(200, callback.deliver().status(), "a duplicate callback");
        return paymentId;
    }

    private long ledgerSum(Tenant t) {
        LocalDate today = t.reseller().calendar().dateOf(f.clock.instant());
        return f.repos.ledger().entries(t.id(), today.minusDays(1), today.plusDays(1), PageRequest.first(100)).items().stream()
                .mapToLong(e -> e.amount().minorUnits()).sum();
    }

    private void assertExact(Tenant t, int sales) {
        f.aggregatesCaughtUp();
        LocalDate today = t.reseller().calendar().dateOf(f.clock.instant());
        assertEquals(Money.of(sales * 4750L, "KES"), Money.of(ledgerSum(t), "KES"), "the ledger: each sale 5000 − 250");
        assertEquals(Money.of(ledgerSum(t), "KES"), f.balance(t.id(), KES), "balance = sum of the ledger");
        var day = f.repos.counters().revenueByDay(t.id(), today, today).get(0);
        assertEquals(sales, day.sales());
        assertEquals(Money.of(sales * 5000L, "KES"), day.gross());
    }

    @Test
    void aStreamBatchThatFailsBeforeOrAfterItsCommitIsRetriedAndCountedOnce() {
        Tenant t = f.kenyanTenant();
        String reseller = t.id();
        // The aggregator's transaction for this reseller fails after it committed: the function never learns
        // of its success, reports the batch failed, and the retry finds the entries added.
        f.aggregatorDynamo.failNextTransaction(tx -> tx.toString().contains(reseller), FaultyDynamoDb.When.AFTER_COMMIT);
        sell(t, "+254714000001");
        assertExact(t, 1);
        // ... and before it reached the table: the retry adds them.
        f.aggregatorDynamo.failNextTransaction(tx -> tx.toString().contains(reseller), FaultyDynamoDb.When.BEFORE_COMMIT);
        sell(t, "+254714000002");
        assertExact(t, 2);
    }

    @Test
    void theSameStreamRecordsDeliveredAgainAddNothing() {
        Tenant t = f.kenyanTenant();
        sell(t, "+254714000003");
        assertExact(t, 1);

        // The stream's insert records of this reseller's entries, delivered again to the handler.
        LocalDate today = t.reseller().calendar().dateOf(f.clock.instant());
        List<LedgerEntry> entries = f.repos.ledger().entries(t.id(), today.minusDays(1), today.plusDays(1), PageRequest.first(100)).items();
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> stored = f.dynamo.getItem(b -> b
                    .tableName(f.tables.entityTable()).consistentRead(true)
                    .key(Map.of("PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RESELLER#" + t.id()),
                            "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LEDGER#" + entry.id())))).item();
            assertEquals("DONE", stored.get("aggregation").s(), "added by the stack's aggregator");
            Map<String, AttributeValue> image = new LinkedHashMap<>();
            stored.forEach((name, value) -> image.put(name, value.n() != null ? new AttributeValue().withN(value.n())
                    : new AttributeValue().withS(value.s())));
            image.put("aggregation", new AttributeValue().withS("PENDING")); // as it was inserted
            image.remove("aggregatedAt");
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventName("INSERT");
            StreamRecord stream = new StreamRecord();
            stream.setNewImage(image);
            stream.setSequenceNumber(Integer.toString(records.size() + 1));
            record.setDynamodb(stream);
            records.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        LedgerStreamHandler handler = new LedgerStreamHandler(new DynamoLedgerAggregator(f.dynamo, f.tables,
                OperationalMetrics.DISCARD, Clock.systemUTC()));
        for (int i = 0; i < 2; i++) {
            StreamsEventResponse response = handler.handleRequest(event, null);
            assertTrue(response.getBatchItemFailures().isEmpty());
        }
        assertExact(t, 1);
    }

    @Test
    void aPoisonRecordBetweenGoodOnesEndsInTheFailureQueueAloneAndTheShardMovesOn() throws Exception {
        Tenant t = f.kenyanTenant();
        LedgerEntry before = LedgerEntry.manual(t.id(), LedgerEntryType.ADJUSTMENT, Money.of(700, "KES"), "before the poison",
                t.reseller().calendar(), f.clock);
        LedgerEntry after = LedgerEntry.manual(t.id(), LedgerEntryType.ADJUSTMENT, Money.of(-200, "KES"), "after the poison",
                t.reseller().calendar(), f.clock);
        String poisonSk = "LEDGER#poison-" + UUID.randomUUID();
        // Written back to back, so that they usually share a stream batch: a good entry, one of a kind the aggregator
        // does not know (as a newer writer or a damaged item would leave), and a good one.
        appendForAggregation(before);
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> poison = new LinkedHashMap<>(Map.of(
                "PK", av("RESELLER#" + t.id()), "SK", av(poisonSk), "type", av("LEDGER_ENTRY"), "aggregation", av("PENDING"),
                "id", av(poisonSk.substring("LEDGER#".length())), "resellerId", av(t.id()), "entryType", av("BONUS"),
                "currency", av("KES"), "at", av(f.clock.instant().toString()),
                "businessDate", av(t.reseller().calendar().dateOf(f.clock.instant()).toString())));
        poison.put("amountMinor", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("999999"));
        f.dynamo.putItem(b -> b.tableName(f.tables.entityTable()).item(poison));
        appendForAggregation(after);

        f.aggregatesCaughtUp();
        assertEquals(Money.of(500, "KES"), f.balance(t.id(), KES), "the good entries around the poison, once each");
        assertEquals("PENDING", stored(t, poisonSk).get("aggregation").s(), "the poison record added nothing");
        // The shard moved on: a sale after it is added as usual.
        sell(t, "+254714000004");
        f.aggregatesCaughtUp();
        assertEquals(Money.of(500 + 4750, "KES"), f.balance(t.id(), KES));

        // Lambda's failure record names the poison record alone, by its position in the stream.
        List<JsonNode> failures = new ArrayList<>();
        for (String body : f.messages("LedgerAggregatorFailuresQueue", "DDBStreamBatchInfo")) {
            JsonNode info = Json.MAPPER.readTree(body).path("DDBStreamBatchInfo");
            if (poisonSk.equals(streamRecordSk(info))) {
                failures.add(info);
            }
        }
        assertEquals(1, failures.size(), "one failure record for the poison");
        assertEquals(1, failures.get(0).path("batchSize").asInt(), "the batch was split until the poison was alone");
        assertEquals(failures.get(0).path("startSequenceNumber").asText(), failures.get(0).path("endSequenceNumber").asText());
    }

    @Test
    void anEntryTheStreamGaveUpOnIsAddedByTheSweepOnceAndAnUnreadableOneIsLeftReported() throws Exception {
        Tenant t = f.kenyanTenant();
        LedgerEntry topUp = LedgerEntry.manual(t.id(), LedgerEntryType.ADJUSTMENT, Money.of(900, "KES"), "written during an outage",
                t.reseller().calendar(), f.clock);
        String poisonSk = "LEDGER#poison-" + UUID.randomUUID();
        // The aggregator's every transaction for this reseller fails until the stream's retries are used up.
        f.aggregatorDynamo.failTransactionsUntilHealed(tx -> tx.toString().contains(t.id()));
        try {
            appendForAggregation(topUp);
            // An entry no retry can add, in the index of waiting entries like any other.
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> poison = new LinkedHashMap<>(Map.of(
                    "PK", av("RESELLER#" + t.id()), "SK", av(poisonSk), "type", av("LEDGER_ENTRY"), "aggregation", av("PENDING"),
                    "id", av(poisonSk.substring("LEDGER#".length())), "resellerId", av(t.id()), "entryType", av("BONUS"),
                    "currency", av("KES"), "at", av(f.clock.instant().toString())));
            // In the top-up's bucket: same reseller, same hour.
            poison.put("GSI1PK", stored(t, "LEDGER#" + topUp.id()).get("GSI1PK"));
            poison.put("GSI1SK", av(f.clock.instant() + "#" + t.id() + "#" + poisonSk));
            f.dynamo.putItem(b -> b.tableName(f.tables.entityTable()).item(poison));
            f.aggregatesCaughtUp();
        } finally {
            f.aggregatorDynamo.heal();
        }
        assertEquals("PENDING", stored(t, "LEDGER#" + topUp.id()).get("aggregation").s(), "the stream gave up on it");
        assertTrue(failureRecordSks().contains("LEDGER#" + topUp.id()), "its position is in the failure queue");
        assertEquals(Money.of(0, "KES"), f.balance(t.id(), KES));

        f.sweepPendingLedger();
        assertEquals(Money.of(900, "KES"), f.balance(t.id(), KES), "added by the sweep");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> added = stored(t, "LEDGER#" + topUp.id());
        assertEquals("DONE", added.get("aggregation").s());
        assertTrue(!added.containsKey("GSI1PK") && !added.containsKey("GSI1SK"), "out of the index of waiting entries");
        f.sweepPendingLedger();
        assertEquals(Money.of(900, "KES"), f.balance(t.id(), KES), "a second run adds nothing");
        assertEquals("PENDING", stored(t, poisonSk).get("aggregation").s(), "the unreadable entry is not added");
        assertTrue(failureRecordSks().contains(poisonSk), "the unreadable entry stays reported");
    }

    @Test
    void aSweepRacingTheStreamCountsTheEntryOnce() {
        Tenant t = f.kenyanTenant();
        LedgerEntry topUp = LedgerEntry.manual(t.id(), LedgerEntryType.ADJUSTMENT, Money.of(1300, "KES"), "swept while streamed",
                t.reseller().calendar(), f.clock);
        // Between the stream aggregator's read (PENDING) and its transaction, the sweep adds the entry: the stream's
        // conditional PENDING → DONE write is cancelled, it reads again and finds the entry added.
        List<String> sweeps = new ArrayList<>();
        f.aggregatorDynamo.beforeNextTransaction(tx -> tx.toString().contains(topUp.id()), () -> sweeps.add(f.sweepPendingLedger()));
        try {
            appendForAggregation(topUp);
            f.aggregatesCaughtUp();
        } finally {
            f.aggregatorDynamo.heal();
        }
        assertEquals(1, sweeps.size(), "the sweep ran inside the stream's delivery");
        assertEquals("DONE", stored(t, "LEDGER#" + topUp.id()).get("aggregation").s());
        assertEquals(Money.of(1300, "KES"), f.balance(t.id(), KES), "counted once");
        f.sweepPendingLedger();
        assertEquals(Money.of(1300, "KES"), f.balance(t.id(), KES));
    }

    @Test
    void aResellersChunkTheSweepCannotAddHoldsUpNoOtherResellersEntriesAndTheRunReportsFailure() {
        Tenant stuck = f.kenyanTenant();
        Tenant other = f.kenyanTenant();
        LedgerEntry stuckTopUp = LedgerEntry.manual(stuck.id(), LedgerEntryType.ADJUSTMENT, Money.of(700, "KES"), "stuck",
                stuck.reseller().calendar(), f.clock);
        LedgerEntry otherTopUp = LedgerEntry.manual(other.id(), LedgerEntryType.ADJUSTMENT, Money.of(400, "KES"), "fine",
                other.reseller().calendar(), f.clock);
        // The stream gives up on both (an outage), so both wait for the sweep; the stuck one is written first (older).
        f.aggregatorDynamo.failTransactionsUntilHealed(tx -> tx.toString().contains(stuck.id()) || tx.toString().contains(other.id()));
        try {
            appendForAggregation(stuckTopUp);
            appendForAggregation(otherTopUp);
            f.aggregatesCaughtUp();
        } finally {
            f.aggregatorDynamo.heal();
        }
        assertEquals(Money.of(0, "KES"), f.balance(other.id(), KES));

        f.sweepDynamo.failTransactionsUntilHealed(tx -> tx.toString().contains(stuck.id()));
        try {
            RuntimeException failed = assertThrows(RuntimeException.class, f::sweepPendingLedger, "the run reports the failure");
            List<String> messages = new ArrayList<>();
            for (Throwable e = failed; e != null; e = e.getCause()) {
                messages.add(String.valueOf(e.getMessage()));
            }
            assertTrue(messages.stream().anyMatch(m -> m.contains("1 failed")), messages.toString());
        } finally {
            f.sweepDynamo.heal();
        }
        assertEquals(Money.of(400, "KES"), f.balance(other.id(), KES), "the other reseller's entry is added");
        assertEquals("DONE", stored(other, "LEDGER#" + otherTopUp.id()).get("aggregation").s());
        assertEquals("PENDING", stored(stuck, "LEDGER#" + stuckTopUp.id()).get("aggregation").s(), "left for the next run");
        assertEquals(Money.of(0, "KES"), f.balance(stuck.id(), KES));

        f.sweepPendingLedger();
        assertEquals(Money.of(700, "KES"), f.balance(stuck.id(), KES), "the next run adds it");
        assertEquals(Money.of(400, "KES"), f.balance(other.id(), KES), "and not the other one again");
    }

    /** The sort keys of the items whose stream records Lambda's failure records (so far) start at. */
    private List<String> failureRecordSks() throws Exception {
        List<String> sks = new ArrayList<>();
        for (String body : f.messages("LedgerAggregatorFailuresQueue", "DDBStreamBatchInfo")) {
            sks.add(streamRecordSk(Json.MAPPER.readTree(body).path("DDBStreamBatchInfo")));
        }
        return sks;
    }

    private void appendForAggregation(LedgerEntry entry) {
        WriteTransaction tx = f.repos.transactions().begin();
        f.repos.ledger().appendAggregatedLater(entry, Optional.empty(), tx);
        tx.commit();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String s) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
    }

    private Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> stored(Tenant t, String sk) {
        return f.dynamo.getItem(b -> b.tableName(f.tables.entityTable()).consistentRead(true)
                .key(Map.of("PK", av("RESELLER#" + t.id()), "SK", av(sk)))).item();
    }

    /** The sort key of the item whose insert is the stream record a failure record starts at. */
    private static String streamRecordSk(JsonNode info) {
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(info.path("streamArn").asText())
                    .shardId(info.path("shardId").asText()).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .sequenceNumber(info.path("startSequenceNumber").asText())).shardIterator();
            return streams.getRecords(b -> b.shardIterator(iterator).limit(1)).records().get(0).dynamodb().keys().get("SK").s();
        }
    }
}
