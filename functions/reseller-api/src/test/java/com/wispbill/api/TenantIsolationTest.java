package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.api.http.Access;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.api.http.Route;
import com.wispbill.domain.routersetup.WireGuardKeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reseller A's key never reaches reseller B's data: every tenant route that names an object answers
 * 404 for B's object exactly as for a missing one and writes nothing; every listing and dashboard
 * answers without any of B's ids; a resellerId in a body or query changes nothing.
 */
class TenantIsolationTest {
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final String MISSING_ID = "01KZZZZZZZZZZZZZZZZZZZZZZZ";
    private static final String HUB_PUBLIC_KEY = WireGuardKeyPair.generate().publicKey();

    private static TestStack stack;
    private static ApiClient api;
    private static ResellerApi resellerApi;
    private static Seed a;
    private static Seed b;

    @BeforeAll
    static void seedTwoResellers() {
        stack = TestStack.get();
        resellerApi = stack.api(TestStack.roomySettings(), Clock.systemUTC());
        api = new ApiClient(new ResellerApiHandler(resellerApi));
        a = Seed.create(stack, api, "Alpha WiFi", "+254700100001", 3);
        b = Seed.create(stack, api, "Bravo Net", "+254700100002", 3);
    }

    /**
     * Tenant routes whose path names a stored object. The settings routes' {@code {language}/{template}}
     * name a slot every reseller has of its own, never another's object: {@link SettingsRoutesTest} covers them.
     */
    static Stream<Route> tenantRoutesNamingAnObject() {
        return TestStack.get().api(TestStack.roomySettings(), Clock.systemUTC()).routes().routes().stream()
                .filter(r -> r.access().isTenant() && r.template().contains("{")
                        && !r.template().startsWith(SettingsRoutesTest.SETTINGS_PREFIX)
                        && !r.template().startsWith(ProviderKeysRoutesTest.PROVIDERS_PREFIX));
    }

