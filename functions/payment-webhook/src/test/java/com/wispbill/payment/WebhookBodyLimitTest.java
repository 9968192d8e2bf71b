package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.Signing;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Callback bodies over 64 KiB are refused with 413 before they are parsed or any secret is looked up
 * (the credentials source is counted), and nothing is written; the same callback at its real size
 * still grants.
 */
class WebhookBodyLimitTest {
    private static final int ONE_MIB = 1024 * 1024;
    private final PaymentFixture f = PaymentFixture.get();

    /** The body grown to {@code size} bytes with JSON whitespace before its last brace: the same JSON. */
    private static String padded(Callback callback, int size) {
        String body = callback.bodyText();
        int close = body.lastIndexOf('}');
        return body.substring(0, close) + " ".repeat(size - body.getBytes(StandardCharsets.UTF_8).length) + body.substring(close);
    }

    /** Signed again the way the provider signs, so only the size is wrong. */
    private Callback resigned(Tenant t, PaymentProvider provider, Callback genuine, String body) {
        Callback changed = genuine.withBody(body);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return switch (provider) {
            case PAYSTACK -> changed.withHeader("x-paystack-signature",
                    Signing.paystack(bytes, t.credentials().get(provider).require("secretKey")));
            case STRIPE -> {
                long now = f.clock.instant().getEpochSecond();
                yield changed.withHeader("Stripe-Signature", "t=" + now + ",v1="
                        + Signing.stripe(now, bytes, t.credentials().get(provider).require("webhookSecret")));
            }
            // Midtrans signs fields (unchanged by whitespace); M-Pesa signs nothing.
            case MIDTRANS, MPESA -> changed;
        };
    }

    private void refusedUnread(Tenant t, String paymentId, Supplier<Integer> delivery) {
        List<Map<String, AttributeValue>> before = f.everything();
        int lookups = f.webhookCredentialLookups.get();
        int logged = f.security.forReseller(t.id()).size();

        assertEquals(413, delivery.get());

        assertEquals(lookups, f.webhookCredentialLookups.get(), "no secret looked up");
        assertEquals(before, f.everything(), "nothing written");
        assertEquals(logged + 1, f.security.forReseller(t.id()).size(), "a security log line");
        assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), paymentId).status());
    }

    @Test
    void aSignedCallbackOfOneMebibyteIsRefusedWith413ByEveryProviderRouteAndTheGenuineOneStillGrants() {
        Tenant kenyan = f.kenyanTenant();
        Tenant indonesian = f.tenant("IDR", 5_000_000);
        Map<PaymentProvider, Tenant> tenants = Map.of(PaymentProvider.MPESA, kenyan, PaymentProvider.PAYSTACK, kenyan,
                PaymentProvider.STRIPE, kenyan, PaymentProvider.MIDTRANS, indonesian);
        int phone = 0;
        for (PaymentProvider provider : PaymentProvider.values()) {
            Tenant t = tenants.get(provider);
            String paymentId = f.startPurchase(t, provider, provider == PaymentProvider.MIDTRANS
                    ? "+628123450010" + phone++ : "+25471300001" + phone++);
            Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
            Callback huge = resigned(t, provider, genuine, padded(genuine, ONE_MIB));

            refusedUnread(t, paymentId, () -> huge.deliver().status());

            assertEquals(200, genuine.deliver().status(), provider.name());
            assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status(), provider.name());
        }
    }

    @Test
    void theLimitIs64KibExactly() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.PAYSTACK, "+254713000020");
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));

        Callback oneByteOver = resigned(t, PaymentProvider.PAYSTACK, genuine, padded(genuine, WebhookProcessor.MAX_BODY_BYTES + 1));
        refusedUnread(t, paymentId, () -> oneByteOver.deliver().status());

        Callback atTheLimit = resigned(t, PaymentProvider.PAYSTACK, genuine, padded(genuine, WebhookProcessor.MAX_BODY_BYTES));
        assertEquals(200, atTheLimit.deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
    }

    @Test
    void aBase64EncodedBodyIsMeasuredWithoutDecodingIt() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.MPESA, "+254713000021");
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setPathParameters(Map.of("provider", "mpesa", "pathToken", t.token(PaymentProvider.MPESA)));
        event.setIsBase64Encoded(true);
        event.setBody(Base64.getEncoder().encodeToString(padded(genuine, ONE_MIB).getBytes(StandardCharsets.UTF_8)));

        refusedUnread(t, paymentId, () -> new PaymentWebhookHandler(f.webhook).handleRequest(event, null).getStatusCode());
        assertTrue(f.repos.grants().find(t.id(), paymentId).isEmpty());
    }
}
