package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.api.service.ResellerAdmin;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.local.providers.TransactionSnapshot;
import com.wispbill.local.routeros.HotspotSession;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.payment.SimulatedMerchants;
import com.wispbill.router.RouterCommandHandler;
import com.wispbill.router.RouterDriverWiring;
import com.wispbill.router.routeros.RouterOsConnector;
import com.wispbill.router.routeros.RouterOsEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reseller goes from nothing to selling with API calls only, on the embedded stack with every function of the
 * template, the provider stand-ins and a simulated router: key, router, its login, a connection test, plan, portal,
 * M-Pesa keys, then a customer buys on the portal and the voucher logs in on the router. The test writes no table
 * and no secret itself; the one thing made outside the API is the first operator key, as the README says
 * ({@code ResellerAdmin.onboard}, the CreateResellerKey tool).
 *
 * <p>The WireGuard hub does not exist locally: the router driver's connector is given the hub's map from a router's
 * tunnel address to where that router's API answers (here, the simulator), as the VPN would route it.
 */
class OnboardingFromZeroTest {
    private static final Duration AT_MOST = Duration.ofSeconds(90);
    private static final Map<String, InetSocketAddress> HUB = new ConcurrentHashMap<>();

    private static ProviderSimulator providers;
    private static RouterOsSimulator router;
    private static EmbeddedStack stack;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The router driver as the template wires it, with the hub's routing in front of its connector. */
    static final class DriverBehindTheHub implements RequestHandler<SQSEvent, SQSBatchResponse> {
        private RouterCommandHandler handler;

        @Override
        public synchronized SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            if (handler == null) {
                RouterDriverWiring w = RouterDriverWiring.fromEnvironment();
                RouterOsConnector real = w.connector();
                RouterOsConnector hub = (endpoint, credentials) -> {
                    InetSocketAddress peer = HUB.get(endpoint.host() + ":" + endpoint.port());
                    return real.open(peer == null ? endpoint : new RouterOsEndpoint(endpoint.routerId(),
                            peer.getHostString(), peer.getPort(), endpoint.transport()), credentials);
                };
                handler = new RouterCommandHandler(w.withConnector(hub).commandProcessorFromEnvironment());
            }
            return handler.handleRequest(event, context);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        providers = ProviderSimulator.start(Clock.systemUTC());
        router = RouterOsSimulator.builder().identity("kibera-tower").version(RouterOsVersion.V7_19)
                .credentials("wispbill", "router-pass-1").start();
        int apiPort = freePort();
        EmbeddedStack.Options options = EmbeddedStack.options().skipFunctionsWithoutHandlerClass()
                .excludeFunctions("RouterPollFunction").schedulesEnabled(false).httpApiPort(apiPort)
                .parameter("PaymentCallbackBaseUrl", "http://127.0.0.1:" + apiPort)
                .handler("RouterDriverFunction", new DriverBehindTheHub());
        SimulatedMerchants.environmentFor(providers).forEach(options::environment);
        stack = EmbeddedStack.start(options);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (router != null) {
            router.close();
        }
        if (providers != null) {
            providers.close();
        }
    }

