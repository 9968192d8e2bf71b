package com.wispbill.api;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Router;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routercommand.TestConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Router change, login, connection test, retire and delete through the API, on the embedded stack. */
class RouterLifecycleRoutesTest {
    private static TestStack stack;
    private static ApiClient api;
    private static Seed seed;
    private static SecretsManagerClient secrets;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        seed = Seed.create(stack, api, "Lifecycle WiFi", "+254700500001", 1);
        secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String newRouter(String body) {
        return api.call("POST", "/v1/routers", seed.key(), body).expect(201).json().path("id").asText();
    }

    @Test
    void aRouterChangesTheFieldsGivenAndBadFieldsChangeNothing() {
        String id = newRouter("{\"name\": \"Mistyped\", \"host\": \"203.0.113.7\", \"allowPlainApi\": true}");
        JsonNode changed = api.call("PATCH", "/v1/routers/" + id, seed.key(),
                "{\"name\": \"Kibera tower\", \"host\": \"203.0.113.8\", \"site\": \"Kibera\"}").expect(200).json();
        assertEquals("Kibera tower", changed.path("name").asText());
        assertEquals("203.0.113.8", changed.path("host").asText());
        assertEquals("Kibera", changed.path("site").asText());
        assertTrue(changed.path("allowPlainApi").asBoolean(), "fields left out keep their value");

        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply bad = api.call("PATCH", "/v1/routers/" + id, seed.key(),
                "{\"name\": \"\", \"host\": \"169.254.169.254\", \"apiPort\": 0, \"colour\": \"red\"}").expect(400);
        assertEquals(List.of("apiPort", "colour", "host", "name"), bad.errorFields().stream().sorted().distinct().toList());
        assertEquals(before, stack.snapshot(), "nothing written");

        String hub = newRouter("{\"name\": \"Through the hub\"}");
        assertEquals(List.of("host"), api.call("PATCH", "/v1/routers/" + hub, seed.key(), "{\"host\": \"203.0.113.9\"}")
                .expect(400).errorFields());
    }

    @Test
    void theLoginGoesWhereTheRouterDriverReadsItAndIsNeverAnswered() throws Exception {
        String id = newRouter("{\"name\": \"Login\"}");
        api.call("PUT", "/v1/routers/" + id + "/credentials", seed.key(),
                "{\"username\": \"wispbill\", \"password\": \"s3cret-Pass word\", \"caCertificatePem\": "
                        + "\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\"}").expect(204);
        String name = TestStack.ROUTER_SECRETS_PREFIX + seed.tenant().resellerId() + "/" + id;
        JsonNode secret = Json.MAPPER.readTree(secrets.getSecretValue(b -> b.secretId(name)).secretString());
        assertEquals("wispbill", secret.path("username").asText());
        assertEquals("s3cret-Pass word", secret.path("password").asText());
        assertTrue(secret.path("caCertificatePem").asText().startsWith("-----BEGIN CERTIFICATE-----"));
        assertFalse(api.call("GET", "/v1/routers/" + id, seed.key()).expect(200).body().contains("s3cret"));

        api.call("PUT", "/v1/routers/" + id + "/credentials", seed.key(), "{\"username\": \"wispbill\", \"password\": \"new\"}")
                .expect(204);
        assertEquals("new", Json.MAPPER.readTree(secrets.getSecretValue(b -> b.secretId(name)).secretString())
                .path("password").asText(), "replaced");

        ApiClient.Reply bad = api.call("PUT", "/v1/routers/" + id + "/credentials", seed.key(),
                "{\"username\": \"where\", \"password\": \"\", \"caCertificatePem\": \"not a certificate\"}").expect(400);
        assertEquals(List.of("caCertificatePem", "password", "username"), bad.errorFields().stream().sorted().toList());
        assertEquals("new", Json.MAPPER.readTree(secrets.getSecretValue(b -> b.secretId(name)).secretString())
                .path("password").asText(), "a refused login changes nothing");
    }

