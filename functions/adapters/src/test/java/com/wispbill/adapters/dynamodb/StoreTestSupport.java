package com.wispbill.adapters.dynamodb;

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