    @Test
    void fromAnEmptyStackToAVoucherThatLogsInWithApiCallsOnly() throws Exception {
        // The first operator key: the one thing made outside the API (README, "The first operator key").
        String operatorKey = ResellerAdmin.of(DynamoStore.fromEnvironment(), Clock.systemUTC())
                .onboard("WISPbill operator", "Africa/Nairobi", "KES", ApiKeyRole.OPERATOR).key().secret();

        String resellerId = call("POST", "/v1/resellers", operatorKey,
                "{\"name\": \"Kibera Net\", \"zone\": \"Africa/Nairobi\", \"currency\": \"KES\"}", 201)
                .path("reseller").path("id").asText();
        String key = call("POST", "/v1/resellers/" + resellerId + "/api-keys", operatorKey, "{\"role\": \"RESELLER\"}", 201)
                .path("secret").asText();

        JsonNode created = call("POST", "/v1/routers", key,
                "{\"name\": \"Kibera tower\", \"useTls\": false, \"allowPlainApi\": true, \"wifiName\": \"Kibera-WiFi\"}", 201);
        String routerId = created.path("id").asText();
        // The router ran its setup script and is a peer of the hub at its tunnel address.
        HUB.put(created.path("tunnelAddress").asText() + ":" + created.path("apiPort").asInt(),
                new InetSocketAddress(router.host(), router.port()));

        call("PUT", "/v1/routers/" + routerId + "/credentials", key, "{\"username\": \"wispbill\", \"password\": \"router-pass-1\"}", 204);
        String testId = call("POST", "/v1/routers/" + routerId + "/test-connection", key, "", 202).path("testId").asText();
        JsonNode test = await("the connection test", () -> Optional.of(call("GET", "/v1/routers/" + routerId, key, null, 200)
                .path("connectionTest")).filter(t -> !t.path("status").asText().equals("PENDING")));
        assertEquals(testId, test.path("testId").asText());
        assertEquals("OK", test.path("status").asText(), test.toString());
        assertEquals("kibera-tower", test.path("identity").asText());
        assertTrue(test.path("routerOsVersion").asText().startsWith("7.19"));
        assertTrue(test.path("hotspotPresent").asBoolean() && test.path("pppPresent").asBoolean());

        String planId = call("POST", "/v1/plans", key, "{\"name\": \"Day pass\", \"priceMinor\": 5000, "
                + "\"validity\": {\"type\": \"FIXED\", \"duration\": \"PT24H\"}, \"rateLimit\": \"2M/5M\"}", 201).path("id").asText();
        String portalId = call("POST", "/v1/portals", key, "{\"id\": \"kibera-net\", \"routerId\": \"" + routerId
                + "\", \"planIds\": [\"" + planId + "\"], \"providers\": [\"mpesa\"], \"language\": \"sw\", "
                + "\"branding\": {\"name\": \"Kibera Net\", \"accentColour\": \"#aa3300\"}}", 201).path("id").asText();

        providers.mpesaMerchant("kibera-consumer-key", "kibera-consumer-secret", "174379", "kibera-passkey");
        JsonNode mpesa = call("PUT", "/v1/providers/mpesa", key, "{\"consumerKey\": \"kibera-consumer-key\", "
                + "\"consumerSecret\": \"kibera-consumer-secret\", \"shortCode\": \"174379\", \"passkey\": \"kibera-passkey\"}", 200);
        String mpesaPath = mpesa.path("webhookPath").asText();
        assertTrue(mpesaPath.startsWith("/webhooks/mpesa/"), mpesaPath);
        assertEquals(java.util.Optional.of(resellerId), com.wispbill.domain.payment.CallbackPathTokens.resellerOf(
                mpesaPath.substring("/webhooks/mpesa/".length())));

        JsonNode catalogue = call("GET", "/portal/" + portalId + "/plans", null, null, 200);
        assertEquals(planId, catalogue.path("plans").path(0).path("id").asText());
        assertEquals("[\"mpesa\"]", catalogue.path("providers").toString());
        assertEquals("sw", catalogue.path("language").asText());
        assertEquals("Kibera Net", catalogue.path("branding").path("name").asText());

        String paymentId = call("POST", "/portal/" + portalId + "/purchases", null,
                "{\"planId\": \"" + planId + "\", \"phone\": \"0712 345 678\", \"provider\": \"mpesa\"}", 202)
                .path("paymentId").asText();
        TransactionSnapshot prompt = await("the STK prompt on the phone", () -> providers.pendingMpesaPrompts().stream()
                .filter(p -> p.phone().endsWith("712345678")).findFirst());
        assertEquals(200, providers.pay(prompt.reference()).deliver().status());

        JsonNode bought = await("the purchase", () -> Optional.of(call("GET", "/portal/" + portalId + "/purchases/" + paymentId,
                null, null, 200)).filter(p -> p.path("status").asText().equals("SUCCEEDED")));
        String code = bought.path("code").asText();
        await("the voucher on the router", () -> router.state().hotspotUser(code));
        HotspotSession session = router.login(code, "10.5.50.20", "AA:BB:CC:00:00:20");
        assertEquals(code, session.user());

        JsonNode voucher = call("GET", "/v1/vouchers?code=" + code.toLowerCase(java.util.Locale.ROOT), key, null, 200);
        assertEquals(routerId, voucher.path("routerId").asText());
    }

    private static JsonNode call(String method, String pathAndQuery, String key, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.httpApiEndpoint() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", key == null ? "text/plain" : "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(expected, response.statusCode(), () -> method + " " + pathAndQuery + ": " + response.body());
            return response.body().isEmpty() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits (not a timed assertion: the bound only stops a broken run) until {@code check} holds. */
    private static <T> T await(String what, Supplier<Optional<T>> check) throws InterruptedException {
        Instant giveUp = Instant.now().plus(AT_MOST);
        while (Instant.now().isBefore(giveUp)) {
            Optional<T> got = check.get();
            if (got.isPresent()) {
                return got.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " did not happen");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
