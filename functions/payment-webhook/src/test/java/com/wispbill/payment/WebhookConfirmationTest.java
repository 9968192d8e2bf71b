package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.payment.PaymentReview;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.ProviderStatus;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Callbacks that prove too little (Midtrans signs order, status code and amount but not the status;
 * M-Pesa signs nothing) change a payment only once the provider's query API reports the same outcome.
 */
class WebhookConfirmationTest {
    private static final Currency IDR = Currency.getInstance("IDR");
    private final PaymentFixture f = PaymentFixture.get();

    /** Acknowledged (the provider must not retry a notification we will never apply), one security line, no write. */
    private void changesNothing(Tenant t, Callback callback) {
        List<Map<String, AttributeValue>> before = f.everything();
        int logged = f.security.forReseller(t.id()).size();
        assertEquals(200, callback.deliver().status());
        assertEquals(before, f.everything(), "nothing written");
        assertEquals(logged + 1, f.security.forReseller(t.id()).size(), "a security log line");
    }

    private static Callback relabelled(Callback settlement, String status) {
        Callback changed = settlement.withBody(settlement.bodyText()
                .replace("\"transaction_status\":\"settlement\"", "\"transaction_status\":\"" + status + "\""));
        assertNotEquals(settlement.bodyText(), changed.bodyText());
        return changed;
    }

    @Test
    void aMidtransSettlementRelabelledCancelExpireDenyOrRefundChangesNothingAndTheGenuineOutcomesApply() {
        Tenant t = f.tenant("IDR", 5_000_000);
        String paymentId = f.startPurchase(t, PaymentProvider.MIDTRANS, "+6281234500201");
        String reference = f.referenceOf(t, paymentId);
        Callback settlement = f.simulator.pay(reference);

        // The signature still matches: status_code 200 and the amount are the same for these statuses.
        for (String status : List.of("cancel", "expire", "deny", "refund")) {
            changesNothing(t, relabelled(settlement, status));
            assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), paymentId).status(), status);
        }

        assertEquals(200, settlement.deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
        assertTrue(f.repos.grants().find(t.id(), paymentId).isPresent());
        Money balance = f.balance(t.id(), IDR);
        assertTrue(balance.isPositive());

        for (String status : List.of("refund", "cancel", "deny")) {
            changesNothing(t, relabelled(settlement, status));
            assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status(), status);
            assertEquals(balance, f.balance(t.id(), IDR), "no refund booked for a relabelled " + status);
        }
        assertEquals(List.of(), f.repos.reviews().list(t.id(), PageRequest.firstPage()).items(), "nothing flagged either");

        // The merchant really refunds: the status API says so, the refund is booked and flagged.
        assertEquals(200, f.simulator.refund(reference).deliver().status());
        assertEquals(PaymentStatus.REFUNDED, f.repos.payments().get(t.id(), paymentId).status());
        assertEquals(PaymentReview.Reason.REFUNDED_AFTER_GRANT,
                f.repos.reviews().list(t.id(), PageRequest.firstPage()).items().get(0).reason());

        // A genuine expiry is confirmed by the status API and closes its payment.
        String expiring = f.startPurchase(t, PaymentProvider.MIDTRANS, "+6281234500202");
        assertEquals(200, f.simulator.decline(f.referenceOf(t, expiring), ProviderStatus.EXPIRED).deliver().status());
        assertEquals(PaymentStatus.CANCELLED, f.repos.payments().get(t.id(), expiring).status());
    }

    @Test
    void anMpesaFailureIsAppliedOnlyOnceTheStkQueryConfirmsIt() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.MPESA, "+254713000201");
        String reference = f.referenceOf(t, paymentId);
        Callback paid = f.simulator.pay(reference);
        String cancelled = "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"29115-1\",\"CheckoutRequestID\":\"" + reference
                + "\",\"ResultCode\":1032,\"ResultDesc\":\"Request cancelled by user\"}}}";
        String timedOut = cancelled.replace("1032", "1037").replace("Request cancelled by user", "DS timeout user cannot be reached");

        // Daraja's query says the customer paid: a failure callback on the secret URL is not believed.
        changesNothing(t, paid.withBody(cancelled));
        changesNothing(t, paid.withBody(timedOut));
        assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), paymentId).status());

        assertEquals(200, paid.deliver().status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
        // Daraja redelivers the success: answered from the event record, without asking Daraja again.
        long queries = f.simulator.requests("stkpushquery");
        List<Map<String, AttributeValue>> settled = f.everything();
        assertEquals(200, paid.deliver().status());
        assertEquals(queries, f.simulator.requests("stkpushquery"), "no STK query for a redelivered success");
        assertEquals(settled, f.everything(), "nothing written");

        // While Daraja is still processing, a failure waits for the reconciler too.
        String waiting = f.startPurchase(t, PaymentProvider.MPESA, "+254713000202");
        String waitingReference = f.referenceOf(t, waiting);
        changesNothing(t, paid.withBody(cancelled.replace(reference, waitingReference)));
        assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), waiting).status());

        // The customer really cancels: the query confirms 1032 and the payment closes.
        assertEquals(200, f.simulator.decline(waitingReference, ProviderStatus.CANCELLED).deliver().status());
        assertEquals(PaymentStatus.CANCELLED, f.repos.payments().get(t.id(), waiting).status());
    }
}
