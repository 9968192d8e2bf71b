package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.Signing;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Forged, altered, stale or mismatched callbacks grant nothing and write nothing but a security log
 * entry; each answer is what that provider needs (docs/payments.md).
 */
class WebhookSecurityTest {
    private final PaymentFixture f = PaymentFixture.get();

    /** Runs {@code delivery} and checks: the expected status, a security log entry, and not one item written. */
    private void refusedAndNothingWritten(Tenant t, String paymentId, int expectedStatus, Supplier<Callback.Delivery> delivery) {
        List<Map<String, AttributeValue>> before = f.everything();
        int logged = f.security.forReseller(t.id()).size();
        Callback.Delivery reply = delivery.get();
        assertEquals(expectedStatus, reply.status(), reply.body());
        assertEquals(logged + 1, f.security.forReseller(t.id()).size(), "a security log entry");
        assertEquals(before, f.everything(), "nothing written");
        assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), paymentId).status());
        assertTrue(f.repos.grants().find(t.id(), paymentId).isEmpty());
    }

    @Test
    void paystackBadSignatureAndAlteredBodyAreRefusedWith401() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.PAYSTACK, "+254711000001");
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));

        refusedAndNothingWritten(t, paymentId, 401, () -> genuine.withHeader("x-paystack-signature", "0".repeat(128)).deliver());
        refusedAndNothingWritten(t, paymentId, 401, () -> genuine.withHeader("x-paystack-signature",
                Signing.paystack(genuine.body(), "sk_test_guessed")).deliver());
        // One added space: same JSON, different bytes.
        refusedAndNothingWritten(t, paymentId, 401, () -> genuine.withBody(genuine.bodyText().replaceFirst(",", ", ")).deliver());
        refusedAndNothingWritten(t, paymentId, 401, () -> genuine.withBody(genuine.bodyText() + "\n").deliver());

        assertEquals(200, genuine.deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
    }

    @Test
    void stripeTimestampToleranceIs300SecondsBothWaysAndAlteredBodiesAreRefusedWith400() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.STRIPE, "+254711000002");
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
        String secret = t.credentials().get(PaymentProvider.STRIPE).require("webhookSecret");
        long now = f.clock.instant().getEpochSecond();

        for (long skew : new long[] {301, -301}) {
            long ts = now + skew;
            refusedAndNothingWritten(t, paymentId, 400, () -> genuine.withHeader("Stripe-Signature",
                    "t=" + ts + ",v1=" + Signing.stripe(ts, genuine.body(), secret)).deliver());
        }
        refusedAndNothingWritten(t, paymentId, 400, () -> genuine.withBody(genuine.bodyText().replace("\"livemode\":false",
                "\"livemode\": false")).deliver());
        refusedAndNothingWritten(t, paymentId, 400, () -> genuine.withHeader("Stripe-Signature",
                "t=" + now + ",v1=" + Signing.stripe(now, genuine.body(), "whsec_other")).deliver());

        // 299 s early is fine; a rotation sends several v1 values and one matching is enough.
        long early = now - 299;
        assertEquals(200, genuine.withHeader("Stripe-Signature", "t=" + early + ",v1=" + "ab".repeat(32)
                + ",v1=" + Signing.stripe(early, genuine.body(), secret)).deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
    }

    @Test
    void stripeAccepts299SecondsLate() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.STRIPE, "+254711000003");
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
        String secret = t.credentials().get(PaymentProvider.STRIPE).require("webhookSecret");
        long late = f.clock.instant().getEpochSecond() + 299;
        assertEquals(200, genuine.withHeader("Stripe-Signature", "t=" + late + ",v1=" + Signing.stripe(late, genuine.body(), secret))
                .deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
    }

    @Test
    void mpesaCallbackOnAWrongPathTokenIsRefusedWith404() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.MPESA, "+254711000004");
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
        String token = t.token(PaymentProvider.MPESA);
        String wrong = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");

        refusedAndNothingWritten(t, paymentId, 404, () -> genuine.withUrl(URI.create(f.api + "/webhooks/mpesa/" + wrong)).deliver());
        // Another reseller's valid token does not open this reseller's payments either.
        Tenant other = f.kenyanTenant();
        List<Map<String, AttributeValue>> before = f.everything();
        assertEquals(200, genuine.withUrl(URI.create(f.api + "/webhooks/mpesa/" + other.token(PaymentProvider.MPESA))).deliver().status());
        assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), paymentId).status());
        assertTrue(f.repos.grants().find(t.id(), paymentId).isEmpty());
        assertEquals(2, f.everything().size() - before.size(), "only the other reseller's review record and its alert (outbox)");

        assertEquals(200, genuine.deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
    }

    @Test
    void midtransBadSignatureIsRefusedWith401() {
        Tenant t = f.tenant("IDR", 5_000_000);
        String paymentId = f.startPurchase(t, PaymentProvider.MIDTRANS, "+6281234567890");
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
        refusedAndNothingWritten(t, paymentId, 401, () -> genuine.withBody(genuine.bodyText()
                .replace("\"status_code\":\"200\"", "\"status_code\":\"201\"")).deliver());
        refusedAndNothingWritten(t, paymentId, 401, () -> genuine.withBody(genuine.bodyText()
                .replaceFirst("\"signature_key\":\"[0-9a-f]{4}", "\"signature_key\":\"0000")).deliver());
        assertEquals(200, genuine.deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
    }
}
