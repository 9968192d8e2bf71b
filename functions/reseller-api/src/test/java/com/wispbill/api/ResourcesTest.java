package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Each resource does what it says, on the embedded stack. */
class ResourcesTest {
    private static TestStack stack;
    private static ApiClient api;
    private static Seed seed;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        seed = Seed.create(stack, api, "Hotel Hotspot", "+254700400001", 5);
    }

    private static List<Message> drain(String queueUrl) {
        return stack.drain(queueUrl);
    }

    @Test
    void plansStateTheirUnitsAndPrices() {
        JsonNode decimal = api.send("reseller-api-create-plan.json", seed.key(), Map.of()).expect(201).json();
        assertEquals(1_000_000_000L, decimal.path("dataLimit").path("bytes").asLong());
        assertEquals("1 GB", decimal.path("dataLimit").path("decimal").asText());
        assertEquals(5000, decimal.path("price").path("amountMinor").asLong());
        assertEquals("KES", decimal.path("price").path("currency").asText());
        assertEquals("KES 50.00", decimal.path("price").path("formatted").asText());
        assertEquals("AT_FIRST_USE", decimal.path("validityStart").asText());
        assertEquals("PT24H", decimal.path("validity").path("duration").asText());

        JsonNode binary = api.call("POST", "/v1/plans", seed.key(), """
                {"name": "Week 1 GiB", "priceMinor": 0, "validity": {"type": "UNTIL_END_OF_DAY", "days": 7},
                 "dataLimit": "1GiB", "timeLimit": "PT10H", "sharedUsers": 3}""").expect(201).json();
        assertEquals(1L << 30, binary.path("dataLimit").path("bytes").asLong());
        assertEquals(7, binary.path("validity").path("days").asInt());
        assertEquals("PT10H", binary.path("timeLimit").asText());
        String id = binary.path("id").asText();

        JsonNode replaced = api.call("PUT", "/v1/plans/" + id, seed.key(), """
                {"name": "Week 2 GiB", "priceMinor": 25000, "validity": {"type": "UNTIL_END_OF_DAY", "days": 7},
                 "dataLimit": "2GiB"}""").expect(200).json();
        assertEquals(2L << 30, replaced.path("dataLimit").path("bytes").asLong());
        assertEquals(binary.path("createdAt"), replaced.path("createdAt"));
        assertEquals("Week 2 GiB", api.call("GET", "/v1/plans/" + id, seed.key()).expect(200).json().path("name").asText());
        assertFalse(api.call("DELETE", "/v1/plans/" + id, seed.key()).expect(200).json().path("active").asBoolean());
        assertFalse(api.call("GET", "/v1/plans/" + id, seed.key()).expect(200).json().path("active").asBoolean());
    }

    @Test
    void listingsPageWithCursors() {
        for (int i = 0; i < 3; i++) {
            api.call("POST", "/v1/plans", seed.key(), Seed.PLAN_BODY).expect(201);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor);
            JsonNode page = api.call("GET", "/v1/plans", seed.key(), null, query).expect(200).json();
            assertTrue(page.path("items").size() <= 2);
            page.path("items").forEach(p -> assertTrue(seen.add(p.path("id").asText()), "no plan twice"));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertTrue(seen.size() >= 4 && pages >= 2, "pages: " + pages + ", plans: " + seen.size());
        assertTrue(seen.contains(seed.planId()));
    }

    @Test
    void routersAreListedWithTheirLatestHealth() {
        JsonNode page = api.call("GET", "/v1/routers", seed.key()).expect(200).json();
        JsonNode router = page.path("items").get(0);
        assertEquals(seed.routerId(), router.path("id").asText());
        assertEquals(8729, router.path("apiPort").asInt());
        assertTrue(router.path("health").path("reachable").asBoolean());
        assertEquals(4, router.path("health").path("activeSessions").asInt());
        api.call("POST", "/v1/routers", seed.key(), "{\"name\": \"Plain\", \"host\": \"10.8.0.3\", \"useTls\": false}")
                .expect(400);
        JsonNode plain = api.call("POST", "/v1/routers", seed.key(),
                "{\"name\": \"Plain\", \"host\": \"10.8.0.3\", \"useTls\": false, \"allowPlainApi\": true}").expect(201).json();
        assertEquals(8728, plain.path("apiPort").asInt());
        assertTrue(plain.path("health").isNull());
    }

    @Test
    void orderingABatchStoresItQueuedReservesQuotaAndQueuesTheOrder() {
        drain(stack.batchQueueUrl);
        long outstandingBefore = api.call("GET", "/v1/me", seed.key()).expect(200).json()
                .path("voucherQuota").path("outstandingVouchers").asLong();
        ApiClient.Reply reply = api.send("reseller-api-order-batch.json", seed.key(),
                Map.of("PLAN_ID", seed.planId(), "ROUTER_ID", seed.routerId())).expect(202);
        String batchId = reply.json().path("id").asText();
        assertEquals("/v1/voucher-batches/" + batchId, reply.headers().get("location"));
        assertEquals("QUEUED", reply.json().path("status").asText());
        assertEquals(100, reply.json().path("quantity").asInt());

        assertEquals("QUEUED", api.call("GET", "/v1/voucher-batches/" + batchId, seed.key()).expect(200)
                .json().path("status").asText());
        assertTrue(api.call("GET", "/v1/voucher-batches", seed.key()).expect(200).json().path("items").get(0)
                .path("id").asText().equals(batchId), "newest first");
        List<VoucherBatchOrder> orders = drain(stack.batchQueueUrl).stream()
                .map(m -> MessageCodec.decodeVoucherBatchOrder(m.body())).toList();
        assertEquals(List.of(new VoucherBatchOrder(seed.tenant().resellerId(), batchId)), orders);
        assertEquals(outstandingBefore + 100, api.call("GET", "/v1/me", seed.key()).expect(200).json()
                .path("voucherQuota").path("outstandingVouchers").asLong());
    }

    private static ApiClient.Reply orderWithKey(Seed who, String idempotencyKey) {
        return orderWithKey(who, idempotencyKey, 100);
    }

    private static ApiClient.Reply orderWithKey(Seed who, String idempotencyKey, int quantity) {
        var event = ApiClient.load("reseller-api-order-batch.json");
        event.setBody(event.getBody().replace("PLAN_ID", who.planId()).replace("ROUTER_ID", who.routerId())
                .replace("\"quantity\": 100", "\"quantity\": " + quantity));
        event.getHeaders().put("authorization", "Bearer " + who.key());
        event.getHeaders().put("idempotency-key", idempotencyKey);
        return api.send(event);
    }

    @Test
    void aRepeatedOrderWithTheSameIdempotencyKeyOrdersOnce() {
        String rid = seed.tenant().resellerId();
        drain(stack.batchQueueUrl);
        long outstanding = stack.store.voucherQuota().usage(rid, 0).outstanding();
        String first = orderWithKey(seed, "order-2026-11-22-a").expect(202).json().path("id").asText();
        String again = orderWithKey(seed, "order-2026-11-22-a").expect(202).json().path("id").asText();
        assertEquals(first, again);
        assertEquals(outstanding + 100, stack.store.voucherQuota().usage(rid, 0).outstanding());
        assertEquals(1, drain(stack.batchQueueUrl).size());

        String other = orderWithKey(seed, "order-2026-11-22-b").expect(202).json().path("id").asText();
        assertFalse(other.equals(first));
        Seed someoneElse = Seed.create(stack, api, "Mike Same Key", "+254700400002", 1);
        assertFalse(orderWithKey(someoneElse, "order-2026-11-22-a").expect(202).json().path("id").asText().equals(first),
                "keys belong to one reseller");
        assertEquals(List.of("Idempotency-Key"), orderWithKey(seed, "not#valid").expect(400).errorFields());
        drain(stack.batchQueueUrl);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefusedAndWritesNothing() {
        String rid = seed.tenant().resellerId();
        drain(stack.batchQueueUrl);
        String first = orderWithKey(seed, "order-2026-11-23-a", 100).expect(202).json().path("id").asText();
        long outstanding = stack.store.voucherQuota().usage(rid, 0).outstanding();
        int batches = stack.store.voucherBatches().list(rid, PageRequest.first(100)).items().size();

        ApiClient.Reply other = orderWithKey(seed, "order-2026-11-23-a", 7).expect(422);
        assertEquals(List.of("Idempotency-Key"), other.errorFields());
        assertEquals(outstanding, stack.store.voucherQuota().usage(rid, 0).outstanding(), "no quota reserved");
        assertEquals(batches, stack.store.voucherBatches().list(rid, PageRequest.first(100)).items().size(), "no batch");
        assertEquals(1, drain(stack.batchQueueUrl).size(), "only the first order was queued");

        // The same body re-serialised (other key order and spacing) is still a retry of the first.
        var event = ApiClient.load("reseller-api-order-batch.json");
        event.setBody("{\"quantity\":100,\"routerIds\":[\"" + seed.routerId() + "\"],\"planId\":\"" + seed.planId() + "\"}");
        event.getHeaders().put("authorization", "Bearer " + seed.key());
        event.getHeaders().put("idempotency-key", "order-2026-11-23-a");
        assertEquals(first, api.send(event).expect(202).json().path("id").asText());
        assertEquals(0, drain(stack.batchQueueUrl).size());
    }

    @Test
    void vouchersAreListedByBatchAndStatusAndRevokedWithRouterCommands() {
        String rid = seed.tenant().resellerId();
        String revokedId = seed.voucherIds().get(1);
        Voucher voucher = stack.store.vouchers().getById(rid, revokedId);
        drain(stack.commandQueueUrl);
        long outstanding = stack.store.voucherQuota().usage(rid, 0).outstanding();

        JsonNode revoked = api.call("POST", "/v1/vouchers/" + revokedId + "/revoke", seed.key()).expect(200).json();
        assertEquals("REVOKED", revoked.path("status").asText());
        assertEquals(VoucherStatus.REVOKED, stack.store.vouchers().getById(rid, revokedId).status());
        assertEquals(outstanding, stack.store.voucherQuota().usage(rid, 0).outstanding(),
                "the quota counts vouchers in generation, not vouchers in circulation");
        List<RouterCommandEnvelope> commands = drain(stack.commandQueueUrl).stream()
                .flatMap(m -> MessageCodec.decodeRouterCommands(m.body()).commands().stream()).toList();
        assertEquals(List.of(new DisableHotspotUser(voucher.code()), new KickHotspotUser(voucher.code())),
                commands.stream().map(RouterCommandEnvelope::command).toList());
        commands.forEach(c -> assertEquals(voucher.routerId(), c.routerId()));

        // Revoking again changes nothing more; it re-sends the same command ids, which the FIFO queue drops
        // as duplicates within its five-minute window (later, the driver applies them idempotently).
        api.call("POST", "/v1/vouchers/" + revokedId + "/revoke", seed.key()).expect(200);
        assertEquals(outstanding, stack.store.voucherQuota().usage(rid, 0).outstanding());
        assertEquals(List.of(), drain(stack.commandQueueUrl));

        assertEquals(revokedId, api.call("GET", "/v1/vouchers/" + revokedId, seed.key()).expect(200).json().path("id").asText());
        Set<String> fresh = new HashSet<>();
        String cursor = null;
        do {
            // Stored once (NEW); their batch is READY (its router confirmed them), so they read as ACTIVE.
            Map<String, String> query = cursor == null ? Map.of("limit", "2", "status", "active")
                    : Map.of("limit", "2", "status", "active", "cursor", cursor);
            JsonNode page = api.call("GET", "/v1/voucher-batches/" + seed.batchId() + "/vouchers", seed.key(), null, query)
                    .expect(200).json();
            page.path("items").forEach(v -> {
                assertEquals("ACTIVE", v.path("status").asText());
                assertEquals(10, v.path("code").asText().length());
                fresh.add(v.path("id").asText());
            });
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        Set<String> expected = new HashSet<>(seed.voucherIds());
        expected.remove(revokedId);
        assertEquals(expected, fresh);
        JsonNode onlyRevoked = api.call("GET", "/v1/voucher-batches/" + seed.batchId() + "/vouchers", seed.key(), null,
                Map.of("status", "REVOKED", "limit", "100")).expect(200).json();
        assertEquals(1, onlyRevoked.path("items").size());
        api.call("GET", "/v1/voucher-batches/" + seed.batchId() + "/vouchers", seed.key(), null, Map.of("status", "SOLD"))
                .expect(400);
    }

    @Test
    void customersAreFoundByPhoneAndSubscriptionsExtendedByHandWithALedgerEntry() {
        String rid = seed.tenant().resellerId();
        JsonNode found = api.call("GET", "/v1/customers", seed.key(), null, Map.of("phone", "+254 700-400-001")).expect(200).json();
        assertEquals(seed.customerId(), found.path("items").get(0).path("id").asText());
        api.call("GET", "/v1/customers", seed.key(), null, Map.of("phone", "0700400001")).expect(400);
        JsonNode subs = api.call("GET", "/v1/customers/" + seed.customerId() + "/subscriptions", seed.key()).expect(200).json();
        assertEquals(seed.subscriptionId(), subs.path("items").get(0).path("id").asText());
        Instant expiry = Instant.parse(subs.path("items").get(0).path("expiresAt").asText());
        stack.aggregatesCaughtUp();
        long balanceBefore = api.call("GET", "/v1/balance", seed.key()).expect(200).json()
                .path("balance").path("amountMinor").asLong();
        long grossBefore = api.call("GET", "/v1/dashboard/today", seed.key()).expect(200).json()
                .path("revenue").path("gross").path("amountMinor").asLong();

        JsonNode extension = api.call("POST", "/v1/subscriptions/" + seed.subscriptionId() + "/extend", seed.key(),
                "{\"duration\": \"P2D\", \"amountMinor\": 2000, \"memo\": \"paid cash at the shop\"}").expect(200).json();
        assertEquals(expiry.plus(Duration.ofDays(2)), Instant.parse(extension.path("subscription").path("expiresAt").asText()));
        assertEquals("MANUAL_EXTENSION", extension.path("ledgerEntry").path("type").asText());
        assertEquals(2000, extension.path("ledgerEntry").path("amount").path("amountMinor").asLong());
        stack.aggregatesCaughtUp(); // the balance and revenue are added from the ledger's stream
        assertEquals(balanceBefore + 2000, api.call("GET", "/v1/balance", seed.key()).expect(200).json()
                .path("balance").path("amountMinor").asLong());
        assertEquals(expiry.plus(Duration.ofDays(2)), stack.store.subscriptions().get(rid, seed.subscriptionId()).expiresAt());

        JsonNode today = api.call("GET", "/v1/dashboard/today", seed.key()).expect(200).json();
        assertEquals(LocalDate.now(ZoneId.of("Africa/Nairobi")).toString(), today.path("date").asText());
        assertEquals(grossBefore + 2000, today.path("revenue").path("gross").path("amountMinor").asLong());
        assertTrue(today.toString().contains(extension.path("ledgerEntry").path("id").asText()));
        JsonNode popular = api.call("GET", "/v1/dashboard/popular-plans", seed.key()).expect(200).json();
        assertEquals(seed.planId(), popular.path("plans").get(0).path("planId").asText());
        assertEquals("Daily 1 GB", popular.path("plans").get(0).path("planName").asText());

        TestStack.Snapshot before = stack.snapshot();
        api.call("POST", "/v1/subscriptions/" + seed.subscriptionId() + "/extend", seed.key(),
                "{\"duration\": \"-P1D\", \"amountMinor\": -5}").expect(400);
        api.call("POST", "/v1/subscriptions/" + seed.subscriptionId() + "/extend", seed.key(), "{}").expect(400);
        assertEquals(before, stack.snapshot());
    }

    @Test
    void paymentsAndTheLedgerAreListed() {
        JsonNode payments = api.call("GET", "/v1/payments", seed.key()).expect(200).json();
        assertEquals(seed.paymentId(), payments.path("items").get(0).path("id").asText());
        assertEquals(seed.paymentId(), api.call("GET", "/v1/payments", seed.key(), null, Map.of("phone", seed.phone()))
                .expect(200).json().path("items").get(0).path("id").asText());
        assertEquals("PENDING", api.call("GET", "/v1/payments/" + seed.paymentId(), seed.key()).expect(200).json()
                .path("status").asText());
        String today = LocalDate.now(ZoneId.of("Africa/Nairobi")).toString();
        assertTrue(api.call("GET", "/v1/ledger", seed.key(), null, Map.of("from", today, "to", today)).expect(200)
                .body().contains(seed.ledgerEntryId()));
        assertFalse(api.call("GET", "/v1/ledger", seed.key(), null, Map.of("from", "2020-01-01", "to", "2020-01-31"))
                .expect(200).body().contains(seed.ledgerEntryId()));
        api.call("GET", "/v1/ledger", seed.key(), null, Map.of("from", "yesterday")).expect(400);
    }

    @Test
    void dashboardsReadSessionsBandwidthAndHealth() {
        String rid = seed.tenant().resellerId();
        LocalDate today = LocalDate.now(ZoneId.of("Africa/Nairobi"));
        stack.store.usage().addResellerBandwidth(rid, today, 1_000, 2_000);
        stack.store.usage().addResellerBandwidth(rid, today.minusDays(1), 10, 20);
        JsonNode bandwidth = api.call("GET", "/v1/dashboard/bandwidth", seed.key()).expect(200).json();
        assertEquals(2, bandwidth.path("days").size());
        assertEquals(3_000, bandwidth.path("days").get(1).path("totalBytes").asLong());
        api.call("GET", "/v1/dashboard/bandwidth", seed.key(), null, Map.of("from", "2026-01-10", "to", "2026-01-01"))
                .expect(400);
        api.call("GET", "/v1/dashboard/bandwidth", seed.key(), null, Map.of("from", "2020-01-01", "to", "2026-01-01"))
                .expect(400);

        JsonNode sessions = api.call("GET", "/v1/dashboard/active-sessions", seed.key()).expect(200).json();
        assertEquals(4, sessions.path("activeSessions").asLong());
        assertEquals(1, sessions.path("routersReporting").asInt());
        JsonNode health = api.call("GET", "/v1/dashboard/router-health", seed.key()).expect(200).json();
        assertEquals("7.16.2", health.path("routers").get(0).path("routerOsVersion").asText());
        assertNotNull(health.path("routers").get(0).path("checkedAt").asText());
    }
}
