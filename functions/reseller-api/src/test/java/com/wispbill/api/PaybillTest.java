package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoPaybillRepository;
import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.Ids;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.payment.CallbackPathTokens;
import com.wispbill.domain.payment.DarajaUrlWords;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.payment.FeePolicy;
import com.wispbill.payment.LoggedSecurityLog;
import com.wispbill.payment.Paybill;
import com.wispbill.payment.PaybillCallbacks;
import com.wispbill.payment.PaymentRepositories;
import com.wispbill.payment.PaymentSettlement;
import com.wispbill.payment.PaymentWebhookHandler;
import com.wispbill.payment.SimulatedMerchants;
import com.wispbill.payment.WebhookProcessor;
import com.wispbill.payment.adapters.DynamoPaymentRepositories;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import com.wispbill.payment.provider.MpesaAdapter;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderHttp;
import com.wispbill.testing.router.SimulatedRouterDriver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * M-Pesa C2B end to end: the reseller sets its M-Pesa keys ({@code PUT /v1/providers/mpesa}, checked with the
 * Daraja stand-in) and registers its paybill URLs through the API, no direct Secrets Manager write; the stand-in
 * then sends C2B validations and confirmations to them over HTTP (the template's webhook route) as
 * Safaricom does. A confirmation whose account number is a subscriber's username renews it once, however
 * often it comes; others wait for review, where the reseller assigns (renews) or refunds them.
 */
class PaybillTest {
    private static final String PLAN_PRICE_MAJOR = "50.00";
    private static TestStack stack;
    private static ProviderSimulator daraja;
    private static ApiClient api;
    private static URI webhooks;
    private static PaymentSettlement settlement;
    private static Paybill paybill;
    /** The webhook function's credentials (its own cache, apart from the API's). */
    private static SecretsManagerCredentials webhookCredentials;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        Clock clock = Clock.systemUTC();
        // The stand-in the API checks provider keys with: the business's Daraja account lives there.
        daraja = TestStack.providers();
        webhooks = stack.stack.httpApiEndpoint();
        MpesaAdapter mpesa = new MpesaAdapter(daraja.mpesaBaseUrl(), new ProviderHttp(), clock);
        // Each function caches the keys it reads (as the API and webhook functions do, apart).
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings().withPublicApiBaseUrl(webhooks), clock,
                new PaybillSetup(new SecretsManagerCredentials(AwsClients.newSecretsManager()), mpesa, new FeePolicy(0)))));
        SecretsManagerCredentials credentials = new SecretsManagerCredentials(AwsClients.newSecretsManager());
        webhookCredentials = credentials;

        // The webhook function as the template wires it, with the stand-ins' endpoints.
        PaymentRepositories repos = DynamoPaymentRepositories.on(stack.dynamoDb, stack.tables, clock);
        OutboxDelivery delivery = OutboxDelivery.routerCommandsOnly(repos.outbox(),
                new SqsRouterCommandQueue(stack.sqs, stack.commandQueueUrl));
        ProviderAdapters adapters = ProviderAdapters.create(SimulatedMerchants.endpointsOf(daraja), new ProviderHttp(), clock);
        settlement = new PaymentSettlement(repos, delivery, new FeePolicy(0), new VoucherCodes(), clock);
        paybill = new Paybill(repos, new DynamoPaybillRepository(stack.dynamoDb, stack.tables), settlement, clock);
        stack.webhookRoute.delegate = new PaymentWebhookHandler(
                new WebhookProcessor(adapters, credentials, repos, settlement, new LoggedSecurityLog(), clock),
                new PaybillCallbacks(credentials, paybill, new LoggedSecurityLog()));
    }

    /** A reseller with a subscriber {@code username} on a KES 50 plan, M-Pesa keys and a paybill set through the API. */
    private record Business(Seed seed, String subscriptionId, String shortCode, String token) {
    }

    private static Business business(String name, String phone, String username) {
        return business(Seed.create(stack, api, name, phone, 1), username, Optional.empty());
    }

    /**
     * {@code formerToken}: the M-Pesa path token to store over the one connecting made, as a reseller connected before
     * tokens avoided Daraja's words has it; the registration's token is then a new one.
     */
    private static Business business(Seed seed, String username, Optional<String> formerToken) {
        return business(seed, username, formerToken, false);
    }

    /** {@code webhookHeldFormer}: the webhook function read the keys with the former token just before registering. */
    private static Business business(Seed seed, String username, Optional<String> formerToken, boolean webhookHeldFormer) {
        String subscriptionId = api.call("POST", "/v1/subscriptions", seed.key(), "{\"customerId\": \"" + seed.customerId()
                + "\", \"planId\": \"" + seed.planId() + "\", \"routerId\": \"" + seed.routerId()
                + "\", \"kind\": \"PPPOE\", \"username\": \"" + username + "\", \"password\": \"pw-" + username + "\"}")
                .expect(201).json().path("subscription").path("id").asText();
        // The business's Daraja account (the stand-in's), whose keys the reseller sets through the API.
        String rid = seed.tenant().resellerId();
        String shortCode = Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        daraja.mpesaMerchant("ck-" + rid, "cs-" + rid, shortCode, "passkey-" + rid);
        String webhookPath = api.call("PUT", "/v1/providers/mpesa", seed.key(), "{\"consumerKey\": \"ck-" + rid
                + "\", \"consumerSecret\": \"cs-" + rid + "\", \"shortCode\": \"" + shortCode + "\", \"passkey\": \"passkey-"
                + rid + "\"}").expect(200).json().path("webhookPath").asText();
        String token = webhookPath.substring(webhookPath.lastIndexOf('/') + 1);
        if (formerToken.isPresent()) {
            replaceMpesaToken(rid, formerToken.get());
            if (webhookHeldFormer) {
                assertEquals(formerToken.get(), mpesaTokenCachedByTheWebhook(rid));
            }
        }
        JsonNode registered = api.call("POST", "/v1/paybill/register", seed.key(), "", Map.of(),
                Map.of("host", webhooks.getAuthority(), "x-forwarded-proto", webhooks.getScheme())).expect(200).json();
        assertEquals(shortCode, registered.path("shortCode").asText());
        var registration = daraja.c2bRegistration(shortCode).orElseThrow();
        assertEquals(registered.path("confirmationUrl").asText(), registration.confirmationUrl().toString());
        if (formerToken.isPresent()) {
            String rotated = registration.validationUrl().getPath().split("/")[3];
            assertNotEquals(formerToken.get(), rotated);
            assertNotEquals(token, rotated);
            token = rotated;
        }
        assertEquals(webhooks + "/webhooks/paybill/" + token + "/validation", registration.validationUrl().toString());
        assertEquals(Optional.of(rid), CallbackPathTokens.resellerOf(token));
        return new Business(seed, subscriptionId, shortCode, token);
    }

    @Test
    void aConfirmationWithASubscribersAccountNumberRenewsItOnceHoweverOftenItComes() throws Exception {
        stack.drain(stack.commandQueueUrl);
        Business b = business("Sierra Paybill", "+254700700001", "acct-7001");
        String key = b.seed().key();
        Instant before = expiry(key, b.subscriptionId());
        try (SimulatedRouterDriver router = SimulatedRouterDriver.start(b.seed().routerId())) {
            // The PPPoE subscriber made through the API has its secret on the router.
            router.applyQueued(stack.sqs, stack.commandQueueUrl);
            assertFalse(router.router.state().pppSecret("acct-7001").orElseThrow().disabled());
            aRenewalOnce(b, key, before);
            // An ACTIVE subscriber's user is on the plan already: the renewal sends what a cash renewal of it sends
            // (RenewalMessages), no router command, however often the confirmation came.
            assertEquals(List.of(), router.applyQueued(stack.sqs, stack.commandQueueUrl)
                    .stream().map(c -> c.command().type()).toList(), "nothing to reinstate");
            assertFalse(router.router.state().pppSecret("acct-7001").orElseThrow().disabled());
            assertEquals("wb-" + b.seed().planId(), router.router.state().pppSecret("acct-7001").orElseThrow().profile());
        }
    }

    /** A seeded reseller whose new id spells {@code word} in its random part (Crockford letters, as a drawn id may). */
    private static Seed seedWhoseIdSpells(String word, String name, String phone) {
        stack.drain(stack.commandQueueUrl);
        String drawn = Ids.newId(Clock.systemUTC());
        String rid = drawn.substring(0, 12) + word + drawn.substring(12 + word.length());
        return Seed.create(stack, api, stack.onboardWithId(rid, name, ApiKeyRole.RESELLER), name, phone, 1);
    }

    @Test
    void aResellerWhoseIdSpellsExeRegistersItsPaybillAndIsCredited() {
        Seed seed = seedWhoseIdSpells("EXE", "Echo Exe", "+254700700011");
        Business b = business(seed, "acct-7001", Optional.empty());
        assertFalse(DarajaUrlWords.refused(b.token()), b.token());
        aRenewalOnce(b, seed.key(), expiry(seed.key(), b.subscriptionId()));
    }

    @Test
    void anMpesaTokenMadeBeforeThatSpellsCmdIsRotatedWhenThePaybillIsRegistered() {
        Seed seed = seedWhoseIdSpells("CMD", "Charlie Cmd", "+254700700012");
        String rid = seed.tenant().resellerId();
        String former = rid + "." + "0a".repeat(32);
        assertEquals(Optional.of(rid), CallbackPathTokens.resellerOf(former), "a token of the former form");
        Business b = business(seed, "acct-7001", Optional.of(former));
        assertFalse(DarajaUrlWords.refused(b.token()), b.token());
        ProviderSimulator.C2bPayment paid = aRenewalOnce(b, seed.key(), expiry(seed.key(), b.subscriptionId()));
        Callback genuine = paid.confirmation().orElseThrow();
        // The rotated token is the M-Pesa one now: the former URL is refused like any unknown one.
        URI formerUrl = URI.create(genuine.url().toString().replace(b.token(), former));
        assertEquals(404, genuine.withUrl(formerUrl).withBody(genuine.bodyText().replace(paid.transId(), "FORMER0001"))
                .deliver().status());
    }

    @Test
    void aConfirmationToTheRotatedUrlIsCreditedByAWebhookInstanceThatStillCachedTheFormerToken() {
        Seed seed = seedWhoseIdSpells("CMD", "Delta Cmd", "+254700700013");
        String rid = seed.tenant().resellerId();
        String former = rid + "." + "0b".repeat(32);
        Business b = business(seed, "acct-7001", Optional.of(former), true);
        assertNotEquals(former, b.token());
        aRenewalOnce(b, seed.key(), expiry(seed.key(), b.subscriptionId()));
    }

    @Test
    void aTokenRotatedInTheConsoleAndRegisteredAtOnceIsTheOneRegisteredAndCredited() {
        Business first = business("Foxtrot Rotate", "+254700700014", "acct-7001");
        String rid = first.seed().tenant().resellerId();
        // Both functions have read the keys with the first token (the API when registering it).
        assertEquals(first.token(), mpesaTokenCachedByTheWebhook(rid));
        String path = api.call("POST", "/v1/providers/mpesa/rotate-webhook-token", first.seed().key(), "").expect(200)
                .json().path("webhookPath").asText();
        String rotated = path.substring(path.lastIndexOf('/') + 1);
        assertNotEquals(first.token(), rotated);

        JsonNode registered = api.call("POST", "/v1/paybill/register", first.seed().key(), "", Map.of(),
                Map.of("host", webhooks.getAuthority(), "x-forwarded-proto", webhooks.getScheme())).expect(200).json();
        assertEquals(webhooks + "/webhooks/paybill/" + rotated + "/confirmation", registered.path("confirmationUrl").asText());
        assertEquals(webhooks + "/webhooks/paybill/" + rotated + "/validation",
                daraja.c2bRegistration(first.shortCode()).orElseThrow().validationUrl().toString());
        Business b = new Business(first.seed(), first.subscriptionId(), first.shortCode(), rotated);
        aRenewalOnce(b, b.seed().key(), expiry(b.seed().key(), b.subscriptionId()));
    }

    @Test
    void aConfirmationToTheUrlOfReconnectedKeysIsCreditedByAWebhookInstanceThatCachedTheirRemoval() {
        Business first = business("Golf Reconnect", "+254700700015", "acct-7001");
        String rid = first.seed().tenant().resellerId();
        String key = first.seed().key();
        api.call("DELETE", "/v1/providers/mpesa", key, "{\"version\": \"" + mpesaVersion(key) + "\"}").expect(204);
        // The webhook function reads (and caches) the removal: no keys, though the secret exists.
        assertTrue(webhookCredentials.find(rid, PaymentProvider.MPESA).isEmpty());
        assertTrue(webhookCredentials.storedWithoutKeys(rid, PaymentProvider.MPESA));
        // Registering now is refused; the removal is then what the API has read (and cached) too.
        api.call("POST", "/v1/paybill/register", key, "", Map.of(),
                Map.of("host", webhooks.getAuthority(), "x-forwarded-proto", webhooks.getScheme())).expect(409);

        String webhookPath = api.call("PUT", "/v1/providers/mpesa", key, "{\"consumerKey\": \"ck-" + rid
                + "\", \"consumerSecret\": \"cs-" + rid + "\", \"shortCode\": \"" + first.shortCode() + "\", \"passkey\": \"passkey-"
                + rid + "\"}").expect(200).json().path("webhookPath").asText();
        String reconnected = webhookPath.substring(webhookPath.lastIndexOf('/') + 1);
        assertNotEquals(first.token(), reconnected);
        api.call("POST", "/v1/paybill/register", key, "", Map.of(),
                Map.of("host", webhooks.getAuthority(), "x-forwarded-proto", webhooks.getScheme())).expect(200);
        assertEquals(webhooks + "/webhooks/paybill/" + reconnected + "/confirmation",
                daraja.c2bRegistration(first.shortCode()).orElseThrow().confirmationUrl().toString());

        Business b = new Business(first.seed(), first.subscriptionId(), first.shortCode(), reconnected);
        aRenewalOnce(b, key, expiry(key, b.subscriptionId()));
    }

    @Test
    void keysSavedWithANewShortCodeAndRegisteredAtOnceRegisterTheNewShortCode() {
        Business first = business("Hotel Newcode", "+254700700016", "acct-7001");
        String rid = first.seed().tenant().resellerId();
        String key = first.seed().key();
        // The business moves to another paybill number; the API's cache still holds the keys with the first one.
        String newShortCode = Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        daraja.mpesaMerchant("ck2-" + rid, "cs2-" + rid, newShortCode, "passkey2-" + rid);
        api.call("PUT", "/v1/providers/mpesa", key, "{\"consumerKey\": \"ck2-" + rid + "\", \"consumerSecret\": \"cs2-" + rid
                + "\", \"shortCode\": \"" + newShortCode + "\", \"passkey\": \"passkey2-" + rid + "\", \"version\": \""
                + mpesaVersion(key) + "\"}").expect(200);

        JsonNode registered = api.call("POST", "/v1/paybill/register", key, "", Map.of(),
                Map.of("host", webhooks.getAuthority(), "x-forwarded-proto", webhooks.getScheme())).expect(200).json();
        assertEquals(newShortCode, registered.path("shortCode").asText());
        assertEquals(registered.path("confirmationUrl").asText(),
                daraja.c2bRegistration(newShortCode).orElseThrow().confirmationUrl().toString());
    }

    /** The version of the reseller's M-Pesa keys, as a removal must name it. */
    private static String mpesaVersion(String key) {
        for (JsonNode item : api.call("GET", "/v1/providers", key).expect(200).json().path("items")) {
            if (item.path("provider").asText().equals("mpesa")) {
                return item.path("version").asText();
            }
        }
        throw new AssertionError("no mpesa connection");
    }

    /** The M-Pesa path token the webhook function has (now cached) for the reseller. */
    private static String mpesaTokenCachedByTheWebhook(String resellerId) {
        return webhookCredentials.find(resellerId, PaymentProvider.MPESA).orElseThrow().callbackPathToken();
    }

    /** Stores {@code token} as the reseller's M-Pesa path token, as keys connected before the hex form hold one. */
    private static void replaceMpesaToken(String resellerId, String token) {
        try (var secrets = software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            String name = PaymentProvider.MPESA.secretName(resellerId);
            var keys = (com.fasterxml.jackson.databind.node.ObjectNode) json(secrets.getSecretValue(r -> r.secretId(name)).secretString());
            keys.put("callbackPathToken", token);
            secrets.putSecretValue(r -> r.secretId(name).secretString(keys.toString()));
        }
    }

    private static ProviderSimulator.C2bPayment aRenewalOnce(Business b, String key, Instant before) {
        ProviderSimulator.C2bPayment paid = daraja.c2bPay(b.shortCode(), "acct-7001", "254712700001", 5000);
        assertTrue(paid.completed());
        assertEquals(200, paid.confirmationAnswer().orElseThrow().status());
        assertEquals(0, json(paid.confirmationAnswer().orElseThrow().body()).path("ResultCode").asInt(-1));
        Instant renewed = expiry(key, b.subscriptionId());
        assertEquals(before.plus(Duration.ofHours(24)), renewed, "one period added to the running one");

        // Safaricom sends the same transaction again: acknowledged, nothing more.
        Callback again = paid.confirmation().orElseThrow();
        assertEquals(200, again.deliver().status());
        assertEquals(200, again.deliver().status());
        assertEquals(renewed, expiry(key, b.subscriptionId()));

        JsonNode payment = api.call("GET", "/v1/paybill/payments/" + paid.transId(), key).expect(200).json();
        assertEquals("RENEWED", payment.path("status").asText());
        assertEquals(b.subscriptionId(), payment.path("subscriptionId").asText());
        List<JsonNode> sales = payments(key).stream().filter(p -> paid.transId().equals(p.path("providerReference").asText())).toList();
        assertEquals(1, sales.size());
        assertEquals("SUCCEEDED", sales.getFirst().path("status").asText());
        assertEquals(5000, sales.getFirst().path("amount").path("amountMinor").asLong());
        assertEquals(1, api.call("GET", "/v1/ledger", key).expect(200).json().path("items").findValues("type").stream()
                .filter(t -> t.asText().equals("SALE_GROSS")).count(), "one sale in the ledger");
        assertEquals(List.of(), reviews(b));
        return paid;
    }

    @Test
    void unmatchedOrWrongAmountPaymentsWaitForReviewAndTheResellerAssignsOrRefundsThem() {
        Business b = business("Tango Review", "+254700700002", "acct-7002");
        String key = b.seed().key();
        Instant before = expiry(key, b.subscriptionId());

        var unknown = daraja.c2bPay(b.shortCode(), "ACCT 7002 typo", "254712700002", 5000);
        var wrongAmount = daraja.c2bPay(b.shortCode(), "acct-7002", "254712700002", 3000);
        assertEquals(200, unknown.confirmationAnswer().orElseThrow().status());
        assertEquals(200, wrongAmount.confirmationAnswer().orElseThrow().status());
        assertEquals(before, expiry(key, b.subscriptionId()), "nothing renewed on its own");
        List<JsonNode> reviews = reviews(b);
        assertEquals(2, reviews.size());
        assertEquals(Map.of(unknown.transId(), "UNKNOWN_ACCOUNT", wrongAmount.transId(), "WRONG_AMOUNT"),
                Map.of(reviews.get(0).path("transId").asText(), reviews.get(0).path("reason").asText(),
                        reviews.get(1).path("transId").asText(), reviews.get(1).path("reason").asText()));

        // Bad input: one problem naming the field, nothing changed.
        assertEquals(List.of("subscriptionId"), api.call("POST", "/v1/paybill/payments/" + unknown.transId() + "/assign",
                key, "{}").expect(400).errorFields());
        assertEquals(List.of("note"), api.call("POST", "/v1/paybill/payments/" + wrongAmount.transId() + "/refund",
                key, "{\"note\": \"  \"}").expect(400).errorFields());
        api.call("POST", "/v1/paybill/payments/" + unknown.transId() + "/assign", key,
                "{\"subscriptionId\": \"no-such-subscription\"}").expect(400);
        assertEquals(2, reviews(b).size());

        JsonNode assigned = api.call("POST", "/v1/paybill/payments/" + unknown.transId() + "/assign", key,
                "{\"subscriptionId\": \"" + b.subscriptionId() + "\"}").expect(200).json();
        assertEquals("ASSIGNED", assigned.path("status").asText());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()));
        // Assigning again, or the webhook hearing of it again, renews nothing more.
        api.call("POST", "/v1/paybill/payments/" + unknown.transId() + "/assign", key,
                "{\"subscriptionId\": \"" + b.subscriptionId() + "\"}").expect(200);
        unknown.confirmation().orElseThrow().deliver();
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()));

        JsonNode refunded = api.call("POST", "/v1/paybill/payments/" + wrongAmount.transId() + "/refund", key,
                "{\"note\": \"sent back KES 30 from the till, M-Pesa ref RK22X\"}").expect(200).json();
        assertEquals("REFUNDED", refunded.path("status").asText());
        api.call("POST", "/v1/paybill/payments/" + wrongAmount.transId() + "/assign", key,
                "{\"subscriptionId\": \"" + b.subscriptionId() + "\"}").expect(409);
        assertEquals(List.of(), reviews(b));
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()));
    }

    @Test
    void anAccountNumberTypedInAnotherCaseOrWithSpacesRenewsItsSubscriber() {
        Business b = business("Victor Typed", "+254700700005", "acct-7005");
        String key = b.seed().key();
        Instant before = expiry(key, b.subscriptionId());
        var typed = daraja.c2bPay(b.shortCode(), " ACCT-70 05 ", "254712700005", 5000);
        assertEquals(200, typed.confirmationAnswer().orElseThrow().status());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()), "as a cashier types it");
        assertEquals(List.of(), reviews(b));

        // So an account number names one subscriber: a username differing only in case is refused.
        api.call("POST", "/v1/subscriptions", key, "{\"customerId\": \"" + b.seed().customerId() + "\", \"planId\": \""
                + b.seed().planId() + "\", \"routerId\": \"" + b.seed().routerId() + "\", \"kind\": \"PPPOE\","
                + " \"username\": \"ACCT-7005\", \"password\": \"pw-other\"}").expect(409);
    }

    @Test
    void theValidationUrlRefusesUnknownAccountNumbersOnlyWhenTheResellerAsks() {
        Business b = business("Uniform Validation", "+254700700003", "acct-7003");
        String key = b.seed().key();
        daraja.c2bExternalValidation(b.shortCode(), true);
        assertFalse(api.call("GET", "/v1/paybill", key).expect(200).json().path("refuseUnknownAccounts").asBoolean());

        var accepted = daraja.c2bPay(b.shortCode(), "whoever", "254712700003", 5000);
        assertTrue(accepted.completed(), "off by default: M-Pesa completes it and it waits for review");
        assertEquals("0", accepted.validationResult().orElseThrow());

        assertEquals(List.of("refuseUnknownAccounts"), api.call("PUT", "/v1/paybill", key, "{\"refuseUnknownAccounts\": \"yes\"}")
                .expect(400).errorFields());
        assertTrue(api.call("PUT", "/v1/paybill", key, "{\"refuseUnknownAccounts\": true}").expect(200).json()
                .path("refuseUnknownAccounts").asBoolean());
        var refused = daraja.c2bPay(b.shortCode(), "nobody-here", "254712700003", 5000);
        assertFalse(refused.completed());
        assertEquals("C2B00012", refused.validationResult().orElseThrow());
        api.call("GET", "/v1/paybill/payments/" + refused.transId(), key).expect(404);

        Instant before = expiry(key, b.subscriptionId());
        var known = daraja.c2bPay(b.shortCode(), "acct-7003", "254712700003", 5000);
        assertTrue(known.completed());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()));
    }

    @Test
    void aConfirmationWithoutTheResellersTokenOrShortCodeIsRefusedAndChangesNothing() {
        Business b = business("Victor Forged", "+254700700004", "acct-7004");
        String key = b.seed().key();
        Instant before = expiry(key, b.subscriptionId());
        var paid = daraja.c2bPay(b.shortCode(), "acct-7004", "254712700004", 5000);
        Callback genuine = paid.confirmation().orElseThrow();
        String forgedId = genuine.bodyText().replace(paid.transId(), "FORGED0001");

        URI wrongToken = URI.create(genuine.url().toString().replace(b.token(), b.token().substring(0, b.token().length() - 2) + "xx"));
        assertEquals(404, genuine.withUrl(wrongToken).withBody(forgedId).deliver().status());
        assertEquals(404, genuine.withBody(forgedId.replace(b.shortCode(), "999999")).deliver().status());
        assertEquals(400, genuine.withBody("{\"TransID\": \"X1\"}").deliver().status());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()), "only the genuine payment counted");
        api.call("GET", "/v1/paybill/payments/FORGED0001", key).expect(404);
    }

    @Test
    void anStkPushTheResellerSendsRenewsTheSubscriberOnceTheCustomerPays() {
        Business b = business("Whiskey Push", "+254700700005", "acct-7005");
        String key = b.seed().key();
        Instant before = expiry(key, b.subscriptionId());
        // Whatever Host the request names, Daraja calls back the deployment's configured public URL.
        Map<String, String> host = Map.of("host", "attacker.example:8443", "x-forwarded-proto", "http");
        assertEquals(List.of("phone"), api.call("POST", "/v1/subscriptions/" + b.subscriptionId() + "/stk-push", key,
                "{\"phone\": \"07\"}", Map.of(), host).expect(400).errorFields());

        JsonNode pushed = api.call("POST", "/v1/subscriptions/" + b.subscriptionId() + "/stk-push", key, "{}", Map.of(), host)
                .expect(202).json();
        JsonNode payment = pushed.path("payment");
        assertEquals("PENDING", payment.path("status").asText());
        assertEquals(b.seed().phone(), payment.path("customerPhone").asText(), "the customer's phone by default");
        assertEquals(b.subscriptionId(), payment.path("subscriptionId").asText());
        assertEquals(before, expiry(key, b.subscriptionId()), "nothing before the customer pays");

        // The customer enters the PIN: Daraja's callback reaches the webhook, which confirms it and renews.
        Callback paid = daraja.pay(payment.path("providerReference").asText());
        assertEquals(200, paid.deliver().status());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()));
        assertEquals("SUCCEEDED", api.call("GET", "/v1/payments/" + payment.path("id").asText(), key).expect(200).json()
                .path("status").asText());
        assertEquals(200, paid.deliver().status());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()), "a repeated callback renews nothing more");
    }

    @Test
    void aConfirmationArrivingWhileTheCredentialsCannotBeReadIsKeptForReviewAndAcknowledgedOnlyOnceStored() {
        Business b = business("Xray Unread", "+254700700006", "acct-7006");
        String key = b.seed().key();
        Instant before = expiry(key, b.subscriptionId());
        var paid = daraja.c2bPay(b.shortCode(), "acct-7006", "254712700006", 5000);
        String body = paid.confirmation().orElseThrow().bodyText().replace(paid.transId(), "CRED7006A");
        // Secrets Manager unreachable: the payment cannot be checked or applied, but M-Pesa took the money.
        SecretsManagerCredentials unreadable = new SecretsManagerCredentials(unreachableSecrets());
        PaybillCallbacks callbacks = new PaybillCallbacks(unreadable, paybill, new LoggedSecurityLog());
        WebhookProcessor.Reply answer = callbacks.handle(b.token(), "confirmation", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status());
        assertEquals(0, json(answer.body()).path("ResultCode").asInt(-1));
        assertEquals(200, callbacks.handle(b.token(), "confirmation", body.getBytes(StandardCharsets.UTF_8)).status());

        List<JsonNode> reviews = reviews(b);
        assertEquals(1, reviews.size(), "kept once");
        JsonNode kept = reviews.getFirst();
        assertEquals("CRED7006A", kept.path("transId").asText());
        assertEquals("CREDENTIALS_UNREADABLE", kept.path("reason").asText());
        assertEquals(5000, kept.path("amount").path("amountMinor").asLong());
        assertTrue(kept.path("problem").asText().contains("credentials could not be read"), kept.toString());
        assertEquals(body, kept.path("raw").asText());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()), "only the genuine payment renewed");

        // When even the raw record cannot be stored, Daraja is told to deliver again, and nothing is kept.
        DynamoDbClient downStore = unreachable(DynamoDbClient.builder());
        Paybill storeDown = new Paybill(DynamoPaymentRepositories.on(downStore, stack.tables, Clock.systemUTC()),
                new DynamoPaybillRepository(downStore, stack.tables), settlement, Clock.systemUTC());
        String other = body.replace("CRED7006A", "CRED7006B");
        assertEquals(503, new PaybillCallbacks(unreadable, storeDown, new LoggedSecurityLog())
                .handle(b.token(), "confirmation", other.getBytes(StandardCharsets.UTF_8)).status());
        api.call("GET", "/v1/paybill/payments/CRED7006B", key).expect(404);
    }

    @Test
    void aConfirmationWithAnUnreadableAmountOrAMalformedAccountIsKeptOnceForReview() {
        Business b = business("Yankee Raw", "+254700700007", "acct-7007");
        String key = b.seed().key();
        Instant before = expiry(key, b.subscriptionId());
        var paid = daraja.c2bPay(b.shortCode(), "acct-7007", "254712700007", 5000);
        Callback genuine = paid.confirmation().orElseThrow();
        String unreadableAmount = genuine.bodyText().replace(paid.transId(), "AMT7007A").replace("\"50.00\"", "\"fifty\"");
        String malformedAccount = genuine.bodyText().replace(paid.transId(), "ACC7007A")
                .replace("\"acct-7007\"", "\"acct-7007\\u0007" + "9".repeat(60) + "\"");
        // Safaricom delivers each twice: acknowledged both times, one review item each.
        for (int i = 0; i < 2; i++) {
            Callback.Delivery answer = genuine.withBody(unreadableAmount).deliver();
            assertEquals(200, answer.status());
            assertEquals(0, json(answer.body()).path("ResultCode").asInt(-1));
            assertEquals(200, genuine.withBody(malformedAccount).deliver().status());
        }
        List<JsonNode> reviews = reviews(b);
        assertEquals(2, reviews.size(), reviews.toString());
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        reviews.forEach(r -> byId.put(r.path("transId").asText(), r));
        assertEquals("AMOUNT_UNREADABLE", byId.get("AMT7007A").path("reason").asText());
        assertTrue(byId.get("AMT7007A").path("amount").isNull(), "no amount invented");
        assertEquals(unreadableAmount, byId.get("AMT7007A").path("raw").asText());
        assertEquals("ACCOUNT_MALFORMED", byId.get("ACC7007A").path("reason").asText());
        assertEquals(5000, byId.get("ACC7007A").path("amount").path("amountMinor").asLong());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()), "only the genuine payment renewed");

        // Without an amount it cannot pay for a period: refused clearly; refunding closes it.
        assertTrue(api.call("POST", "/v1/paybill/payments/AMT7007A/assign", key,
                "{\"subscriptionId\": \"" + b.subscriptionId() + "\"}").expect(409).json().toString().contains("no amount"));
        api.call("POST", "/v1/paybill/payments/AMT7007A/refund", key, "{\"note\": \"checked the statement, sent back\"}")
                .expect(200);
        api.call("POST", "/v1/paybill/payments/ACC7007A/assign", key,
                "{\"subscriptionId\": \"" + b.subscriptionId() + "\"}").expect(200);
        assertEquals(before.plus(Duration.ofHours(48)), expiry(key, b.subscriptionId()));
    }

    @Test
    void aReceiptThatSettledAnStkPushCannotBeAssignedAgainThroughAReview() {
        Business b = business("Zulu Receipt", "+254700700008", "acct-7008");
        String key = b.seed().key();
        Instant before = expiry(key, b.subscriptionId());
        JsonNode payment = api.call("POST", "/v1/subscriptions/" + b.subscriptionId() + "/stk-push", key, "{}")
                .expect(202).json().path("payment");
        Callback stk = daraja.pay(payment.path("providerReference").asText());
        assertEquals(200, stk.deliver().status());
        String receipt = mpesaReceiptOf(stk);
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()));

        // A C2B confirmation naming the same receipt (and an account nobody has) waits for review...
        var c2b = daraja.c2bPay(b.shortCode(), "nobody-7008", "254712700008", 5000);
        Callback sameReceipt = c2b.confirmation().orElseThrow();
        assertEquals(200, sameReceipt.withBody(sameReceipt.bodyText().replace(c2b.transId(), receipt)).deliver().status());
        assertTrue(reviews(b).stream().anyMatch(r -> r.path("transId").asText().equals(receipt)));
        // ...but cannot pay for the subscriber again.
        JsonNode refused = api.call("POST", "/v1/paybill/payments/" + receipt + "/assign", key,
                "{\"subscriptionId\": \"" + b.subscriptionId() + "\"}").expect(409).json();
        assertTrue(refused.toString().contains("already settled payment " + payment.path("id").asText()), refused.toString());
        assertEquals("REVIEW", api.call("GET", "/v1/paybill/payments/" + receipt, key).expect(200).json().path("status").asText());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()), "paid once");
        // The other C2B payment, a receipt of its own, is assignable.
        api.call("POST", "/v1/paybill/payments/" + c2b.transId() + "/assign", key,
                "{\"subscriptionId\": \"" + b.subscriptionId() + "\"}").expect(200);
        assertEquals(before.plus(Duration.ofHours(48)), expiry(key, b.subscriptionId()));
    }

    @Test
    void anStkPushWhoseReceiptThePaybillRenewedFirstIsClosedWithoutRenewingAgain() {
        Business b = business("Zulu Receipt First", "+254700700009", "acct-7009");
        String key = b.seed().key();
        Instant before = expiry(key, b.subscriptionId());
        JsonNode payment = api.call("POST", "/v1/subscriptions/" + b.subscriptionId() + "/stk-push", key, "{}")
                .expect(202).json().path("payment");
        Callback stk = daraja.pay(payment.path("providerReference").asText());
        String receipt = mpesaReceiptOf(stk);

        // The paybill's confirmation of the same transaction, naming the subscriber's account, arrives first.
        var c2b = daraja.c2bPay(b.shortCode(), "nobody-7009", "254712700009", 5000);
        Callback confirmation = c2b.confirmation().orElseThrow();
        assertEquals(200, confirmation.withBody(confirmation.bodyText().replace(c2b.transId(), receipt)
                .replace("nobody-7009", "acct-7009")).deliver().status());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()), "renewed by the paybill");

        // Then the STK callback: acknowledged, the payment closed, the subscriber not renewed a second time.
        assertEquals(200, stk.deliver().status());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()), "paid once, renewed once");
        assertEquals("SUCCEEDED", api.call("GET", "/v1/payments/" + payment.path("id").asText(), key).expect(200)
                .json().path("status").asText());
        assertEquals(200, stk.deliver().status());
        assertEquals(before.plus(Duration.ofHours(24)), expiry(key, b.subscriptionId()));
    }

    private static String mpesaReceiptOf(Callback stkCallback) {
        for (JsonNode item : json(stkCallback.bodyText()).path("Body").path("stkCallback").path("CallbackMetadata").path("Item")) {
            if (item.path("Name").asText().equals("MpesaReceiptNumber")) {
                return item.path("Value").asText();
            }
        }
        throw new AssertionError("no MpesaReceiptNumber in " + stkCallback.bodyText());
    }

    /** A real client of a service nobody listens for: every call fails as an outage does. */
    private static com.wispbill.adapters.aws.SecretsManagerApi unreachableSecrets() {
        var options = com.wispbill.adapters.aws.SignedAwsClient.Options.standard();
        return new com.wispbill.adapters.aws.SecretsManagerApi(new com.wispbill.adapters.aws.SignedAwsClient(
                com.wispbill.adapters.aws.AwsService.SECRETS_MANAGER, options, URI.create("http://127.0.0.1:9"), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("none", "none")),
                com.wispbill.adapters.aws.SignedAwsClient.httpClient(options), Clock.systemUTC()));
    }

    private static <C> C unreachable(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, C> builder) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:9")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("none", "none"))).build();
    }

    /** The reseller's payments under review, but the one its seed stored. */
    private static List<JsonNode> reviews(Business b) {
        List<JsonNode> all = new java.util.ArrayList<>();
        api.call("GET", "/v1/paybill/reviews", b.seed().key()).expect(200).json().path("items").forEach(all::add);
        return all.stream().filter(r -> !r.path("transId").asText().equals(b.seed().paybillTransId())).toList();
    }

    private static Instant expiry(String key, String subscriptionId) {
        return Instant.parse(api.call("GET", "/v1/subscriptions/" + subscriptionId, key).expect(200).json()
                .path("expiresAt").asText());
    }

    private static List<JsonNode> payments(String key) {
        List<JsonNode> all = new java.util.ArrayList<>();
        api.call("GET", "/v1/payments", key).expect(200).json().path("items").forEach(all::add);
        return all;
    }

    private static JsonNode json(String text) {
        try {
            return com.wispbill.adapters.Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
