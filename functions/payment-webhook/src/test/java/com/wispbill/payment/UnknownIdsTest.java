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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

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
        CallCounter counter = new CallCounter();
        SecretsManagerClient counted = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
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
}