    static Stream<Route> tenantListings() {
        return TestStack.get().api(TestStack.roomySettings(), Clock.systemUTC()).routes().routes().stream()
                .filter(r -> r.access().isTenant() && r.method().equals("GET") && !r.template().contains("{")
                        && !VoucherSupportTest.NAMING_AN_OBJECT_IN_THE_QUERY.contains(r.template()));
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new AssertionError("no test object for path parameter " + m.group(1) + " of " + template);
            }
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A valid query, so that a 404 can only come from tenancy, never from validation. */
    private static Map<String, String> validQuery(Route route) {
        if (route.template().endsWith("/sheet")) {
            return Map.of("loginUrl", "http://hotspot.lan/login");
        }
        if (route.template().endsWith("/setup-script")) {
            return Map.of("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_PUBLIC_KEY);
        }
        return Map.of();
    }

    /** A valid body, so that a 404 can only come from tenancy, never from validation. */
    private static String validBody(Route route) {
        if (route.method().equals("PUT") && route.template().startsWith("/v1/plans/")) {
            return Seed.PLAN_BODY;
        }
        if (route.template().endsWith("/extend")) {
            return "{\"duration\": \"P1D\", \"amountMinor\": 100}";
        }
        if (route.template().endsWith("/whatsapp")) {
            return "{\"optedIn\": true}";
        }
        if (route.template().endsWith("/plan")) {
            return "{\"planId\": \"some-plan\"}";
        }
        if (route.template().endsWith("/wallet-renewal")) {
            return "{\"forExpiry\": \"2026-01-01T00:00:00Z\"}";
        }
        if (route.template().endsWith("/assign")) {
            return "{\"subscriptionId\": \"some-subscription\"}";
        }
        if (route.template().endsWith("/role")) {
            return "{\"role\": \"MANAGER\"}";
        }
        if (route.template().endsWith("/refund")) {
            return "{\"note\": \"refunded by hand\"}";
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantRoutesNamingAnObject")
    void anotherResellersObjectIsNotFoundLikeAMissingOneAndNothingIsWritten(Route route) {
        String foreignPath = fill(route.template(), b.pathValues());
        TestStack.Snapshot before = stack.snapshot();

        ApiClient.Reply foreign = api.call(route.method(), foreignPath, a.key(), validBody(route), validQuery(route));

        assertEquals(before, stack.snapshot(), "nothing may be written");
        foreign.expect(404);
        assertEquals(HttpResponse.PROBLEM_JSON, foreign.contentType());

        Map<String, String> missing = new java.util.HashMap<>(b.pathValues());
        missing.replaceAll((name, id) -> MISSING_ID);
        ApiClient.Reply absent = api.call(route.method(), fill(route.template(), missing), a.key(), validBody(route),
                validQuery(route));
        absent.expect(404);
        assertEquals(absent.json().path("title"), foreign.json().path("title"));
        assertEquals(absent.json().path("detail").asText().replace(MISSING_ID, "<id>"),
                replaceIds(foreign.json().path("detail").asText(), b), "a foreign object must read like a missing one");

        if (route.method().equals("GET")) {
            api.call("GET", foreignPath, b.key(), null, validQuery(route)).expect(200);
        }
    }

    private static String replaceIds(String text, Seed seed) {
        String out = text;
        for (String id : seed.pathValues().values()) {
            out = out.replace(id, "<id>");
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantListings")
    void listingsAndDashboardsNeverShowAnotherResellersData(Route route) {
        ApiClient.Reply reply = api.call("GET", route.template(), a.key(), null,
                Map.of("resellerId", b.tenant().resellerId()));
        reply.expect(200);
        for (String id : b.ids()) {
            assertFalse(reply.body().contains(id), () -> route.template() + " shows " + id + " of reseller B: " + reply.body());
        }
    }

    @Test
    void listingsShowTheCallersOwnData() {
        assertTrue(api.call("GET", "/v1/plans", a.key()).expect(200).body().contains(a.planId()));
        assertTrue(api.call("GET", "/v1/routers", a.key()).expect(200).body().contains(a.routerId()));
        assertTrue(api.call("GET", "/v1/voucher-batches", a.key()).expect(200).body().contains(a.batchId()));
        assertTrue(api.call("GET", "/v1/customers", a.key()).expect(200).body().contains(a.customerId()));
        assertTrue(api.call("GET", "/v1/payments", a.key()).expect(200).body().contains(a.paymentId()));
        assertTrue(api.call("GET", "/v1/ledger", a.key()).expect(200).body().contains(a.ledgerEntryId()));
        assertTrue(api.call("GET", "/v1/dashboard/router-health", a.key()).expect(200).body().contains(a.routerId()));
    }

    @Test
    void lookupsByPhoneAndBatchListingsStayInTheTenant() {
        JsonNode byPhone = api.call("GET", "/v1/customers", a.key(), null, Map.of("phone", b.phone())).expect(200).json();
        assertEquals(0, byPhone.path("items").size());
        JsonNode payments = api.call("GET", "/v1/payments", a.key(), null, Map.of("phone", b.phone())).expect(200).json();
        assertEquals(0, payments.path("items").size());
        api.call("GET", "/v1/voucher-batches/" + b.batchId() + "/vouchers", a.key()).expect(404);
        assertEquals(3, api.call("GET", "/v1/voucher-batches/" + b.batchId() + "/vouchers", b.key()).expect(200)
                .json().path("items").size());
    }

    @Test
    void aResellerIdInTheBodyIsIgnored() {
        ApiClient.Reply created = api.send("reseller-api-create-plan.json", a.key(),
                Map.of("SOMEONE-ELSE", b.tenant().resellerId())).expect(201);
        String planId = created.json().path("id").asText();
        assertTrue(stack.store.plans().find(a.tenant().resellerId(), planId).isPresent());
        assertTrue(stack.store.plans().find(b.tenant().resellerId(), planId).isEmpty());
        assertFalse(api.call("GET", "/v1/plans", b.key(), null, Map.of("limit", "100")).body().contains(planId));
    }

    @Test
    void everyPathParameterOfTheTenantRoutesIsCovered() {
        List<Route> routes = tenantRoutesNamingAnObject().toList();
        assertTrue(routes.size() >= 12, "tenant routes naming an object: " + routes.size());
        routes.forEach(r -> fill(r.template(), b.pathValues()));
    }
}
