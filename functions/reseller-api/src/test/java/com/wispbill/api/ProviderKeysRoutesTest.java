package com.wispbill.api;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.aws.SecretsManagerApi;
import com.wispbill.adapters.aws.SignedAwsClient;
import com.wispbill.api.adapters.SecretsManagerResellerSecrets;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.payment.CallbackPathTokens;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Provider keys set, checked with the provider stand-ins, rotated and forgotten through the API. */
class ProviderKeysRoutesTest {
    /** The routes' {@code {provider}} names a slot every reseller has, never another's object. */
    static final String PROVIDERS_PREFIX = "/v1/providers/";
    private static SecretsManagerClient secrets;

    private static TestStack stack;
    private static ApiClient api;
    private static ProviderSimulator providers;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        providers = TestStack.providers();
        secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
    }

    private static Optional<JsonNode> secret(String resellerId, PaymentProvider provider) {
        try {
            return Optional.of(Json.MAPPER.readTree(secrets.getSecretValue(b -> b.secretId(provider.secretName(resellerId)))
                    .secretString()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void mpesaKeysAreCheckedStoredWhereThePaymentFunctionsReadThemAndTheWebhookTokenIsShownOnce() {
        TestStack.Tenant t = stack.onboard("Paybill Kiosk", ApiKeyRole.RESELLER);
        providers.mpesaMerchant("ck-" + t.resellerId(), "cs-right", "174379", "passkey-1");
        String keys = "{\"consumerKey\": \"ck-" + t.resellerId() + "\", \"consumerSecret\": \"%s\", \"shortCode\": \"174379\","
                + " \"passkey\": \"passkey-1\"}";

        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply refused = api.call("PUT", "/v1/providers/mpesa", t.key(), keys.formatted("cs-wrong")).expect(400);
        assertTrue(refused.errorFields().contains("consumerKey"), refused.body());
        assertTrue(refused.body().contains("Invalid Authentication passed"), "the provider's words: " + refused.body());
        assertEquals(Optional.empty(), secret(t.resellerId(), PaymentProvider.MPESA), "a refused key stores nothing");
        assertEquals(before, stack.snapshot());

        JsonNode connected = api.call("PUT", "/v1/providers/mpesa", t.key(), keys.formatted("cs-right")).expect(200).json();
        assertTrue(connected.path("connected").asBoolean());
        String path = connected.path("webhookPath").asText();
        assertTrue(path.matches("/webhooks/mpesa/[0-9a-f]+-[0-9a-f]{64}"), path);
        assertEquals(Optional.of(t.resellerId()), CallbackPathTokens.resellerOf(path.substring(path.lastIndexOf('/') + 1)));
        JsonNode stored = secret(t.resellerId(), PaymentProvider.MPESA).orElseThrow();
        assertEquals("cs-right", stored.path("consumerSecret").asText());
        assertEquals("174379", stored.path("shortCode").asText());
        assertEquals(path.substring(path.lastIndexOf('/') + 1), stored.path("callbackPathToken").asText());

        String withVersion = keys.formatted("cs-right").replace("}", ", \"version\": \"" + connected.path("version").asText() + "\"}");
        JsonNode replaced = api.call("PUT", "/v1/providers/mpesa", t.key(), withVersion).expect(200).json();
        assertTrue(replaced.path("webhookPath").isNull(), "the token is shown once: " + replaced);
        assertEquals(stored.path("callbackPathToken"), secret(t.resellerId(), PaymentProvider.MPESA).orElseThrow()
                .path("callbackPathToken"), "new keys keep the webhook URL");

        JsonNode check = api.call("POST", "/v1/providers/mpesa/test", t.key()).expect(200).json();
        assertTrue(check.path("accepted").asBoolean(), check.toString());

        JsonNode rotated = api.call("POST", "/v1/providers/mpesa/rotate-webhook-token", t.key()).expect(200).json();
        String newPath = rotated.path("webhookPath").asText();
        assertNotEquals(path, newPath);
        assertEquals(newPath.substring(newPath.lastIndexOf('/') + 1),
                secret(t.resellerId(), PaymentProvider.MPESA).orElseThrow().path("callbackPathToken").asText());

        JsonNode list = api.call("GET", "/v1/providers", t.key()).expect(200).json();
        assertEquals(List.of("mpesa", "paystack", "stripe", "midtrans"), list.path("items").findValuesAsText("provider"));
        assertEquals(List.of(true, false, false, false), list.path("items").findValues("connected").stream()
                .map(JsonNode::asBoolean).toList());
        assertFalse(list.toString().contains("cs-right"), "keys are never answered");

        api.call("DELETE", "/v1/providers/mpesa", t.key(), versionBody(versionOf(t, "mpesa"))).expect(204);
        assertEquals(Optional.empty(), new SecretsManagerCredentials(AwsClients.newSecretsManager())
                .find(t.resellerId(), PaymentProvider.MPESA), "removed keys are no keys for payments");
        api.call("POST", "/v1/providers/mpesa/test", t.key()).expect(404);
    }

    private static String paystackKeys(String secretKey, String version) {
        return "{\"secretKey\": \"" + secretKey + "\"" + (version == null ? "" : ", \"version\": \"" + version + "\"") + "}";
    }

    /** A new reseller and a Paystack merchant at the stand-in for each name: secret key {@code sk_test_<name>_<resellerId>}. */
    private static TestStack.Tenant withPaystackMerchants(String resellerName, String... keyNames) {
        TestStack.Tenant t = stack.onboard(resellerName, ApiKeyRole.RESELLER);
        URI nowhere = URI.create("http://127.0.0.1:9/webhooks");
        for (String key : keyNames) {
            providers.paystackMerchant("sk_test_" + key + "_" + t.resellerId(), nowhere);
        }
        return t;
    }

    private static String versionBody(String version) {
        return version == null ? "{}" : "{\"version\": \"" + version + "\"}";
    }

    /** What the payment functions find for the tenant's Paystack keys, read fresh (no cache from an earlier read). */
    private static Optional<String> paystackKeyForPayments(TestStack.Tenant t) {
        return new SecretsManagerCredentials(AwsClients.newSecretsManager()).find(t.resellerId(), PaymentProvider.PAYSTACK)
                .map(c -> c.require("secretKey"));
    }

    @Test
    void aRemovalOverAStaleVersionIs409AndTheKeysSavedMeanwhileStillServePayments() {
        TestStack.Tenant t = withPaystackMerchants("Old Page Net", "first", "alice");
        api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_first_" + t.resellerId(), null)).expect(200);
        // Alice and Bob both read `read`; Alice saves new keys, then Bob, on his old page, removes the keys.
        String read = versionOf(t, "paystack");
        String alice = api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_alice_" + t.resellerId(), read))
                .expect(200).json().path("version").asText();

        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply bob = api.call("DELETE", "/v1/providers/paystack", t.key(), versionBody(read)).expect(409);
        assertTrue(bob.contentType().startsWith("application/problem+json"), bob.contentType());
        assertEquals(List.of("version"), bob.errorFields());
        assertEquals(alice, bob.json().path("currentVersion").asText());
        // Without a version on connected keys: stale too (it would remove keys the client never saw), as for a PUT.
        ApiClient.Reply blind = api.call("DELETE", "/v1/providers/paystack", t.key()).expect(409);
        assertEquals(List.of("version"), blind.errorFields());
        assertEquals(alice, blind.json().path("currentVersion").asText());
        assertEquals(List.of("colour"), api.call("DELETE", "/v1/providers/paystack", t.key(),
                "{\"version\": \"" + alice + "\", \"colour\": \"red\"}").expect(400).errorFields(), "unknown fields are refused");

        assertEquals(Optional.of("sk_test_alice_" + t.resellerId()), paystackKeyForPayments(t), "Alice's keys still take payments");
        assertEquals(alice, versionOf(t, "paystack"));
        assertEquals(before, stack.snapshot());
    }

    @Test
    void aRemovalOverTheCurrentVersionIsNoKeysForPaymentsAndListingAndAFirstConnectionFollows() {
        TestStack.Tenant t = withPaystackMerchants("Closing Shop Net", "first", "again");
        JsonNode first = api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_first_" + t.resellerId(), null))
                .expect(200).json();
        String connected = versionOf(t, "paystack");
        assertEquals(Optional.of("sk_test_first_" + t.resellerId()), paystackKeyForPayments(t));

        api.call("DELETE", "/v1/providers/paystack", t.key(), versionBody(connected)).expect(204);
        assertEquals(null, versionOf(t, "paystack"), "removed: not connected, no version, as before the first connection");
        JsonNode list = api.call("GET", "/v1/providers", t.key()).expect(200).json();
        assertEquals(List.of(false, false, false, false), list.path("items").findValues("connected").stream()
                .map(JsonNode::asBoolean).toList());
        assertEquals(Optional.empty(), paystackKeyForPayments(t), "no keys for payments");
        assertEquals(PaymentProvider.REMOVED_KEYS, secrets.getSecretValue(b -> b.secretId(PaymentProvider.PAYSTACK
                .secretName(t.resellerId()))).secretString(), "the removal is a value written over the version read");
        assertThrows(ResourceNotFoundException.class, () -> secrets.getSecretValue(b -> b.secretId(PaymentProvider.PAYSTACK
                .secretName(t.resellerId())).versionStage("AWSPREVIOUS")), "the removed keys are not kept as the previous version");
        api.call("POST", "/v1/providers/paystack/test", t.key()).expect(404);
        api.call("POST", "/v1/providers/paystack/rotate-webhook-token", t.key()).expect(404);

        // Removed once: removing again over the old version is stale; with none (what the list shows) there is nothing to do.
        ApiClient.Reply again = api.call("DELETE", "/v1/providers/paystack", t.key(), versionBody(connected)).expect(409);
        assertTrue(again.json().path("currentVersion").isMissingNode(), "not connected: no current version " + again.body());
        api.call("DELETE", "/v1/providers/paystack", t.key()).expect(204);

        // A save over the version read before the removal is stale; a first connection (no version) works.
        api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_again_" + t.resellerId(), connected))
                .expect(409);
        assertEquals(Optional.empty(), paystackKeyForPayments(t));
        JsonNode reconnected = api.call("PUT", "/v1/providers/paystack", t.key(),
                paystackKeys("sk_test_again_" + t.resellerId(), null)).expect(200).json();
        assertEquals(reconnected.path("version").asText(), versionOf(t, "paystack"));
        assertTrue(reconnected.path("webhookPath").isTextual(), "a first connection again: a new webhook path " + reconnected);
        assertNotEquals(first.path("webhookPath").asText(), reconnected.path("webhookPath").asText());
        assertEquals(Optional.of("sk_test_again_" + t.resellerId()), paystackKeyForPayments(t));
    }

    private static String versionOf(TestStack.Tenant t, String provider) {
        JsonNode items = api.call("GET", "/v1/providers", t.key()).expect(200).json().path("items");
        for (JsonNode item : items) {
            if (item.path("provider").asText().equals(provider)) {
                return item.path("version").isNull() ? null : item.path("version").asText();
            }
        }
        throw new AssertionError("no " + provider + " in " + items);
    }

    @Test
    void keysAreReplacedOnlyOverTheVersionTheClientReadAndAStaleWriteIs409AndChangesNothing() throws Exception {
        TestStack.Tenant t = withPaystackMerchants("Two Admins Net", "first", "alice", "bob", "carol", "dan");
        assertEquals(null, versionOf(t, "paystack"), "not connected: no version");
        JsonNode first = api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_first_" + t.resellerId(), null))
                .expect(200).json();
        String read = versionOf(t, "paystack");
        assertEquals(first.path("version").asText(), read, "the version a PUT answers is the one the list shows");

        // Alice and Bob both read `read`; Alice saves first, then Bob's save is stale.
        String alice = api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_alice_" + t.resellerId(), read))
                .expect(200).json().path("version").asText();
        assertNotEquals(read, alice);
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply bob = api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_bob_" + t.resellerId(), read))
                .expect(409);
        assertTrue(bob.contentType().startsWith("application/problem+json"), bob.contentType());
        assertEquals(List.of("version"), bob.errorFields());
        assertEquals(alice, bob.json().path("currentVersion").asText());
        assertEquals("sk_test_alice_" + t.resellerId(), secret(t.resellerId(), PaymentProvider.PAYSTACK).orElseThrow()
                .path("secretKey").asText(), "Alice's keys stay");
        assertEquals(alice, versionOf(t, "paystack"));
        assertEquals(before, stack.snapshot());
        // Without a version on a connected provider: also stale (it would overwrite keys the client never saw).
        assertEquals(List.of("version"), api.call("PUT", "/v1/providers/paystack", t.key(),
                paystackKeys("sk_test_bob_" + t.resellerId(), null)).expect(409).errorFields());

        // Carol and Dan save over the same version at the same moment: the secret's own compare lets one through.
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> saves = List.of("carol", "dan").stream().map(who -> two.submit(() -> {
                start.await();
                return api.call("PUT", "/v1/providers/paystack", t.key(),
                        paystackKeys("sk_test_" + who + "_" + t.resellerId(), alice)).status();
            })).toList();
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var save : saves) {
                statuses.add(save.get());
            }
            assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), statuses.toString());
        } finally {
            two.shutdownNow();
        }
        String winner = secret(t.resellerId(), PaymentProvider.PAYSTACK).orElseThrow().path("secretKey").asText();
        assertTrue(winner.equals("sk_test_carol_" + t.resellerId()) || winner.equals("sk_test_dan_" + t.resellerId()), winner);

        // A rotation is a write too: a save over the version read before it is stale.
        String beforeRotation = versionOf(t, "paystack");
        api.call("POST", "/v1/providers/paystack/rotate-webhook-token", t.key()).expect(200);
        api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_alice_" + t.resellerId(), beforeRotation))
                .expect(409);
        api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_alice_" + t.resellerId(),
                versionOf(t, "paystack"))).expect(200);
    }

    @Test
    void aRemovalWhoseSecondStepFailedIsFinishedByItsRetryWithTheVersionRead() {
        PreviousLabelRemovalRefusingHttp http = new PreviousLabelRemovalRefusingHttp();
        ApiClient failing = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC(),
                new SecretsManagerResellerSecrets(new SecretsManagerApi(
                        SecretsManagerResellerSecretsTest.client(http))))));
        TestStack.Tenant t = withPaystackMerchants("Half Closed Net", "first", "other");
        api.call("PUT", "/v1/providers/paystack", t.key(), paystackKeys("sk_test_first_" + t.resellerId(), null)).expect(200);
        String connected = versionOf(t, "paystack");
        String name = PaymentProvider.PAYSTACK.secretName(t.resellerId());

        http.refusing = true;
        int status = failing.call("DELETE", "/v1/providers/paystack", t.key(), versionBody(connected)).status();
        assertTrue(status >= 500, "the label removal failed: " + status);
        http.refusing = false;
        assertEquals(PaymentProvider.REMOVED_KEYS, secrets.getSecretValue(b -> b.secretId(name)).secretString(), "the first step made");
        assertEquals(connected, secrets.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).versionId(),
                "the removed keys still readable as the previous version");

        ApiClient.Reply otherVersion = failing.call("DELETE", "/v1/providers/paystack", t.key(),
                versionBody(secrets.getSecretValue(b -> b.secretId(name)).versionId())).expect(409);
        assertTrue(otherVersion.json().path("currentVersion").isMissingNode(), otherVersion.body());
        assertEquals(connected, secrets.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).versionId(),
                "a version that is not the removed one changes nothing");

        failing.call("DELETE", "/v1/providers/paystack", t.key(), versionBody(connected)).expect(204);
        assertThrows(ResourceNotFoundException.class, () -> secrets.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")),
                "the retry took the label off the removed keys");
        assertEquals(null, versionOf(t, "paystack"));
        assertEquals(Optional.empty(), paystackKeyForPayments(t));
        failing.call("DELETE", "/v1/providers/paystack", t.key(), versionBody(connected)).expect(409);
    }

    /** The real HTTP client; while {@link #refusing}, taking the previous-version label off gets no answer (not sent). */
    private static final class PreviousLabelRemovalRefusingHttp implements SdkHttpClient {
        private final SdkHttpClient http = SignedAwsClient.httpClient(
                SignedAwsClient.Options.standard());
        volatile boolean refusing;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            ExecutableHttpRequest call = http.prepareRequest(request);
            if (!refusing || !request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("").endsWith(".UpdateSecretVersionStage")
                    || !body(request).contains("AWSPREVIOUS")) {
                return call;
            }
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    throw new ConnectException("refused: the label removal is not sent");
                }

                @Override
                public void abort() {
                    call.abort();
                }
            };
        }

        private static String body(HttpExecuteRequest request) {
            try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }

    @Test
    void twoWritersOverTheSameVersionOfTheSecretOneWinsTheOtherChangesNothing() {
        var store = new com.wispbill.api.adapters.SecretsManagerResellerSecrets(com.wispbill.adapters.AwsClients.newSecretsManager());
        String name = "wispbill/providers/cas-" + System.nanoTime() + "/paystack";
        String created = store.replace(name, "cas", "{\"secretKey\":\"v1\"}", Optional.empty());
        assertThrows(com.wispbill.api.service.ResellerSecrets.StaleVersionException.class,
                () -> store.replace(name, "cas", "{\"secretKey\":\"again\"}", Optional.empty()), "it exists: not a create");

        String first = store.replace(name, "cas", "{\"secretKey\":\"first\"}", Optional.of(created));
        assertThrows(com.wispbill.api.service.ResellerSecrets.StaleVersionException.class,
                () -> store.replace(name, "cas", "{\"secretKey\":\"second\"}", Optional.of(created)));
        assertEquals(Optional.of(new com.wispbill.api.service.ResellerSecrets.Versioned("{\"secretKey\":\"first\"}", first)),
                store.readVersioned(name), "the first writer's value and version are current");
        assertEquals("{\"secretKey\":\"v1\"}", secrets.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS"))
                .secretString(), "the one before it is the previous version, as for any put");
        store.delete(name);
    }

    @Test
    void aRemovalKeepsNoPreviousVersionAndIsStaleOverAnotherWritersChange() {
        var store = new com.wispbill.api.adapters.SecretsManagerResellerSecrets(com.wispbill.adapters.AwsClients.newSecretsManager());
        String name = "wispbill/providers/remove-" + System.nanoTime() + "/paystack";
        String created = store.replace(name, "rm", "{\"secretKey\":\"v1\"}", Optional.empty());
        String leaked = store.replace(name, "rm", "{\"secretKey\":\"leaked\"}", Optional.of(created));

        assertThrows(com.wispbill.api.service.ResellerSecrets.StaleVersionException.class,
                () -> store.remove(name, "rm", PaymentProvider.REMOVED_KEYS, created), "over a version replaced since");
        assertEquals("{\"secretKey\":\"leaked\"}", store.read(name).orElseThrow(), "a stale removal changes nothing");
        assertEquals("{\"secretKey\":\"v1\"}", secrets.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS"))
                .secretString(), "nor the previous version");

        String removed = store.remove(name, "rm", PaymentProvider.REMOVED_KEYS, leaked);
        assertEquals(Optional.of(new com.wispbill.api.service.ResellerSecrets.Versioned(PaymentProvider.REMOVED_KEYS, removed)),
                store.readVersioned(name));
        assertThrows(ResourceNotFoundException.class, () -> secrets.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")),
                "the removed keys cannot be read back as the previous version");

        String again = store.replace(name, "rm", "{\"secretKey\":\"new\"}", Optional.of(removed));
        assertEquals(PaymentProvider.REMOVED_KEYS, secrets.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS"))
                .secretString(), "keys stored after a removal: the previous version is the removal, not the removed keys");
        assertEquals(again, store.readVersioned(name).orElseThrow().version());
        store.delete(name);
    }

    @Test
    void stripePaystackAndMidtransKeysAreCheckedWithTheirOwnCalls() {
        TestStack.Tenant t = stack.onboard("Card Cafe", ApiKeyRole.RESELLER);
        URI nowhere = URI.create("http://127.0.0.1:9/webhooks");
        providers.stripeMerchant("sk_test_" + t.resellerId(), nowhere, "whsec_1");
        providers.paystackMerchant("sk_test_ps_" + t.resellerId(), nowhere);
        providers.midtransMerchant("SB-Mid-server-" + t.resellerId(), nowhere);

        api.call("PUT", "/v1/providers/stripe", t.key(), "{\"secretKey\": \"sk_test_wrong\", \"webhookSecret\": \"whsec_1\"}")
                .expect(400);
        api.call("PUT", "/v1/providers/stripe", t.key(), "{\"secretKey\": \"sk_test_" + t.resellerId()
                + "\", \"webhookSecret\": \"whsec_1\"}").expect(200);
        api.call("PUT", "/v1/providers/paystack", t.key(), "{\"secretKey\": \"sk_test_nobody\"}").expect(400);
        api.call("PUT", "/v1/providers/paystack", t.key(), "{\"secretKey\": \"sk_test_ps_" + t.resellerId() + "\"}").expect(200);
        api.call("PUT", "/v1/providers/midtrans", t.key(), "{\"serverKey\": \"SB-Mid-server-nobody\"}").expect(400);
        api.call("PUT", "/v1/providers/midtrans", t.key(), "{\"serverKey\": \"SB-Mid-server-" + t.resellerId() + "\"}")
                .expect(200);
        assertTrue(secret(t.resellerId(), PaymentProvider.STRIPE).isPresent());
    }

    @Test
    void badKeysAreRefusedBeforeTheProviderIsAsked() {
        TestStack.Tenant t = stack.onboard("Typo Net", ApiKeyRole.RESELLER);
        ApiClient.Reply bad = api.call("PUT", "/v1/providers/mpesa", t.key(),
                "{\"consumerKey\": \"k\", \"shortCode\": \"12\", \"passkey\": \"has space\", \"secretKey\": \"x\"}").expect(400);
        assertEquals(List.of("consumerSecret", "passkey", "secretKey", "shortCode"),
                bad.errorFields().stream().sorted().distinct().toList());
        api.call("PUT", "/v1/providers/cash", t.key(), "{}").expect(404);
    }
}
