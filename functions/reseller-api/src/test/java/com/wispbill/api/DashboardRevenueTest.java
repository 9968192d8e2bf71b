package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/dashboard/revenue?days=N}: revenue per local day of the reseller (Africa/Nairobi, UTC+3),
 * zero days included, another reseller's sales never counted, a bad {@code days} refused by name.
 */
class DashboardRevenueTest {
    /** 23:59 on 10 February in Nairobi and, two minutes later, 00:01 on 11 February: one UTC date, two local days. */
    private static final Instant BEFORE_MIDNIGHT = Instant.parse("2027-02-10T20:59:00Z");
    private static final Instant AFTER_MIDNIGHT = Instant.parse("2027-02-10T21:01:00Z");
    /** Read on 13 February (Nairobi): the 12th and 13th sold nothing. */
    private static final Instant READ_AT = Instant.parse("2027-02-13T06:00:00Z");

    private static TestStack stack;
    private static ApiClient reader;
    private static Seed alpha;

    @BeforeAll
    static void sellEitherSideOfMidnight() {
        stack = TestStack.get();
        ApiClient now = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        alpha = Seed.create(stack, now, "Sierra Revenue", "+254700500001", 1);
        Seed bravo = Seed.create(stack, now, "Tango Revenue", "+254700500002", 1);
        extendFor(BEFORE_MIDNIGHT, alpha, 2000);
        extendFor(AFTER_MIDNIGHT, alpha, 3000);
        extendFor(AFTER_MIDNIGHT, alpha, 500);
        extendFor(BEFORE_MIDNIGHT, bravo, 70_000);
        extendFor(READ_AT, bravo, 90_000);
        stack.aggregatesCaughtUp(); // revenue is counted from the ledger's stream
        reader = at(READ_AT);
    }

    private static ApiClient at(Instant instant) {
        return new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.fixed(instant, ZoneOffset.UTC))));
    }

    /** A manual extension with cash taken: a sale counted on the reseller's local day of {@code at}. */
    private static void extendFor(Instant at, Seed seed, long amountMinor) {
        at(at).call("POST", "/v1/subscriptions/" + seed.subscriptionId() + "/extend", seed.key(),
                "{\"duration\": \"P1D\", \"amountMinor\": " + amountMinor + ", \"memo\": \"cash\"}").expect(200);
    }

    private static List<String> column(JsonNode body, String field) {
        List<String> values = new ArrayList<>();
        body.path("days").forEach(d -> values.add(field.equals("gross")
                ? d.path("gross").path("amountMinor").asText() : d.path(field).asText()));
        return values;
    }

    @Test
    void eachLocalDayWithItsSalesAndTheDaysWithoutAsZero() {
        JsonNode body = reader.call("GET", "/v1/dashboard/revenue", alpha.key(), null, Map.of("days", "5")).expect(200).json();
        assertEquals("2027-02-09", body.path("from").asText());
        assertEquals("2027-02-13", body.path("to").asText());
        assertEquals("Africa/Nairobi", body.path("zone").asText());
        assertEquals(List.of("2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12", "2027-02-13"), column(body, "day"));
        assertEquals(List.of("0", "2000", "3500", "0", "0"), column(body, "gross"));
        assertEquals(List.of("0", "1", "2", "0", "0"), column(body, "sales"));
        body.path("days").forEach(d -> assertEquals("KES", d.path("gross").path("currency").asText()));
        assertEquals("KES 35.00", body.path("days").get(2).path("gross").path("formatted").asText());
    }

    @Test
    void thirtyDaysByDefaultEndingTodayAndOneDayIsToday() {
        JsonNode month = reader.call("GET", "/v1/dashboard/revenue", alpha.key()).expect(200).json();
        assertEquals(30, month.path("days").size());
        assertEquals("2027-01-15", month.path("from").asText());
        assertEquals(5500, month.path("days").findValues("gross").stream().mapToLong(g -> g.path("amountMinor").asLong()).sum());

        JsonNode today = at(AFTER_MIDNIGHT).call("GET", "/v1/dashboard/revenue", alpha.key(), null, Map.of("days", "1"))
                .expect(200).json();
        assertEquals(List.of("2027-02-11"), column(today, "day"));
        assertEquals(List.of("3500"), column(today, "gross"));
    }

    @Test
    void anotherResellersSalesAreNotCounted() {
        JsonNode body = reader.call("GET", "/v1/dashboard/revenue", alpha.key(), null, Map.of("days", "90")).expect(200).json();
        assertEquals(90, body.path("days").size());
        assertEquals(5500, body.path("days").findValues("gross").stream().mapToLong(g -> g.path("amountMinor").asLong()).sum());
    }

    @Test
    void aDaysOutsideOneToNinetyIsRefusedByName() {
        for (String days : List.of("0", "91", "-3", "week")) {
            TestStack.Snapshot before = stack.snapshot();
            ApiClient.Reply refused = reader.call("GET", "/v1/dashboard/revenue", alpha.key(), null, Map.of("days", days))
                    .expect(400);
            assertEquals(List.of("days"), refused.json().path("errors").findValuesAsText("field"), refused.body());
            assertEquals(before, stack.snapshot());
        }
    }
}
