package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.payment.PaymentReview;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.Signing;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A correctly signed success whose amount is not exactly the order's (out of range, fractional, a
 * string, missing, negative, another or no currency) grants nothing, answers 2xx (a retry cannot make
 * it right), leaves a review item that reaches the reseller's open alerts, and a security log line.
 * The genuine notification for the same payment still grants afterwards.
 */
class WebhookAmountTest {
    private static final AtomicInteger PHONES = new AtomicInteger();
    private final PaymentFixture f = PaymentFixture.get();

    private static ObjectNode json(Callback callback) {
        try {
            return (ObjectNode) Json.LENIENT.readTree(callback.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.LENIENT.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The genuine callback with its JSON changed by {@code change}, signed again as the provider signs. */
    private Callback altered(Tenant t, PaymentProvider provider, Callback genuine, Consumer<ObjectNode> change) {
        ObjectNode root = json(genuine);
        change.accept(root);
        var credentials = t.credentials().get(provider);
        if (provider == PaymentProvider.MIDTRANS) {
            root.put("signature_key", Signing.midtrans(root.path("order_id").asText(), root.path("status_code").asText(),
                    root.path("gross_amount").asText(""), credentials.require("serverKey")));
        }
        byte[] body = bytes(root);
        Callback changed = genuine.withBody(new String(body, StandardCharsets.UTF_8));
        return switch (provider) {
            case PAYSTACK -> changed.withHeader("x-paystack-signature", Signing.paystack(body, credentials.require("secretKey")));
            case STRIPE -> {
                long now = f.clock.instant().getEpochSecond();
                yield changed.withHeader("Stripe-Signature", "t=" + now + ",v1="
                        + Signing.stripe(now, body, credentials.require("webhookSecret")));
            }
            case MPESA, MIDTRANS -> changed;
        };
    }

    private String phone(PaymentProvider provider) {
        int n = PHONES.incrementAndGet();
        return provider == PaymentProvider.MIDTRANS ? String.format("+62812345%05d", n) : String.format("+254714%06d", n);
    }

    /** One fresh payment per case: the bad success is refused for review, then the genuine one grants. */
    private void refusedForReview(Tenant t, PaymentProvider provider, String what, Consumer<ObjectNode> change) {
        String paymentId = f.startPurchase(t, provider, phone(provider));
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
        Callback bad = altered(t, provider, genuine, change);
        int logged = f.security.forReseller(t.id()).size();

        assertEquals(200, bad.deliver().status(), provider + " " + what);

        assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), paymentId).status(), provider + " " + what);
        assertTrue(f.repos.grants().find(t.id(), paymentId).isEmpty(), provider + " " + what + ": no grant");
        List<PaymentReview> reviews = f.repos.reviews().list(t.id(), PageRequest.first(100)).items().stream()
                .filter(r -> r.paymentId().equals(java.util.Optional.of(paymentId))).toList();
        assertEquals(1, reviews.size(), provider + " " + what + ": one review item");
        assertEquals(PaymentReview.Reason.AMOUNT_MISMATCH, reviews.get(0).reason(), provider + " " + what);
        assertTrue(f.security.forReseller(t.id()).stream().skip(logged)
                .anyMatch(e -> e.reason().contains(paymentId) && e.reason().contains("review")), provider + " " + what
                + ": a security log line");
        assertOnTheDashboard(t, reviews.get(0));

        assertEquals(200, genuine.deliver().status(), provider + " " + what + ": the genuine notification");
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status(), provider + " " + what);
    }

    /**
     * The review's alert went to the notifier's queue; applied as the notifier applies alerts, it is one of
     * the reseller's open alerts, which {@code GET /v1/dashboard/alerts} lists.
     */
    private void assertOnTheDashboard(Tenant t, PaymentReview review) {
        List<String> sent = f.messages("NotificationsQueue", review.alert().alertId());
        assertEquals(1, sent.size(), "the review's alert was sent once");
        Alert alert = MessageCodec.decodeAlert(sent.get(0));
        DynamoAlertRepository alerts = new DynamoAlertRepository(f.dynamo, f.tables.entityTable());
        alerts.apply(alert);
        assertTrue(alerts.openAlerts(t.id()).stream().anyMatch(a -> a.key().equals(alert.key())
                && a.subject().contains(review.paymentId().orElseThrow())), "open on the reseller's dashboard");
    }

    private static BigInteger tenToThe20() {
        return BigInteger.TEN.pow(20);
    }

    @Test
    void paystack() {
        Tenant t = f.kenyanTenant();
        PaymentProvider p = PaymentProvider.PAYSTACK;
        refusedForReview(t, p, "10^20", b -> ((ObjectNode) b.get("data")).put("amount", tenToThe20()));
        refusedForReview(t, p, "5000.5", b -> ((ObjectNode) b.get("data")).put("amount", new BigDecimal("5000.5")));
        refusedForReview(t, p, "\"5000\"", b -> ((ObjectNode) b.get("data")).put("amount", "5000"));
        refusedForReview(t, p, "no amount", b -> ((ObjectNode) b.get("data")).remove("amount"));
        refusedForReview(t, p, "-5000", b -> ((ObjectNode) b.get("data")).put("amount", -5000));
        refusedForReview(t, p, "another amount", b -> ((ObjectNode) b.get("data")).put("amount", 500));
        refusedForReview(t, p, "no currency", b -> ((ObjectNode) b.get("data")).remove("currency"));
        refusedForReview(t, p, "another currency", b -> ((ObjectNode) b.get("data")).put("currency", "USD"));
        // Paystack documents upper-case codes: "usd" (which used to end in a 500) is not read as a currency.
        refusedForReview(t, p, "lower-case currency", b -> ((ObjectNode) b.get("data")).put("currency", "usd"));
    }

    @Test
    void stripe() {
        Tenant t = f.kenyanTenant();
        PaymentProvider p = PaymentProvider.STRIPE;
        refusedForReview(t, p, "10^20", b -> session(b).put("amount_total", tenToThe20()));
        refusedForReview(t, p, "5000.5", b -> session(b).put("amount_total", new BigDecimal("5000.5")));
        refusedForReview(t, p, "\"5000\"", b -> session(b).put("amount_total", "5000"));
        refusedForReview(t, p, "no amount", b -> session(b).remove("amount_total"));
        refusedForReview(t, p, "-5000", b -> session(b).put("amount_total", -5000));
        refusedForReview(t, p, "no currency", b -> session(b).remove("currency"));
        refusedForReview(t, p, "another currency", b -> session(b).put("currency", "usd"));
        refusedForReview(t, p, "not a currency", b -> session(b).put("currency", "shillings"));

        // Stripe documents lower case ("kes"); an upper-case code is the same currency.
        String paymentId = f.startPurchase(t, PaymentProvider.STRIPE, phone(PaymentProvider.STRIPE));
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
        assertEquals("kes", session(json(genuine)).path("currency").asText());
        assertEquals(200, altered(t, PaymentProvider.STRIPE, genuine, b -> session(b).put("currency", "KES")).deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
    }

    private static ObjectNode session(ObjectNode event) {
        return (ObjectNode) event.get("data").get("object");
    }

    @Test
    void mpesa() {
        // Daraja's Amount is whole shillings (documented as 1.00: a zero fraction is whole); it sends no
        // currency, the push is in KES. A refused callback leaves the payment to the reconciler's query.
        Tenant t = f.kenyanTenant();
        PaymentProvider p = PaymentProvider.MPESA;
        refusedForReview(t, p, "10^20", b -> amountItem(b).put("Value", tenToThe20()));
        // 11 bytes that would be 10^8 digits once expanded: refused from its size, not computed.
        refusedForReview(t, p, "1e99999999", b -> amountItem(b).put("Value", new BigDecimal("1e99999999")));
        refusedForReview(t, p, "50.5", b -> amountItem(b).put("Value", new BigDecimal("50.5")));
        refusedForReview(t, p, "\"50\"", b -> amountItem(b).put("Value", "50"));
        refusedForReview(t, p, "no amount", b -> items(b).remove(0));
        refusedForReview(t, p, "-50", b -> amountItem(b).put("Value", -50));
        refusedForReview(t, p, "another amount", b -> amountItem(b).put("Value", 5));

        String paymentId = f.startPurchase(t, p, phone(p));
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
        assertEquals(200, altered(t, p, genuine, b -> amountItem(b).put("Value", new BigDecimal("50.00"))).deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status(), "50.00 is 50 shillings");

        // The callback is not believed, the provider's own answer is: the reconciler grants a real payment.
        String lost = f.startPurchase(t, p, phone(p));
        Callback paid = f.simulator.pay(f.referenceOf(t, lost));
        assertEquals(200, altered(t, p, paid, b -> amountItem(b).put("Value", "50")).deliver().status());
        assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), lost).status());
        f.clock.advance(Duration.ofMinutes(4));
        f.reconciler.run();
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), lost).status());
    }

    private static ArrayNode items(ObjectNode callback) {
        return (ArrayNode) callback.get("Body").get("stkCallback").get("CallbackMetadata").get("Item");
    }

    private static ObjectNode amountItem(ObjectNode callback) {
        ObjectNode item = (ObjectNode) items(callback).get(0);
        assertEquals("Amount", item.path("Name").asText());
        return item;
    }

    @Test
    void midtrans() {
        // gross_amount is a string of whole rupiah ("50000.00") and is signed; currency "IDR".
        Tenant t = f.tenant("IDR", 5_000_000);
        PaymentProvider p = PaymentProvider.MIDTRANS;
        refusedForReview(t, p, "10^20", b -> b.put("gross_amount", tenToThe20() + ".00"));
        refusedForReview(t, p, "50000.5", b -> b.put("gross_amount", "50000.50"));
        refusedForReview(t, p, "a number, not a string", b -> b.put("gross_amount", 50000));
        refusedForReview(t, p, "no amount", b -> b.remove("gross_amount"));
        refusedForReview(t, p, "-50000", b -> b.put("gross_amount", "-50000.00"));
        refusedForReview(t, p, "another amount", b -> b.put("gross_amount", "5000.00"));
        refusedForReview(t, p, "no currency", b -> b.remove("currency"));
        refusedForReview(t, p, "another currency", b -> b.put("currency", "USD"));
    }
}
