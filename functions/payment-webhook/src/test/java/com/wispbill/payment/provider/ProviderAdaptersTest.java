package com.wispbill.payment.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Plan;
import com.wispbill.domain.ValidationException;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.local.providers.ProviderStatus;
import com.wispbill.local.providers.Signing;
import com.wispbill.payment.provider.ProviderUpdate.Outcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each adapter against its local stand-in: request formats, answers, callbacks, timeouts. No stack needed. */
class ProviderAdaptersTest {
    private static final Instant NOW = Instant.parse("2026-11-22T11:05:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final URI WEBHOOK = URI.create("http://127.0.0.1:9/webhooks");
    private static ProviderSimulator sim;
    private static ProviderAdapters adapters;

    private static final ProviderCredentials MPESA = new ProviderCredentials(Map.of("consumerKey", "ck1", "consumerSecret", "cs1",
            "shortCode", "174379", "passkey", "pk1", "callbackPathToken", "t"));
    private static final ProviderCredentials PAYSTACK = new ProviderCredentials(Map.of("secretKey", "sk_test_1", "callbackPathToken", "t"));
    private static final ProviderCredentials STRIPE = new ProviderCredentials(Map.of("secretKey", "sk_test_2",
            "webhookSecret", "whsec_new, whsec_old", "callbackPathToken", "t"));
    private static final ProviderCredentials MIDTRANS = new ProviderCredentials(Map.of("serverKey", "SB-Mid-server-1", "callbackPathToken", "t"));

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(CLOCK);
        sim.mpesaMerchant("ck1", "cs1", "174379", "pk1").paystackMerchant("sk_test_1", WEBHOOK)
                .stripeMerchant("sk_test_2", WEBHOOK, "whsec_old").midtransMerchant("SB-Mid-server-1", WEBHOOK);
        adapters = ProviderAdapters.create(ProviderAdapters.Endpoints.under(sim.mpesaBaseUrl(), sim.paystackBaseUrl(),
                sim.stripeBaseUrl(), sim.midtransBaseUrl()), new ProviderHttp(Duration.ofSeconds(1), Duration.ofMillis(800)), CLOCK);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static Payment payment(PaymentProvider provider, String currency, long price, String phone) {
        Plan plan = Plan.builder().id("plan-1").resellerId("res-1").name("Daily 1GB").price(Money.of(price, currency))
                .validity(Duration.ofHours(24)).createdAt(NOW).build();
        return Payment.forVoucher("res-1", phone, plan, provider, "router-1", CLOCK);
    }

    private static PaymentRequest request(Payment payment) {
        return new PaymentRequest(payment, "Daily 1GB", URI.create("http://127.0.0.1:9/webhooks/mpesa/t"),
                URI.create("http://hotspot.lan/status"), Optional.of("customer@example.com"));
    }

    private static WebhookRequest received(Callback callback) {
        return new WebhookRequest(callback.headers(), callback.body());
    }

    @Test
    void mpesaStkPushQueryAndCallback() {
        ProviderAdapter mpesa = adapters.get(PaymentProvider.MPESA);
        Payment payment = payment(PaymentProvider.MPESA, "KES", 5000, "+254712345678");
        Initiation started = mpesa.initiate(request(payment), MPESA);
        assertTrue(started.reference().startsWith("ws_CO_"));
        assertEquals(50 * 100, sim.transaction(started.reference()).orElseThrow().amountMinor());
        Payment sent = payment.withProviderReference(started.reference(), CLOCK);

        assertEquals(Outcome.PENDING, mpesa.query(sent, MPESA).outcome(), "Daraja: the transaction is being processed");
        ProviderUpdate callback = mpesa.read(received(sim.pay(started.reference())));
        assertEquals(Outcome.SUCCEEDED, callback.outcome());
        assertEquals(Optional.of(Money.of(5000, "KES")), callback.amount());
        assertTrue(callback.receipt().isPresent());
        assertEquals(Outcome.SUCCEEDED, mpesa.query(sent, MPESA).outcome());
        assertEquals(1, sim.requests("/oauth/v1/generate"), "the access token is reused");

        Payment other = payment(PaymentProvider.MPESA, "KES", 5000, "+254712345679");
        String ref = mpesa.initiate(request(other), MPESA).reference();
        assertEquals(Outcome.CANCELLED, mpesa.read(received(sim.decline(ref, ProviderStatus.CANCELLED))).outcome());
        assertEquals(Outcome.CANCELLED, mpesa.query(other.withProviderReference(ref, CLOCK), MPESA).outcome());
        String third = mpesa.initiate(request(payment(PaymentProvider.MPESA, "KES", 5000, "+254712345670")), MPESA).reference();
        assertEquals(Outcome.FAILED, mpesa.read(received(sim.decline(third, ProviderStatus.TIMED_OUT))).outcome(), "1037 timeout");
    }

    @Test
    void mpesaRefusesWhatDarajaCannotCollect() {
        ProviderAdapter mpesa = adapters.get(PaymentProvider.MPESA);
        assertThrows(ValidationException.class, () -> mpesa.initiate(request(payment(PaymentProvider.MPESA, "KES", 5050, "+254712345678")), MPESA));
        assertThrows(ValidationException.class, () -> mpesa.initiate(request(payment(PaymentProvider.MPESA, "KES", 5000, "+14155550100")), MPESA));
        ProviderCredentials wrong = new ProviderCredentials(Map.of("consumerKey", "ck1", "consumerSecret", "cs1",
                "shortCode", "174379", "passkey", "wrong", "callbackPathToken", "t"));
        assertThrows(ProviderRejectedException.class, () -> mpesa.initiate(request(payment(PaymentProvider.MPESA, "KES", 5000, "+254712345678")), wrong));
    }

    @Test
    void paystackInitializeVerifyAndSignedCallback() {
        ProviderAdapter paystack = adapters.get(PaymentProvider.PAYSTACK);
        Payment payment = payment(PaymentProvider.PAYSTACK, "NGN", 250000, "+2348031234567");
        Initiation started = paystack.initiate(request(payment), PAYSTACK);
        assertEquals(payment.id(), started.reference());
        assertTrue(started.checkoutUrl().orElseThrow().startsWith("https://checkout.paystack.com/"));
        Payment sent = payment.withProviderReference(started.reference(), CLOCK);
        assertEquals(Outcome.PENDING, paystack.query(sent, PAYSTACK).outcome(), "abandoned so far");

        Callback callback = sim.pay(started.reference());
        assertTrue(paystack.verify(received(callback), PAYSTACK, NOW).verified());
        assertFalse(paystack.verify(received(callback.withBody(callback.bodyText() + " ")), PAYSTACK, NOW).verified());
        ProviderUpdate update = paystack.read(received(callback));
        assertEquals(Optional.of(Money.of(250000, "NGN")), update.amount());
        assertEquals(Optional.of(Money.of(3750, "NGN")), update.fee());
        assertEquals(Outcome.SUCCEEDED, paystack.query(sent, PAYSTACK).outcome());
    }

    @Test
    void stripeSessionsAndSignaturesWithRotationAndTolerance() {
        ProviderAdapter stripe = adapters.get(PaymentProvider.STRIPE);
        Payment payment = payment(PaymentProvider.STRIPE, "USD", 500, "+14155550100");
        Initiation started = stripe.initiate(request(payment), STRIPE);
        assertTrue(started.reference().startsWith("cs_"));
        Payment sent = payment.withProviderReference(started.reference(), CLOCK);
        assertEquals(Outcome.PENDING, stripe.query(sent, STRIPE).outcome());

        Callback callback = sim.pay(started.reference());
        assertTrue(stripe.verify(received(callback), STRIPE, NOW).verified(), "signed with the old secret, still ours");
        assertTrue(stripe.verify(received(callback), STRIPE, NOW.plusSeconds(300)).verified());
        assertFalse(stripe.verify(received(callback), STRIPE, NOW.plusSeconds(301)).verified());
        assertFalse(stripe.verify(received(callback), STRIPE, NOW.minusSeconds(301)).verified());
        long t = NOW.getEpochSecond();
        assertFalse(stripe.verify(received(callback.withHeader("Stripe-Signature", "t=" + t + ",v0="
                + Signing.stripe(t, callback.body(), "whsec_old"))), STRIPE, NOW).verified(), "v0 is not a signature scheme we accept");
        assertFalse(stripe.verify(received(callback.withHeader("Stripe-Signature", "v1=" + Signing.stripe(t, callback.body(), "whsec_old"))),
                STRIPE, NOW).verified(), "no timestamp");
        assertEquals(Outcome.SUCCEEDED, stripe.read(received(callback)).outcome());
        assertEquals(Outcome.SUCCEEDED, stripe.query(sent, STRIPE).outcome());
        ProviderUpdate refund = stripe.read(received(sim.refund(started.reference())));
        assertEquals(Outcome.REFUNDED, refund.outcome());
        assertEquals(Optional.of(payment.id()), refund.paymentId());
    }

    @Test
    void midtransSnapStatusAndSignatureKey() {
        ProviderAdapter midtrans = adapters.get(PaymentProvider.MIDTRANS);
        Payment payment = payment(PaymentProvider.MIDTRANS, "IDR", 5_000_000, "+6281234567890");
        Initiation started = midtrans.initiate(request(payment), MIDTRANS);
        assertEquals(payment.id(), started.reference());
        Payment sent = payment.withProviderReference(started.reference(), CLOCK);
        assertEquals(Outcome.PENDING, midtrans.query(sent, MIDTRANS).outcome());
        Callback callback = sim.pay(started.reference());
        assertTrue(midtrans.verify(received(callback), MIDTRANS, NOW).verified());
        assertFalse(midtrans.verify(received(callback), new ProviderCredentials(Map.of("serverKey", "other")), NOW).verified());
        ProviderUpdate update = midtrans.read(received(callback));
        assertEquals(Outcome.SUCCEEDED, update.outcome());
        assertEquals(Optional.of(Money.of(5_000_000, "IDR")), update.amount());
        assertEquals(Outcome.SUCCEEDED, midtrans.query(sent, MIDTRANS).outcome());
    }

    @Test
    void aSlowOrUnreachableProviderFailsFastAsUnavailable() {
        Payment payment = payment(PaymentProvider.PAYSTACK, "NGN", 250000, "+2348031234567");
        sim.responseDelay(Duration.ofSeconds(3));
        try {
            long start = System.nanoTime();
            assertThrows(ProviderUnavailableException.class, () -> adapters.get(PaymentProvider.PAYSTACK).initiate(request(payment), PAYSTACK));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0, "the read timeout cut it short");
        } finally {
            sim.responseDelay(Duration.ZERO);
        }
        ProviderAdapters nowhere = ProviderAdapters.create(ProviderAdapters.Endpoints.under(URI.create("http://127.0.0.1:9"),
                URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9")), new ProviderHttp(), CLOCK);
        assertThrows(ProviderUnavailableException.class, () -> nowhere.get(PaymentProvider.STRIPE)
                .initiate(request(payment(PaymentProvider.STRIPE, "USD", 500, "+14155550100")), STRIPE));
    }
}
