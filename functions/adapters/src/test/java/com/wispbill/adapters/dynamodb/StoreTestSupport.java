package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.LedgerAggregator;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.testing.MutableClock;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.ResellerStatus;
import com.wispbill.domain.Router;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the integration tests: fresh tables per test class instance on the shared DynamoDB Local, a
 * store on a controllable clock, and two resellers (A in Nairobi, B in Lagos) to check tenant isolation.
 */
abstract class StoreTestSupport {
    static final Instant START = Instant.parse("2026-11-22T14:05:00Z");
    static final String A = "reseller-a";
    static final String B = "reseller-b";
    static final ResellerCalendar NAIROBI = ResellerCalendar.of("Africa/Nairobi");

    final MutableClock clock = new MutableClock(START);
    TableNames tables;
    DynamoStore store;

    @BeforeEach
    void createStore() {
        tables = LocalDynamoDb.newTables();
        store = new DynamoStore(LocalDynamoDb.client(), tables, clock);
    }

    /** The revenue counters as the ledger aggregator adds to them (their writes are the aggregator's alone). */
    DynamoDashboardCounters counters() {
        return (DynamoDashboardCounters) store.dashboardCounters();
    }

    /**
     * Appends {@code entry} (revenue of {@code revenuePlanId}, if present) as the writers do, then adds it as the
     * table's stream would have the aggregator add it: these tests run without the stream.
     */
    void appendAndAggregate(LedgerEntry entry, Optional<String> revenuePlanId) {
        WriteTransaction tx = store.begin();
        store.ledger().appendAggregatedLater(entry, revenuePlanId, tx);
        tx.commit();
        aggregate(new LedgerAggregator.PendingEntry(entry, revenuePlanId));
    }

    /** What the stream's aggregator does with these inserted entries. */
    int aggregate(LedgerAggregator.PendingEntry... entries) {
        return new DynamoLedgerAggregator(LocalDynamoDb.client(), tables, OperationalMetrics.DISCARD, clock)
                .aggregate(java.util.List.of(entries));
    }

    static Reseller reseller(String id) {
        return new Reseller(id, "Reseller " + id, ZoneId.of("Africa/Nairobi"), Currency.getInstance("KES"),
                ResellerStatus.ACTIVE, 10, START);
    }

    static Plan.Builder plan(String resellerId, String planId) {
        return Plan.builder().id(planId).resellerId(resellerId).name("Daily " + planId).price(Money.of(5000, "KES"))
                .validity(Duration.ofHours(24)).rateLimit("2M/5M").createdAt(START);
    }

    static Router router(String resellerId, String routerId) {
        return Router.builder().id(routerId).resellerId(resellerId).name("AP " + routerId).host("10.8.0.2")
                .createdAt(START).build();
    }
}
