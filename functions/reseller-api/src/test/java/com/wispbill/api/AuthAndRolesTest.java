package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.api.http.Access;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.api.http.Route;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.ApiKeys;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys and roles: every route but the OpenAPI document needs a valid, active key (401 otherwise);
 * operator routes refuse reseller keys (403) without writing anything; operators create resellers and
 * issue, rotate and revoke keys, and a revoked or rotated-out key fails on the next request.
 */
class AuthAndRolesTest {
    private static TestStack stack;
    private static ApiClient api;
    private static TestStack.Tenant operator;
    private static Seed reseller;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        operator = stack.onboard("Platform operator", ApiKeyRole.OPERATOR);
        reseller = Seed.create(stack, api, "Charlie Hotspots", "+254700200001", 1);
    }

    static Stream<Route> operatorRoutes() {
        return routes().filter(r -> r.access() == Access.OPERATOR);
    }

    static Stream<Route> protectedRoutes() {
        return routes().filter(r -> r.access() != Access.PUBLIC);
    }

    private static Stream<Route> routes() {
        return TestStack.get().api(TestStack.roomySettings(), Clock.systemUTC()).routes().routes().stream();
    }

    private static String path(Route route) {
        return route.template().replace("{resellerId}", reseller.tenant().resellerId())
                .replace("{keyId}", reseller.tenant().keyId())
                .replace("{planId}", reseller.planId()).replace("{routerId}", reseller.routerId())
                .replace("{batchId}", reseller.batchId()).replace("{voucherId}", reseller.voucherIds().getFirst())
                .replace("{customerId}", reseller.customerId()).replace("{subscriptionId}", reseller.subscriptionId())
                .replace("{paymentId}", reseller.paymentId()).replace("{portalId}", reseller.portalId())
                .replace("{provider}", "mpesa");
    }

    private static String body(Route route) {
        return switch (route.template()) {
            case "/v1/resellers" -> "{\"name\": \"Should not exist\", \"zone\": \"Africa/Lagos\", \"currency\": \"NGN\"}";
            case "/v1/resellers/{resellerId}/api-keys" -> "{\"role\": \"OPERATOR\"}";
            case "/v1/resellers/{resellerId}/voucher-quota" -> "{\"limit\": 5}";
            default -> null;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operatorRoutes")
    void resellerKeysAreForbiddenOnOperatorRoutesAndWriteNothing(Route route) {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = api.call(route.method(), path(route), reseller.key(), body(route));
        assertEquals(before, stack.snapshot());
        reply.expect(403);
        assertEquals(HttpResponse.PROBLEM_JSON, reply.contentType());
        assertEquals("Forbidden", reply.json().path("title").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedRoutes")
    void noKeyAndUnknownKeysAreUnauthorizedAndWriteNothing(Route route) {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply none = api.call(route.method(), path(route), null, body(route));
        ApiClient.Reply unknown = api.call(route.method(), path(route), ApiKeys.issue("nobody", ApiKeyRole.OPERATOR,
                Clock.systemUTC()).secret(), body(route));
        assertEquals(before, stack.snapshot());
        none.expect(401);
        unknown.expect(401);
        assertEquals("Bearer", none.headers().get("www-authenticate"));
        assertEquals(HttpResponse.PROBLEM_JSON, unknown.contentType());
    }

    @Test
    void theKeyMayComeAsXApiKey() {
        var event = ApiClient.load("reseller-api-get.json");
        event.getHeaders().remove("authorization");
        event.getHeaders().put("x-api-key", reseller.key());
        api.send(event).expect(200);
    }

    @Test
    void operatorsCreateResellersAndManageTheirKeys() {
        ApiClient.Reply created = api.send("reseller-api-create-reseller.json", operator.key(), Map.of()).expect(201);
        JsonNode reseller = created.json().path("reseller");
        String rid = reseller.path("id").asText();
        assertEquals("Africa/Nairobi", reseller.path("zone").asText());
        assertEquals(12, reseller.path("voucherCodeLength").asInt());
        assertEquals(20000, created.json().path("voucherQuota").path("limit").asLong());
        assertTrue(api.call("GET", "/v1/resellers", operator.key(), null, Map.of("limit", "100")).expect(200).body()
                .contains(rid));

        ApiClient.Reply issued = api.call("POST", "/v1/resellers/" + rid + "/api-keys", operator.key(), "{}").expect(201);
        String secret = issued.json().path("secret").asText();
        String keyId = issued.json().path("key").path("keyId").asText();
        assertTrue(secret.startsWith(issued.json().path("key").path("visiblePrefix").asText()));
        assertEquals("RESELLER", issued.json().path("key").path("role").asText());
        JsonNode me = api.call("GET", "/v1/me", secret).expect(200).json();
        assertEquals(rid, me.path("reseller").path("id").asText());
        assertEquals(20000, me.path("voucherQuota").path("limit").asLong());
        api.call("GET", "/v1/resellers", secret).expect(403);

        String listed = api.call("GET", "/v1/resellers/" + rid + "/api-keys", operator.key()).expect(200).body();
        assertTrue(listed.contains(keyId));
        assertFalse(listed.contains(secret), "a listing never shows a secret");
        assertFalse(listed.contains(ApiKeys.hash(secret)), "a listing never shows a hash");

        ApiClient.Reply rotated = api.call("POST", "/v1/resellers/" + rid + "/api-keys/" + keyId + "/rotate",
                operator.key()).expect(201);
        String newSecret = rotated.json().path("secret").asText();
        api.call("GET", "/v1/me", secret).expect(401);
        api.call("GET", "/v1/me", newSecret).expect(200);

        String newKeyId = rotated.json().path("key").path("keyId").asText();
        assertEquals("REVOKED", api.call("DELETE", "/v1/resellers/" + rid + "/api-keys/" + newKeyId, operator.key())
                .expect(200).json().path("status").asText());
        api.call("GET", "/v1/me", newSecret).expect(401);
        api.call("DELETE", "/v1/resellers/" + rid + "/api-keys/" + newKeyId, operator.key()).expect(409);
        api.call("DELETE", "/v1/resellers/" + rid + "/api-keys/NOSUCHKEY", operator.key()).expect(404);
        api.call("GET", "/v1/resellers/NOSUCHRESELLER", operator.key()).expect(404);
    }

    @Test
    void operatorsSuspendAndReactivateResellersAndSetTheirVoucherQuota() {
        Seed target = Seed.create(stack, api, "Juliet Suspended", "+254700200002", 1);
        String rid = target.tenant().resellerId();
        assertEquals("SUSPENDED", api.call("POST", "/v1/resellers/" + rid + "/suspend", operator.key()).expect(200)
                .json().path("status").asText());
        TestStack.Snapshot before = stack.snapshot();
        assertEquals("Forbidden", api.call("POST", "/v1/plans", target.key(), Seed.PLAN_BODY).expect(403)
                .json().path("title").asText());
        assertEquals(before, stack.snapshot());
        api.call("POST", "/v1/resellers/" + rid + "/reactivate", operator.key()).expect(200);
        api.call("GET", "/v1/me", target.key()).expect(200);

        JsonNode quota = api.call("PUT", "/v1/resellers/" + rid + "/voucher-quota", operator.key(), "{\"limit\": 7}")
                .expect(200).json();
        assertEquals(7, quota.path("limit").asLong());
        assertEquals(6, quota.path("remaining").asLong());
        assertEquals(7, api.call("GET", "/v1/me", target.key()).expect(200).json().path("voucherQuota").path("limit").asLong());
        api.call("PUT", "/v1/resellers/" + rid + "/voucher-quota", operator.key(), "{\"limit\": -1}").expect(400);
        api.call("POST", "/v1/resellers/NOSUCHRESELLER/suspend", operator.key()).expect(404);
    }

    @Test
    void invalidResellersAreRefusedWithFieldErrors() {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = api.call("POST", "/v1/resellers", operator.key(),
                "{\"name\": \"X\", \"zone\": \"+03:00\", \"currency\": \"KESX\", \"voucherCodeLength\": 6}").expect(400);
        assertEquals(before, stack.snapshot());
        assertTrue(reply.errorFields().containsAll(java.util.List.of("zone", "currency", "voucherCodeLength")),
                reply.body());
    }

    @Test
    void operatorKeysActOnTheirOwnTenantOnResellerRoutes() {
        String plans = api.call("GET", "/v1/plans", operator.key()).expect(200).body();
        assertFalse(plans.contains(reseller.planId()));
        api.call("GET", "/v1/plans/" + reseller.planId(), operator.key()).expect(404);
    }
}
