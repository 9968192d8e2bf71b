package com.wispbill.payment;

import com.wispbill.payment.adapters.DynamoPaymentRepositories;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import com.wispbill.adapters.aws.AwsService;
import com.wispbill.adapters.aws.SecretsManagerApi;
import com.wispbill.adapters.aws.SignedAwsClient;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/** Made-up ids on the public routes cost one lookup per execution environment, not one per request. */
class UnknownIdsTest {
    private final PaymentFixture f = PaymentFixture.get();

    /** Counts the AWS calls a real client makes, by operation name. */
    static final class CallCounter implements ExecutionInterceptor {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
        }

        int count(String operation) {
            return calls.getOrDefault(operation, new AtomicInteger()).get();
        }
    }

    /** The real HTTP client, counting the Secrets Manager operations sent through it (their X-Amz-Target). */
    static final class CountingHttpClient implements SdkHttpClient {
        private final SdkHttpClient http;
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        CountingHttpClient(SdkHttpClient http) {
            this.http = http;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
            calls.computeIfAbsent(target.substring(target.indexOf('.') + 1), k -> new AtomicInteger()).incrementAndGet();
            return http.prepareRequest(request);
        }

        @Override
        public void close() {
            http.close();
        }

        int count(String operation) {
            return calls.getOrDefault(operation, new AtomicInteger()).get();
        }
    }

    /** A real Secrets Manager client of the embedded stack sending through {@code http}. */
    private SecretsManagerApi secretsManagerThrough(SdkHttpClient http) {
        Region region = Region.of(f.stack.region());
        return new SecretsManagerApi(new SignedAwsClient(AwsService.SECRETS_MANAGER, SignedAwsClient.Options.standard(),
                SignedAwsClient.endpoint(AwsService.SECRETS_MANAGER, region), region,
                DefaultCredentialsProvider.builder().build(), http, Clock.systemUTC()));
    }

    private static APIGatewayV2HTTPEvent plans(String portalId) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /portal/{portalId}/plans")
                .withPathParameters(Map.of("portalId", portalId)).build();
    }

    @Test
    void aMadeUpPortalIdTwiceCostsOneDatabaseRead() {
        CallCounter counter = new CallCounter();
        DynamoDbClient counted = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
        PaymentRepositories repos = DynamoPaymentRepositories.on(counted, f.tables, f.clock);
        PortalHandler portal = new PortalHandler(new PurchaseService(repos, f.adapters, f.credentials, f.api,
                f.portalLimits(new PortalLimits.Settings(java.time.Duration.ofMinutes(1), 10, 10, 10, 10, 0),
                        new ProofOfWorkChallenge(8)), f.clock));

        assertEquals(404, portal.handleRequest(plans("made-up-portal-1"), null).getStatusCode());
        assertEquals(404, portal.handleRequest(plans("made-up-portal-1"), null).getStatusCode());
        assertEquals(1, counter.count("GetItem"), "the second request was answered from the negative cache");

        // A real portal created afterwards through the same repositories is found at once.
        PaymentFixture.Tenant t = f.kenyanTenant();
        repos.portals().create(new com.wispbill.domain.payment.Portal("made-up-portal-2", t.id(), t.routerId(), f.clock.instant()));
        assertEquals(200, portal.handleRequest(plans("made-up-portal-2"), null).getStatusCode());
    }

    @Test
    void aMadeUpResellerIdTwiceCostsOneSecretsManagerCall() {
        CountingHttpClient counter = new CountingHttpClient(SignedAwsClient.httpClient(SignedAwsClient.Options.standard()));
        SecretsManagerApi counted = secretsManagerThrough(counter);
        SecretsManagerCredentials credentials = new SecretsManagerCredentials(counted);

        assertTrue(credentials.find("made-up-reseller", PaymentProvider.MPESA).isEmpty());
        assertTrue(credentials.find("made-up-reseller", PaymentProvider.MPESA).isEmpty());
        assertEquals(1, counter.count("GetSecretValue"));

        // Through the webhook route: a path token naming a made-up reseller, twice.
        WebhookProcessor webhook = new WebhookProcessor(f.adapters, credentials, f.repos, f.settlement, f.security, f.clock);
        String token = "another-made-up-reseller." + "ab".repeat(32);
        webhook.handle("paystack", token, new com.wispbill.payment.provider.WebhookRequest(Map.of(), "{}".getBytes()));
        webhook.handle("paystack", token, new com.wispbill.payment.provider.WebhookRequest(Map.of(), "{}".getBytes()));
        assertEquals(2, counter.count("GetSecretValue"), "one more call for the second made-up reseller, not two");
    }

    @Test
    void aMadeUpPathTokenOfARealResellerReadsItsSecretAgainAtMostOnceInAWhile() {
        CountingHttpClient counter = new CountingHttpClient(SignedAwsClient.httpClient(SignedAwsClient.Options.standard()));
        SecretsManagerApi counted = secretsManagerThrough(counter);
        SecretsManagerCredentials credentials = new SecretsManagerCredentials(counted,
                new com.wispbill.payment.provider.ProductionStage("test"), f.clock);
        PaymentFixture.Tenant t = f.kenyanTenant();
        String madeUp = com.wispbill.domain.payment.CallbackPathTokens.newToken(t.id());
        PaybillCallbacks paybill = new PaybillCallbacks(credentials, f.paybill, f.security);
        byte[] confirmation = ("{\"TransID\": \"MADEUP0001\", \"TransAmount\": \"50.00\", \"BusinessShortCode\": \""
                + t.credentials().get(PaymentProvider.MPESA).require("shortCode") + "\", \"BillRefNumber\": \"acct\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(404, paybill.handle(madeUp, "confirmation", confirmation).status());
        assertEquals(2, counter.count("GetSecretValue"), "the secret read, then read once more for the token it lacks");
        assertEquals(404, paybill.handle(madeUp, "confirmation", confirmation).status());
        WebhookProcessor webhook = new WebhookProcessor(f.adapters, credentials, f.repos, f.settlement, f.security, f.clock);
        assertEquals(f.adapters.get(PaymentProvider.MPESA).rejectedStatus(), webhook.handle("mpesa", madeUp,
                new com.wispbill.payment.provider.WebhookRequest(Map.of(), "{}".getBytes())).status());
        assertEquals(2, counter.count("GetSecretValue"), "made-up tokens again soon after: answered from the cache");

        f.clock.advance(SecretsManagerCredentials.READ_AGAIN_AT_MOST_EVERY);
        assertEquals(404, paybill.handle(madeUp, "confirmation", confirmation).status());
        assertEquals(3, counter.count("GetSecretValue"), "a while later a mismatch may read the secret once more");
    }

    @Test
    void removedKeysAreReadAgainForACallbackAtMostOnceInAWhileAndAMadeUpResellerNever() {
        CountingHttpClient counter = new CountingHttpClient(SignedAwsClient.httpClient(SignedAwsClient.Options.standard()));
        SecretsManagerCredentials credentials = new SecretsManagerCredentials(secretsManagerThrough(counter),
                new com.wispbill.payment.provider.ProductionStage("test"), f.clock);
        PaybillCallbacks paybill = new PaybillCallbacks(credentials, f.paybill, f.security);
        byte[] confirmation = "{\"TransID\": \"REMOVED0001\", \"TransAmount\": \"50.00\", \"BusinessShortCode\": \"123456\", \"BillRefNumber\": \"acct\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        // A reseller whose keys were removed (a tombstone is stored): "no keys" may be out of date, so read again, bounded.
        PaymentFixture.Tenant t = f.kenyanTenant();
        f.secrets.putSecretValue(b -> b.secretId(PaymentProvider.MPESA.secretName(t.id())).secretString(PaymentProvider.REMOVED_KEYS));
        String token = com.wispbill.domain.payment.CallbackPathTokens.newToken(t.id());
        assertEquals(404, paybill.handle(token, "confirmation", confirmation).status());
        assertEquals(2, counter.count("GetSecretValue"), "the removal read, then read once more for the callback");
        assertEquals(404, paybill.handle(token, "confirmation", confirmation).status());
        assertEquals(2, counter.count("GetSecretValue"), "soon after: answered from the cache");
        f.clock.advance(SecretsManagerCredentials.READ_AGAIN_AT_MOST_EVERY);
        assertEquals(404, paybill.handle(token, "confirmation", confirmation).status());
        assertEquals(3, counter.count("GetSecretValue"), "a while later: once more");

        // A reseller id with no secret at all: one read, never a forced one.
        String madeUp = com.wispbill.domain.payment.CallbackPathTokens.newToken("made-up-reseller-" + t.id());
        assertEquals(404, paybill.handle(madeUp, "confirmation", confirmation).status());
        assertEquals(4, counter.count("GetSecretValue"));
        f.clock.advance(SecretsManagerCredentials.READ_AGAIN_AT_MOST_EVERY);
        assertEquals(404, paybill.handle(madeUp, "confirmation", confirmation).status());
        assertEquals(4, counter.count("GetSecretValue"), "a missing secret is not read again before its time");
    }
}