    @Test
    void aConnectionTestIsQueuedForTheRouterDriverAndShownPendingUntilItAnswers() {
        String id = newRouter("{\"name\": \"Test me\"}");
        stack.drain(stack.commandQueueUrl);
        JsonNode test = api.call("POST", "/v1/routers/" + id + "/test-connection", seed.key()).expect(202).json();
        assertEquals("PENDING", test.path("status").asText());
        List<RouterCommandEnvelope> queued = stack.drain(stack.commandQueueUrl).stream()
                .map(m -> MessageCodec.decodeRouterCommand(m.body())).filter(e -> e.routerId().equals(id)).toList();
        assertEquals(1, queued.size());
        assertEquals(new TestConnection(test.path("testId").asText()), queued.getFirst().command());
        JsonNode shown = api.call("GET", "/v1/routers/" + id, seed.key()).expect(200).json().path("connectionTest");
        assertEquals(test.path("testId"), shown.path("testId"));
        assertEquals("PENDING", shown.path("status").asText());
    }

    @Test
    void aRetiredRouterLeavesThePollItsAlertsAreResolvedAndItIsNotTestedOrSoldOn() {
        String id = newRouter("{\"name\": \"Retire me\"}");
        String other = newRouter("{\"name\": \"Stays\"}");
        assertTrue(polled(id));
        Instant now = Instant.now();
        stack.alerts().apply(new Alert("a1-" + id, Optional.of(seed.tenant().resellerId()), "ROUTER_DOWN#" + id,
                Alert.Severity.CRITICAL, false, "Router down", "no answer", now));
        stack.alerts().apply(new Alert("a2-" + other, Optional.of(seed.tenant().resellerId()), "ROUTER_DOWN#" + other,
                Alert.Severity.CRITICAL, false, "Router down", "no answer", now));

        JsonNode retired = api.call("POST", "/v1/routers/" + id + "/retire", seed.key()).expect(200).json();
        assertEquals("RETIRED", retired.path("status").asText());
        assertFalse(polled(id), "off ROUTERS#ACTIVE");
        assertTrue(polled(other));
        List<String> open = api.call("GET", "/v1/dashboard/alerts", seed.key()).expect(200).json().path("alerts")
                .findValuesAsText("key");
        assertFalse(open.contains("ROUTER_DOWN#" + id), open.toString());
        assertTrue(open.contains("ROUTER_DOWN#" + other), "another router's alert stays open");

        api.call("POST", "/v1/routers/" + id + "/test-connection", seed.key()).expect(409);
        assertEquals(List.of("routerId"), api.call("POST", "/v1/portals", seed.key(), "{\"routerId\": \"" + id + "\"}")
                .expect(400).errorFields());
        api.call("POST", "/v1/routers/" + id + "/retire", seed.key()).expect(200);
    }

    @Test
    void onlyARetiredRouterThatNoPortalSellsOnIsDeletedWithItsLogin() {
        String id = newRouter("{\"name\": \"Delete me\"}");
        api.call("PUT", "/v1/routers/" + id + "/credentials", seed.key(), "{\"username\": \"u\", \"password\": \"p\"}").expect(204);
        String portal = api.call("POST", "/v1/portals", seed.key(), "{\"routerId\": \"" + id + "\"}").expect(201)
                .json().path("id").asText();
        assertTrue(api.call("DELETE", "/v1/routers/" + id, seed.key()).expect(409).json().path("detail").asText()
                .contains("retire it first"));
        api.call("POST", "/v1/routers/" + id + "/retire", seed.key()).expect(200);
        assertTrue(api.call("DELETE", "/v1/routers/" + id, seed.key()).expect(409).json().path("detail").asText()
                .contains(portal));
        api.call("PUT", "/v1/portals/" + portal, seed.key(), "{\"routerId\": \"" + seed.routerId() + "\"}").expect(200);

        api.call("DELETE", "/v1/routers/" + id, seed.key()).expect(204);
        api.call("GET", "/v1/routers/" + id, seed.key()).expect(404);
        String name = TestStack.ROUTER_SECRETS_PREFIX + seed.tenant().resellerId() + "/" + id;
        try {
            secrets.getSecretValue(b -> b.secretId(name));
            throw new AssertionError("the login secret is still there");
        } catch (ResourceNotFoundException expected) {
            // deleted with the router
        }
        api.call("DELETE", "/v1/routers/" + id, seed.key()).expect(404);
    }

    private static boolean polled(String routerId) {
        PageRequest page = PageRequest.first(500);
        while (true) {
            Page<Router> read = stack.store.routers().listActiveForPolling(page);
            if (read.items().stream().anyMatch(r -> r.id().equals(routerId))) {
                return true;
            }
            if (read.nextCursor().isEmpty()) {
                return false;
            }
            page = page.next(read);
        }
    }
}
