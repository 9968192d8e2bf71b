package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.payment.PaymentReview;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.ProviderStatus;
import com.wispbill.local.providers.Signing;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Out-of-order and missing notifications, reversals, unknown references and a crash after the commit. */
class PaymentLifecycleTest {
    private final PaymentFixture f = PaymentFixture.get();
    private static final Currency KES = Currency.getInstance("KES");

    private List<PaymentReview> reviews(Tenant t) {
        return f.repos.reviews().list(t.id(), PageRequest.firstPage()).items();
    }

    private long saleEntries(Tenant t) {
        var today = t.reseller().calendar().dateOf(f.clock.instant());
        return f.repos.ledger().entries(t.id(), today.minusDays(10), today.plusDays(10), PageRequest.firstPage()).items().stream()
                .filter(e -> e.type() == LedgerEntryType.SALE_GROSS).count();
    }

    @Test
    void aRefundThatOvertakesTheSuccessEndsRefundedAndNothingIsEverGranted() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.STRIPE, "+254722000001");
        String reference = f.referenceOf(t, paymentId);
        Callback success = f.simulator.pay(reference);
        Callback refund = f.simulator.refund(reference);

        assertEquals(200, refund.deliver().status());
        assertEquals(PaymentStatus.REFUNDED, f.repos.payments().get(t.id(), paymentId).status());
        assertEquals(200, success.deliver().status());

        assertEquals(PaymentStatus.REFUNDED, f.repos.payments().get(t.id(), paymentId).status());
        assertTrue(f.repos.grants().find(t.id(), paymentId).isEmpty(), "no grant");
        assertEquals(Money.zero(KES), f.balance(t.id(), KES));
        assertEquals(List.of(), f.messages("NotificationsQueue", paymentId));
        assertEquals(List.of(), f.messages("RouterCommandsQueue", paymentId));
    }

    @Test
    void aFailureReportedAfterSuccessIsFlaggedNotSilentlyRevoked() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.MPESA, "+254722000002");
        String reference = f.referenceOf(t, paymentId);
        assertEquals(200, f.simulator.pay(reference).deliver().status());
        Money balance = f.balance(t.id(), KES);

        Callback failure = f.simulator.decline(reference, ProviderStatus.TIMED_OUT);
        assertEquals(200, failure.deliver().status());
        assertEquals(200, failure.deliver().status());

        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
        assertTrue(f.repos.grants().find(t.id(), paymentId).isPresent(), "the grant stays");
        assertEquals(balance, f.balance(t.id(), KES));
        List<PaymentReview> flagged = reviews(t);
        assertEquals(1, flagged.size(), "flagged once, however often it is delivered");
        assertEquals(PaymentReview.Reason.FAILED_AFTER_SUCCESS, flagged.get(0).reason());
        assertEquals(paymentId, flagged.get(0).paymentId().orElseThrow());
    }

    @Test
    void aRefundAfterTheGrantIsBookedAndFlagged() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.PAYSTACK, "+254722000003");
        String reference = f.referenceOf(t, paymentId);
        assertEquals(200, f.simulator.pay(reference).deliver().status());
        assertEquals(200, f.simulator.refund(reference).deliver().status());

        assertEquals(PaymentStatus.REFUNDED, f.repos.payments().get(t.id(), paymentId).status());
        // 50.00 gross - 0.75 Paystack fee - 2.50 platform fee - 50.00 refunded.
        assertEquals(Money.of(-325, "KES"), f.balance(t.id(), KES));
        assertEquals(PaymentReview.Reason.REFUNDED_AFTER_GRANT, reviews(t).get(0).reason());
    }

    @Test
    void aLostMpesaCallbackIsGrantedByTheReconcilerOnceAndTheLateCallbackChangesNothing() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.MPESA, "+254722000004");
        Callback lost = f.simulator.pay(f.referenceOf(t, paymentId));

        f.reconciler.run();
        assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), paymentId).status(), "too young to ask about");

        f.clock.advance(Duration.ofMinutes(4));
        f.reconciler.run();
        f.reconciler.run();
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
        Money balance = f.balance(t.id(), KES);
        assertEquals(Money.of(4750, "KES"), balance);

        assertEquals(200, lost.deliver().status());
        assertEquals(balance, f.balance(t.id(), KES));
        assertEquals(1, saleEntries(t));
        assertEquals(1, f.messages("NotificationsQueue", paymentId + "-SMS").size());
        assertEquals(1, f.messages("RouterCommandsQueue", paymentId + "-RC").size());
    }

    @Test
    void theReconcilerClosesPaymentsTheProviderReportsAsNotPaid() {
        Tenant t = f.kenyanTenant();
        String cancelled = f.startPurchase(t, PaymentProvider.MPESA, "+254722000005");
        f.simulator.decline(f.referenceOf(t, cancelled), ProviderStatus.CANCELLED);
        String stillWaiting = f.startPurchase(t, PaymentProvider.MPESA, "+254722000006");

        f.clock.advance(Duration.ofMinutes(4));
        f.reconciler.run();
        assertEquals(PaymentStatus.CANCELLED, f.repos.payments().get(t.id(), cancelled).status());
        assertEquals(PaymentStatus.PENDING, f.repos.payments().get(t.id(), stillWaiting).status(), "Daraja: still processing");
        assertTrue(f.repos.grants().find(t.id(), cancelled).isEmpty());
    }

    @Test
    void whenTheProcessDiesAfterTheCommitTheRelayDeliversTheCommandAndSmsExactlyOnce() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.PAYSTACK, "+254722000007");
        Callback success = f.simulator.pay(f.referenceOf(t, paymentId));

        f.routerQueueDown.set(true);
        try {
            assertEquals(200, success.deliver().status(), "the payment is durable, so the provider gets its 2xx");
        } finally {
            f.routerQueueDown.set(false);
        }
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
        assertEquals(List.of(), f.messages("RouterCommandsQueue", paymentId + "-RC"), "not sent yet");

        f.relay.run();
        assertEquals(List.of(), f.messages("RouterCommandsQueue", paymentId + "-RC"), "the writer's grace period first");
        f.clock.advance(Duration.ofMinutes(1));
        f.relay.run();
        f.relay.run();
        assertEquals(200, success.deliver().status(), "the provider retrying changes nothing");
        f.clock.advance(Duration.ofMinutes(1));
        f.relay.run();

        assertEquals(1, f.messages("RouterCommandsQueue", paymentId + "-RC").size());
        assertEquals(1, f.messages("NotificationsQueue", paymentId + "-SMS").size());
    }

    @Test
    void unknownReferencesAreRecordedForReviewAndAcknowledged() {
        Tenant t = f.kenyanTenant();
        String body = "{\"event\":\"charge.success\",\"data\":{\"id\":99001,\"status\":\"success\",\"reference\":\"never-issued\","
                + "\"amount\":5000,\"currency\":\"KES\"}}";
        String secretKey = t.credentials().get(PaymentProvider.PAYSTACK).require("secretKey");
        Callback callback = new Callback(java.net.URI.create(f.api + "/webhooks/paystack/" + t.token(PaymentProvider.PAYSTACK)),
                java.util.Map.of("x-paystack-signature", Signing.paystack(body.getBytes(StandardCharsets.UTF_8), secretKey)),
                body.getBytes(StandardCharsets.UTF_8));

        assertEquals(200, callback.deliver().status());
        assertEquals(200, callback.deliver().status());

        List<PaymentReview> recorded = reviews(t);
        assertEquals(1, recorded.size());
        assertEquals(PaymentReview.Reason.UNKNOWN_REFERENCE, recorded.get(0).reason());
        assertEquals("never-issued", recorded.get(0).providerReference().orElseThrow());
    }
}
