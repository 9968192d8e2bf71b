package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.local.providers.ProviderSimulator;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
        secrets = AwsClients.newSecretsManagerClient();
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
        assertTrue(path.matches("/webhooks/mpesa/" + t.resellerId() + "\\.[0-9a-f]{64}"), path);
        JsonNode stored = secret(t.resellerId(), PaymentProvider.MPESA).orElseThrow();
        assertEquals("cs-right", stored.path("consumerSecret").asText());
        assertEquals("174379", stored.path("shortCode").asText());
        assertEquals(path.substring(path.lastIndexOf('/') + 1), stored.path("callbackPathToken").asText());

        JsonNode replaced = api.call("PUT", "/v1/providers/mpesa", t.key(), keys.formatted("cs-right")).expect(200).json();
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

        api.call("DELETE", "/v1/providers/mpesa", t.key()).expect(204);
        assertEquals(Optional.empty(), secret(t.resellerId(), PaymentProvider.MPESA));
        api.call("POST", "/v1/providers/mpesa/test", t.key()).expect(404);
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
