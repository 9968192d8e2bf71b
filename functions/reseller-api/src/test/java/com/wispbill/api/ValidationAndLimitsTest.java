package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.VoucherQuota;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.domain.ApiKeyRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a problem document naming every bad field, and changes nothing: no plan, no batch
 * (not even part of one), no queued order, no quota taken. Limits: pages of at most 100, bodies of at
 * most 64 KiB (413), and a per-key rate limit (429 with Retry-After) shared by all instances.
 */
class ValidationAndLimitsTest {
    private static TestStack stack;
    private static ApiClient api;
    private static Seed seed;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        seed = Seed.create(stack, api, "Delta Links", "+254700300001", 2);
    }

    private static ApiClient.Reply refusedWithoutWrites(int status, String method, String path, String body) {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = api.call(method, path, seed.key(), body);
        assertEquals(before, stack.snapshot(), "nothing may be written");
        reply.expect(status);
        assertEquals(HttpResponse.PROBLEM_JSON, reply.contentType());
        return reply;
    }

    private static String batch(String planId, List<String> routerIds, int quantity) {
        return "{\"planId\": \"" + planId + "\", \"routerIds\": [" + String.join(", ",
                routerIds.stream().map(r -> "\"" + r + "\"").toList()) + "], \"quantity\": " + quantity + "}";
    }

    @Test
    void aNegativePriceAndADataLimitWithoutUnitAreBothReported() {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = api.send("reseller-api-create-plan-invalid.json", seed.key(), Map.of()).expect(400);
        assertEquals(before, stack.snapshot());
        assertEquals(List.of("priceMinor", "dataLimit"), reply.errorFields(), reply.body());
        assertTrue(reply.json().path("errors").get(1).path("message").asText().contains("GiB"));
    }

    @Test
    void unknownUnitsAndRateLimitsAreFieldErrors() {
        ApiClient.Reply reply = refusedWithoutWrites(400, "POST", "/v1/plans", """
                {"name": "Weekly", "priceMinor": 30000, "validity": {"type": "UNTIL_END_OF_DAY", "days": 0},
                 "dataLimit": "5 GBs", "rateLimit": "fast", "validityStart": "LATER", "sharedUsers": 0}""");
        assertEquals(List.of("validity", "dataLimit", "rateLimit", "validityStart", "sharedUsers").stream().sorted().toList(),
                reply.errorFields().stream().sorted().toList(), reply.body());
    }

    @Test
    void enforcementModesAreValidatedAndAFairUsePlanIsStored() {
        ApiClient.Reply fupWithoutQuota = refusedWithoutWrites(400, "POST", "/v1/plans", """
                {"name": "Home", "priceMinor": 30000, "validity": {"type": "FIXED", "duration": "P30D"},
                 "enforcement": "FUP"}""");
        assertEquals(List.of("dataLimit", "fairUseRate"), fupWithoutQuota.errorFields().stream().sorted().toList(),
                fupWithoutQuota.body());
        ApiClient.Reply badRate = refusedWithoutWrites(400, "POST", "/v1/plans", """
                {"name": "Home", "priceMinor": 30000, "validity": {"type": "FIXED", "duration": "P30D"},
                 "dataLimit": "100GB", "enforcement": "FUP", "fairUseRate": "1 Mbit"}""");
        assertEquals(List.of("fairUseRate"), badRate.errorFields(), badRate.body());
        assertTrue(badRate.body().contains("not a RouterOS rate limit"), badRate.body());
        ApiClient.Reply unknown = refusedWithoutWrites(400, "POST", "/v1/plans", """
                {"name": "Home", "priceMinor": 30000, "validity": {"type": "FIXED", "duration": "P30D"},
                 "enforcement": "SUSPEND", "fairUseRate": "1M/1M"}""");
        assertEquals(List.of("enforcement"), unknown.errorFields(), unknown.body());
        ApiClient.Reply rateWithoutFup = refusedWithoutWrites(400, "POST", "/v1/plans", """
                {"name": "Home", "priceMinor": 30000, "validity": {"type": "FIXED", "duration": "P30D"},
                 "enforcement": "ISOLATE", "fairUseRate": "1M/1M"}""");
        assertEquals(List.of("fairUseRate"), rateWithoutFup.errorFields(), rateWithoutFup.body());

        ApiClient.Reply created = api.call("POST", "/v1/plans", seed.key(), """
                {"name": "Home FUP", "priceMinor": 30000, "validity": {"type": "FIXED", "duration": "P30D"},
                 "dataLimit": "100GB", "rateLimit": "10M/10M", "enforcement": "FUP", "fairUseRate": "1024k/1M"}""")
                .expect(201);
        assertEquals("FUP", created.json().path("enforcement").asText());
        assertEquals("1024k/1M", created.json().path("fairUseRate").asText());
        ApiClient.Reply read = api.call("GET", "/v1/plans/" + created.json().path("id").asText(), seed.key()).expect(200);
        assertEquals("FUP", read.json().path("enforcement").asText());
        assertEquals("CUT_OFF", api.call("POST", "/v1/plans", seed.key(), Seed.PLAN_BODY).expect(201).json()
                .path("enforcement").asText(), "plans that do not say cut off, as before");
    }

    @Test
    void wrongTypesMissingAndUnknownFieldsAreAllReported() {
        ApiClient.Reply reply = refusedWithoutWrites(400, "POST", "/v1/plans",
                "{\"priceMinor\": \"5000\", \"prise\": 1, \"validity\": {\"type\": \"FIXED\", \"duration\": \"24h\"}}");
        assertEquals(List.of("name", "priceMinor", "validity.duration", "prise").stream().sorted().toList(),
                reply.errorFields().stream().sorted().toList(), reply.body());
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertEquals(List.of("body"), refusedWithoutWrites(400, "POST", "/v1/plans", "{\"name\": ").errorFields());
        assertEquals(List.of("body"), refusedWithoutWrites(400, "POST", "/v1/plans", "[1, 2]").errorFields());
    }

    @Test
    void aBatchForAnUnknownPlanIsRefused() {
        ApiClient.Reply reply = refusedWithoutWrites(400, "POST", "/v1/voucher-batches",
                batch("NO-SUCH-PLAN", List.of(seed.routerId()), 10));
        assertEquals(List.of("planId"), reply.errorFields());
    }

    @Test
    void aBatchOverTenThousandIsRefused() {
        ApiClient.Reply reply = refusedWithoutWrites(400, "POST", "/v1/voucher-batches",
                batch(seed.planId(), List.of(seed.routerId()), 10_001));
        assertEquals(List.of("quantity"), reply.errorFields());
        assertTrue(reply.body().contains("10000"), reply.body());
    }

    @Test
    void aBatchWithOneBadRouterIsRefusedAsAWholeNoHalfBatch() {
        ApiClient.Reply reply = refusedWithoutWrites(400, "POST", "/v1/voucher-batches",
                batch(seed.planId(), List.of(seed.routerId(), "NO-SUCH-ROUTER", seed.routerId()), 500));
        assertEquals(List.of("routerIds[1]", "routerIds[2]"), reply.errorFields(), reply.body());
    }

    @Test
    void aBatchOverTheOutstandingQuotaIsRefusedAndAnotherResellersQuotaIsUntouched() {
        Seed small = Seed.create(stack, api, "Echo Small", "+254700300002", 1);
        DynamoStore store = stack.store;
        store.voucherQuota().setLimit(small.tenant().resellerId(), 30);
        VoucherQuota.Usage before = store.voucherQuota().usage(small.tenant().resellerId(), 0);
        assertEquals(1, before.outstanding());

        TestStack.Snapshot snapshot = stack.snapshot();
        ApiClient.Reply reply = api.call("POST", "/v1/voucher-batches", small.key(),
                batch(small.planId(), List.of(small.routerId()), 30)).expect(400);
        assertEquals(snapshot, stack.snapshot());
        assertEquals(List.of("quantity"), reply.errorFields());
        assertTrue(reply.body().contains("29 remain"), reply.body());

        api.call("POST", "/v1/voucher-batches", small.key(), batch(small.planId(), List.of(small.routerId()), 29)).expect(202);
        assertEquals(30, store.voucherQuota().usage(small.tenant().resellerId(), 0).outstanding());
        api.call("POST", "/v1/voucher-batches", small.key(), batch(small.planId(), List.of(small.routerId()), 1)).expect(400);
    }

    @Test
    void concurrentOrdersNeverTogetherExceedTheQuota() throws Exception {
        Seed racing = Seed.create(stack, api, "India Rush", "+254700300003", 1);
        String rid = racing.tenant().resellerId();
        stack.store.voucherQuota().setLimit(rid, 41);
        String order = batch(racing.planId(), List.of(racing.routerId()), 10);
        List<Integer> statuses;
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> api.call("POST", "/v1/voucher-batches", racing.key(), order).status()));
            }
            statuses = new ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get());
            }
        }
        long accepted = statuses.stream().filter(s -> s == 202).count();
        assertTrue(statuses.stream().allMatch(s -> s == 202 || s == 400 || s == 409), statuses.toString());
        assertTrue(accepted >= 1 && accepted <= 4, statuses.toString());
        assertEquals(1 + 10 * accepted, stack.store.voucherQuota().usage(rid, 0).outstanding());
        assertEquals(1 + accepted, stack.store.voucherBatches().list(rid, PageRequest.first(100))
                .items().size());
    }

    @Test
    void aBatchForADeactivatedPlanIsRefused() {
        String planId = api.call("POST", "/v1/plans", seed.key(), Seed.PLAN_BODY).expect(201).json().path("id").asText();
        api.call("DELETE", "/v1/plans/" + planId, seed.key()).expect(200);
        ApiClient.Reply reply = refusedWithoutWrites(400, "POST", "/v1/voucher-batches",
                batch(planId, List.of(seed.routerId()), 5));
        assertTrue(reply.body().contains("no longer sold"), reply.body());
    }

    @Test
    void pageSizesAbove100AreRefused() {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = api.send("reseller-api-list-vouchers.json", seed.key(), Map.of("BATCH_ID", seed.batchId()))
                .expect(400);
        assertEquals(before, stack.snapshot());
        assertEquals(List.of("limit"), reply.errorFields());
        api.call("GET", "/v1/plans", seed.key(), null, Map.of("limit", "0")).expect(400);
        api.call("GET", "/v1/plans", seed.key(), null, Map.of("limit", "many")).expect(400);
        api.call("GET", "/v1/plans", seed.key(), null, Map.of("limit", "100")).expect(200);
    }

    @Test
    void aForgedCursorIsABadRequest() {
        ApiClient.Reply reply = api.call("GET", "/v1/plans", seed.key(), null, Map.of("cursor", "bm90LWEtY3Vyc29y")).expect(400);
        assertEquals(List.of("cursor"), reply.errorFields());
    }

    @Test
    void oversizedBodiesAre413AndWriteNothing() {
        String padding = "x".repeat(ApiSettings.DEFAULT_MAX_BODY_BYTES);
        ApiClient.Reply reply = refusedWithoutWrites(413, "POST", "/v1/plans",
                "{\"name\": \"" + padding + "\", \"priceMinor\": 1, \"validity\": {\"type\": \"FIXED\", \"duration\": \"PT1H\"}}");
        assertTrue(reply.body().contains("65536"), reply.body());
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        api.call("GET", "/v1/nothing-here", seed.key()).expect(404);
        ApiClient.Reply reply = api.call("PATCH", "/v1/plans", seed.key()).expect(405);
        assertEquals("GET, POST", reply.headers().get("allow"));
    }

    @Test
    void theRateLimitIsPerKeySharedByInstancesAndSaysWhenToRetry() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T14:05:20Z"), ZoneOffset.UTC);
        ApiSettings three = new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, 3, Duration.ofMinutes(1), 50_000);
        // Two "Lambda instances": separate API objects sharing only the table.
        ApiClient first = new ApiClient(new ResellerApiHandler(stack.api(three, clock)));
        ApiClient second = new ApiClient(new ResellerApiHandler(stack.api(three, clock)));
        TestStack.Tenant limited = stack.onboard("Foxtrot Fast", ApiKeyRole.RESELLER);
        TestStack.Tenant other = stack.onboard("Golf Calm", ApiKeyRole.RESELLER);

        first.call("GET", "/v1/me", limited.key()).expect(200);
        second.call("GET", "/v1/me", limited.key()).expect(200);
        first.call("GET", "/v1/plans", limited.key()).expect(200);
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply refused = second.call("POST", "/v1/plans", limited.key(), Seed.PLAN_BODY).expect(429);
        assertEquals(before, stack.snapshot());
        assertEquals("40", refused.headers().get("retry-after"));
        assertEquals(HttpResponse.PROBLEM_JSON, refused.contentType());
        first.call("GET", "/v1/me", other.key()).expect(200);

        ApiClient nextMinute = new ApiClient(new ResellerApiHandler(stack.api(three, Clock.offset(clock, Duration.ofSeconds(40)))));
        nextMinute.call("GET", "/v1/me", limited.key()).expect(200);
    }
}
