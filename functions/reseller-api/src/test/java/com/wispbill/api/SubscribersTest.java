package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.local.routeros.PppSecret;
import com.wispbill.testing.router.SimulatedRouterDriver;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customers and subscriptions made through the API only, their logins checked on a simulated router
 * that applied the queued commands: a PPPoE secret with its plan's profile, static address and MAC
 * binding, suspended, resumed, moved to another plan and ended; a hotspot account; bad input changes nothing.
 */
class SubscribersTest {
    private static TestStack stack;
    private static ApiClient api;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
    }

    @Test
    void aPppoeSubscriberCreatedThroughTheApiHasItsSecretOnTheRouterAndFollowsItsLifecycle() throws Exception {
        Seed seed = Seed.create(stack, api, "Papa PPPoE", "+254700600001", 1);
        String key = seed.key();
        stack.drain(stack.commandQueueUrl);
        JsonNode customer = api.call("POST", "/v1/customers", key, """
                {"phone": "+254 711 600 002", "name": "Jane Wanjiru", "email": "jane@example.com",
                 "location": "Kahawa West, house 12"}""").expect(201).json();
        assertEquals("+254711600002", customer.path("phone").asText());
        assertEquals("Kahawa West, house 12", customer.path("location").asText());
        String customerId = customer.path("id").asText();

        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start(seed.routerId())) {
            JsonNode created = api.call("POST", "/v1/subscriptions", key, "{\"customerId\": \"" + customerId
                    + "\", \"planId\": \"" + seed.planId() + "\", \"routerId\": \"" + seed.routerId()
                    + "\", \"kind\": \"PPPOE\", \"username\": \"jane-kw12\", \"password\": \"s3cret-pw\","
                    + " \"staticIp\": \"10.20.0.12\", \"macAddress\": \"aa-bb-cc-00-11-22\"}").expect(201).json();
            assertTrue(created.path("routerCommandQueued").asBoolean());
            String subscriptionId = created.path("subscription").path("id").asText();
            assertEquals("ACTIVE", created.path("subscription").path("status").asText());
            assertEquals(List.of("EnsurePppProfile", "EnsurePppSecret"), applied(driver));

            PppSecret secret = driver.router.state().pppSecret("jane-kw12").orElseThrow();
            assertEquals("s3cret-pw", secret.password());
            assertEquals("pppoe", secret.service());
            assertEquals("wb-" + seed.planId(), secret.profile());
            assertEquals(Optional.of("10.20.0.12"), secret.remoteAddress());
            assertEquals(Optional.of("AA:BB:CC:00:11:22"), secret.callerId());
            assertEquals(Optional.of("2M/5M"), driver.router.state().pppProfiles().stream()
                    .filter(p -> p.name().equals("wb-" + seed.planId())).findFirst().orElseThrow().rateLimit());
            assertFalse(secret.disabled());
            assertEquals(1, api.call("GET", "/v1/customers/" + customerId + "/subscriptions", key).expect(200).json()
                    .path("items").size());

            String sub = "/v1/subscriptions/" + subscriptionId;
            assertEquals("SUSPENDED", api.call("POST", sub + "/suspend", key, "").expect(200).json()
                    .path("subscription").path("status").asText());
            assertEquals(List.of("DisablePppSecret", "KickPppUser"), applied(driver));
            assertTrue(driver.router.state().pppSecret("jane-kw12").orElseThrow().disabled());

            assertEquals("ACTIVE", api.call("POST", sub + "/resume", key, "").expect(200).json()
                    .path("subscription").path("status").asText());
            assertEquals(List.of("EnablePppSecret"), applied(driver));
            assertFalse(driver.router.state().pppSecret("jane-kw12").orElseThrow().disabled());

            String faster = api.call("POST", "/v1/plans", key, """
                    {"name": "Home 10M", "priceMinor": 250000, "validity": {"type": "FIXED", "duration": "P30D"},
                     "rateLimit": "5M/10M"}""").expect(201).json().path("id").asText();
            JsonNode moved = api.call("PUT", sub + "/plan", key, "{\"planId\": \"" + faster + "\"}").expect(200).json();
            assertEquals(faster, moved.path("subscription").path("planId").asText());
            assertEquals(created.path("subscription").path("expiresAt").asText(),
                    moved.path("subscription").path("expiresAt").asText(), "a plan change keeps the paid period");
            applied(driver);
            PppSecret after = driver.router.state().pppSecret("jane-kw12").orElseThrow();
            assertEquals("wb-" + faster, after.profile());
            assertEquals(Optional.of("10.20.0.12"), after.remoteAddress());

            assertEquals("CANCELLED", api.call("POST", sub + "/end", key, "").expect(200).json()
                    .path("subscription").path("status").asText());
            assertEquals(List.of("KickPppUser", "RemovePppSecret"), applied(driver));
            assertTrue(driver.router.state().pppSecret("jane-kw12").isEmpty());
            api.call("POST", sub + "/resume", key, "").expect(409);
        }
    }

    @Test
    void aHotspotAccountGetsAUserWithItsOwnPasswordAndNoStaticAddress() throws Exception {
        Seed seed = Seed.create(stack, api, "Quebec Hotspot", "+254700600003", 1);
        stack.drain(stack.commandQueueUrl);
        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start(seed.routerId())) {
            api.call("POST", "/v1/subscriptions", seed.key(), "{\"customerId\": \"" + seed.customerId()
                    + "\", \"planId\": \"" + seed.planId() + "\", \"routerId\": \"" + seed.routerId()
                    + "\", \"kind\": \"hotspot\", \"username\": \"flat-3b\", \"password\": \"pw-3b-pw\"}").expect(201);
            assertEquals(List.of("EnsureHotspotProfile", "EnsureHotspotUser"), applied(driver));
            var user = driver.router.state().hotspotUser("flat-3b").orElseThrow();
            assertEquals("pw-3b-pw", user.password());
            assertEquals("wb-" + seed.planId(), user.profile());
        }
    }

    @Test
    void badInputIsOneProblemNamingEveryFieldAndChangesNothing() {
        Seed seed = Seed.create(stack, api, "Romeo Refused", "+254700600004", 1);
        String key = seed.key();
        stack.drain(stack.commandQueueUrl);
        ApiClient.Reply refused = api.call("POST", "/v1/subscriptions", key, "{\"customerId\": \"" + seed.customerId()
                + "\", \"planId\": \"no-such-plan\", \"routerId\": \"" + seed.routerId() + "\", \"kind\": \"HOTSPOT\","
                + " \"username\": \"bad name\", \"password\": \"\", \"staticIp\": \"10.1.2.300\", \"color\": 1}");
        refused.expect(400);
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(List.of("color", "planId", "staticIp", "username", "password"), refused.errorFields().stream()
                .distinct().sorted((a, b) -> order(a) - order(b)).toList());
        assertEquals(List.of(), stack.drain(stack.commandQueueUrl), "no router command for a refused subscription");
        assertEquals(1, api.call("GET", "/v1/customers/" + seed.customerId() + "/subscriptions", key).expect(200).json()
                .path("items").size(), "only the seed's subscription");

        List<String> customerFields = api.call("POST", "/v1/customers", key,
                "{\"phone\": \"0711\", \"email\": \"not-an-email\"}").expect(400).errorFields();
        assertTrue(customerFields.containsAll(List.of("phone", "email")), customerFields.toString());
        assertEquals(1, api.call("GET", "/v1/customers", key).expect(200).json().path("items").size());
        api.call("POST", "/v1/customers", key, "{\"phone\": \"" + seed.phone() + "\"}").expect(409);
        api.call("PUT", "/v1/customers/" + seed.customerId(), key, "{\"phone\": \"+254700600099\", \"email\": \"x\"}")
                .expect(400);
        assertEquals(seed.phone(), api.call("GET", "/v1/customers/" + seed.customerId(), key).expect(200).json()
                .path("phone").asText());
    }

    @Test
    void aCashRenewalIsOneLedgerEntryAndARetryWithTheSameKeyRenewsNothingMore() {
        Seed seed = Seed.create(stack, api, "Sierra Cash", "+254700600005", 1);
        String key = seed.key();
        String sub = "/v1/subscriptions/" + seed.subscriptionId();
        java.time.Instant before = java.time.Instant.parse(api.call("GET", sub, key).expect(200).json().path("expiresAt").asText());
        String body = "{\"amountMinor\": 5000, \"memo\": \"paid at the shop\"}";
        java.util.Map<String, String> cashKey = java.util.Map.of("idempotency-key", "till-2026-11-22-0001");

        JsonNode first = api.call("POST", sub + "/renew", key, body, java.util.Map.of(), cashKey).expect(200).json();
        assertFalse(first.path("repeated").asBoolean());
        java.time.Instant renewed = java.time.Instant.parse(first.path("subscription").path("expiresAt").asText());
        assertEquals(before.plus(java.time.Duration.ofHours(24)), renewed);
        JsonNode again = api.call("POST", sub + "/renew", key, body, java.util.Map.of(), cashKey).expect(200).json();
        assertTrue(again.path("repeated").asBoolean());
        assertEquals(first.path("ledgerEntryId").asText(), again.path("ledgerEntryId").asText());
        assertEquals(renewed.toString(), java.time.Instant.parse(api.call("GET", sub, key).expect(200).json()
                .path("expiresAt").asText()).toString(), "the retry renewed nothing");
        List<JsonNode> cash = new java.util.ArrayList<>();
        api.call("GET", "/v1/ledger", key).expect(200).json().path("items").forEach(e -> {
            if (e.path("type").asText().equals("SALE_GROSS")) {
                cash.add(e);
            }
        });
        assertEquals(1, cash.size(), "one entry for the cash");
        assertEquals(5000, cash.getFirst().path("amount").path("amountMinor").asLong());
        assertEquals(first.path("ledgerEntryId").asText(), cash.getFirst().path("id").asText());
        assertTrue(stack.store.outbox().pendingBefore(java.time.Instant.now().plusSeconds(60), 1000).stream()
                .anyMatch(m -> m.id().equals(first.path("ledgerEntryId").asText() + "-SMS")), "the receipt waits for the relay");

        // The same key with another body is the client's mistake; no key, or no cash, is refused; nothing changes.
        api.call("POST", sub + "/renew", key, "{\"amountMinor\": 9000}", java.util.Map.of(), cashKey).expect(422);
        assertEquals(List.of("Idempotency-Key"), api.call("POST", sub + "/renew", key, body).expect(400).errorFields());
        assertEquals(List.of("amountMinor"), api.call("POST", sub + "/renew", key, "{\"amountMinor\": 0}", java.util.Map.of(),
                java.util.Map.of("idempotency-key", "till-2")).expect(400).errorFields());
        assertEquals(renewed.toString(), java.time.Instant.parse(api.call("GET", sub, key).expect(200).json()
                .path("expiresAt").asText()).toString());
    }

    @Test
    void aMonthlyPlanBillsCalendarMonthsInTheResellersZone() {
        Seed seed = Seed.create(stack, api, "Tango Monthly", "+254700600006", 1);
        String key = seed.key();
        assertEquals(List.of("validity"), api.call("POST", "/v1/plans", key, """
                {"name": "Home", "priceMinor": 250000, "validity": {"type": "MONTHLY", "months": 0}}""")
                .expect(400).errorFields());
        JsonNode plan = api.call("POST", "/v1/plans", key, """
                {"name": "Home monthly", "priceMinor": 250000, "validity": {"type": "MONTHLY", "months": 1},
                 "rateLimit": "5M/10M"}""").expect(201).json();
        assertEquals("MONTHLY", plan.path("validity").path("type").asText());
        assertEquals(1, plan.path("validity").path("months").asInt());
        JsonNode sub = api.call("POST", "/v1/subscriptions", key, "{\"customerId\": \"" + seed.customerId()
                + "\", \"planId\": \"" + plan.path("id").asText() + "\", \"routerId\": \"" + seed.routerId()
                + "\", \"kind\": \"PPPOE\", \"username\": \"home-6006\", \"password\": \"pw-home-6006\"}")
                .expect(201).json().path("subscription");
        java.time.ZonedDateTime start = java.time.Instant.parse(sub.path("startsAt").asText())
                .atZone(java.time.ZoneId.of("Africa/Nairobi"));
        assertEquals(start.plusMonths(1).toInstant(), java.time.Instant.parse(sub.path("expiresAt").asText()));
    }

    @Test
    void aWalletRenewalDebitsEachPeriodOnceAndNeverMoreThanTheBalance() {
        Seed seed = Seed.create(stack, api, "Uniform Wallet", "+254700600007", 1);
        String key = seed.key();
        String wallet = "/v1/customers/" + seed.customerId() + "/wallet";
        String sub = "/v1/subscriptions/" + seed.subscriptionId();
        java.util.Map<String, String> till = java.util.Map.of("idempotency-key", "wallet-topup-0001");
        JsonNode topped = api.call("POST", wallet + "/top-ups", key, "{\"amountMinor\": 12000}", java.util.Map.of(), till)
                .expect(200).json();
        assertEquals(12000, topped.path("balance").path("amountMinor").asLong());
        assertTrue(api.call("POST", wallet + "/top-ups", key, "{\"amountMinor\": 12000}", java.util.Map.of(), till)
                .expect(200).json().path("repeated").asBoolean());
        assertEquals(12000, api.call("GET", wallet, key).expect(200).json().path("balance").path("amountMinor").asLong(),
                "a retried top-up credits once");

        String expiry = api.call("GET", sub, key).expect(200).json().path("expiresAt").asText();
        String renewal = "{\"forExpiry\": \"" + expiry + "\"}";
        JsonNode first = api.call("POST", sub + "/wallet-renewal", key, renewal).expect(200).json();
        assertEquals(5000, first.path("debited").path("amountMinor").asLong());
        assertEquals(7000, first.path("balance").path("amountMinor").asLong());
        java.time.Instant renewed = java.time.Instant.parse(first.path("subscription").path("expiresAt").asText());
        assertEquals(java.time.Instant.parse(expiry).plus(java.time.Duration.ofHours(24)), renewed);

        // The same period asked for again (a retry, a second sweep): paid already, nothing debited.
        JsonNode again = api.call("POST", sub + "/wallet-renewal", key, renewal).expect(200).json();
        assertTrue(again.path("debited").isNull());
        assertEquals(7000, api.call("GET", wallet, key).expect(200).json().path("balance").path("amountMinor").asLong());

        JsonNode second = api.call("POST", sub + "/wallet-renewal", key, "{\"forExpiry\": \"" + renewed + "\"}")
                .expect(200).json();
        assertEquals(2000, second.path("balance").path("amountMinor").asLong());
        String last = second.path("subscription").path("expiresAt").asText();
        api.call("POST", sub + "/wallet-renewal", key, "{\"forExpiry\": \"" + last + "\"}").expect(409);
        assertEquals(2000, api.call("GET", wallet, key).expect(200).json().path("balance").path("amountMinor").asLong());
        assertEquals(last, api.call("GET", sub, key).expect(200).json().path("expiresAt").asText(), "no credit, no renewal");
        assertEquals(List.of("forExpiry"), api.call("POST", sub + "/wallet-renewal", key, "{\"forExpiry\": \"soon\"}")
                .expect(400).errorFields());
    }

    @Test
    void autoRenewalFromTheWalletIsTurnedOnAndOffThroughTheApi() {
        Seed seed = Seed.create(stack, api, "Victor AutoRenew", "+254700600008", 1);
        String key = seed.key();
        String sub = "/v1/subscriptions/" + seed.subscriptionId();
        assertFalse(api.call("GET", sub, key).expect(200).json().path("autoRenew").asBoolean(true), "off until asked for");
        JsonNode on = api.call("PUT", sub + "/auto-renew", key, "{\"enabled\": true}").expect(200).json();
        assertTrue(on.path("subscription").path("autoRenew").asBoolean());
        assertTrue(api.call("GET", sub, key).expect(200).json().path("autoRenew").asBoolean());
        assertTrue(stack.store.subscriptions().get(seed.tenant().resellerId(), seed.subscriptionId()).autoRenew(),
                "stored for the expiry sweep");

        assertEquals(List.of("enabled"), api.call("PUT", sub + "/auto-renew", key, "{}").expect(400).errorFields());
        assertEquals(List.of("enabled"), api.call("PUT", sub + "/auto-renew", key, "{\"enabled\": \"yes\"}")
                .expect(400).errorFields());
        assertTrue(api.call("GET", sub, key).expect(200).json().path("autoRenew").asBoolean(), "bad input changes nothing");

        assertFalse(api.call("PUT", sub + "/auto-renew", key, "{\"enabled\": false}").expect(200).json()
                .path("subscription").path("autoRenew").asBoolean(true));
        api.call("PUT", "/v1/subscriptions/no-such-sub/auto-renew", key, "{\"enabled\": true}").expect(404);

        // Or asked for when the subscription is made.
        JsonNode created = api.call("POST", "/v1/subscriptions", key, "{\"customerId\": \"" + seed.customerId()
                + "\", \"planId\": \"" + seed.planId() + "\", \"routerId\": \"" + seed.routerId()
                + "\", \"kind\": \"HOTSPOT\", \"username\": \"auto-6008\", \"password\": \"pw-auto-6008\","
                + " \"autoRenew\": true}").expect(201).json();
        assertTrue(created.path("subscription").path("autoRenew").asBoolean());
    }

    @Test
    void aThrottledOrSuspendedSubscriberRenewedByStaffIsBackOnThePlanOnTheRouter() throws Exception {
        Seed seed = Seed.create(stack, api, "Whiskey Reinstate", "+254700600009", 1);
        String key = seed.key();
        stack.drain(stack.commandQueueUrl);
        String planId = api.call("POST", "/v1/plans", key, """
                {"name": "Home FUP", "priceMinor": 250000, "validity": {"type": "FIXED", "duration": "P30D"},
                 "rateLimit": "5M/10M", "dataLimit": "50GB", "enforcement": "FUP", "fairUseRate": "1M/1M"}""")
                .expect(201).json().path("id").asText();
        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start(seed.routerId())) {
            String subscriptionId = api.call("POST", "/v1/subscriptions", key, "{\"customerId\": \"" + seed.customerId()
                    + "\", \"planId\": \"" + planId + "\", \"routerId\": \"" + seed.routerId()
                    + "\", \"kind\": \"PPPOE\", \"username\": \"fup-6009\", \"password\": \"pw-fup-6009\"}")
                    .expect(201).json().path("subscription").path("id").asText();
            applied(driver);
            assertEquals("wb-" + planId, driver.router.state().pppSecret("fup-6009").orElseThrow().profile(),
                    "the plan's profile, the name enforcement restores to");

            // Over the quota, as usage ingest does it: throttled to the fair-use profile, SUSPENDED_QUOTA.
            com.wispbill.domain.Subscription stored = stack.store.subscriptions().get(seed.tenant().resellerId(), subscriptionId);
            com.wispbill.domain.Plan plan = stack.store.plans().get(seed.tenant().resellerId(), planId);
            new com.wispbill.adapters.sqs.SqsRouterCommandQueue(stack.sqs, stack.commandQueueUrl).send(
                    com.wispbill.domain.enforcement.EnforcementCommands.atQuota(stored, plan, "p1", java.time.Instant.now()));
            stack.store.subscriptions().replace(stored, stored.suspendForQuota());
            applied(driver);
            assertEquals("wb-" + planId + "-fup", driver.router.state().pppSecret("fup-6009").orElseThrow().profile());

            String sub = "/v1/subscriptions/" + subscriptionId;
            api.call("POST", sub + "/renew", key, "{}", java.util.Map.of(), java.util.Map.of("idempotency-key", "till-6009-1"))
                    .expect(200);
            assertEquals(List.of("EnsurePppProfile", "RestoreUser"), applied(driver));
            assertEquals("wb-" + planId, driver.router.state().pppSecret("fup-6009").orElseThrow().profile(),
                    "back on the plan's rate");

            api.call("POST", sub + "/suspend", key, "").expect(200);
            applied(driver);
            assertTrue(driver.router.state().pppSecret("fup-6009").orElseThrow().disabled());
            JsonNode extended = api.call("POST", sub + "/extend", key, "{\"duration\": \"P1D\"}").expect(200).json();
            assertTrue(extended.path("routerCommandQueued").asBoolean());
            assertEquals(List.of("EnsurePppProfile", "RestoreUser"), applied(driver));
            PppSecret secret = driver.router.state().pppSecret("fup-6009").orElseThrow();
            assertFalse(secret.disabled());
            assertEquals("wb-" + planId, secret.profile());
        }
    }

    private static int order(String field) {
        return List.of("color", "planId", "staticIp", "username", "password").indexOf(field);
    }

    private static List<String> applied(SimulatedRouterDriver driver) {
        return driver.applyQueued(stack.sqs, stack.commandQueueUrl).stream().map(c -> c.command().type()).toList();
    }
}
