package com.wispbill.payment;

import com.wispbill.payment.adapters.DynamoPaymentRepositories;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PendingPayment;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.payment.PaymentReview;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.Provider;
import com.wispbill.payment.PaymentFixture.Tenant;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderHttp;
import com.wispbill.payment.provider.ProviderUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The reconciler under a backlog, with broken merchants and store trouble, and purchases whose provider
 * answer was lost: docs/payments.md, "Reconciler and initiation".
 */
class ReconcilerAndInitiationTest {
    private final PaymentFixture f = PaymentFixture.get();

    private PaymentStatus status(Tenant t, String paymentId) {
        return f.repos.payments().get(t.id(), paymentId).status();
    }

    private String buy(Tenant t, PaymentProvider provider, String phone) {
        return f.purchases.start(t.portalId(), new PurchaseService.PurchaseForm(t.plan().id(), phone, provider.slug(),
                "customer@example.com", null, null), PaymentFixture.LOCAL_REQUESTER).paymentId();
    }

    private List<PaymentReview> reviews(Tenant t) {
        return f.repos.reviews().list(t.id(), PageRequest.firstPage()).items();
    }

    /** Starts an M-Pesa purchase through the portal route while Daraja's answer to the push is lost. */
    private String buyWithLostAnswer(Tenant t, String phone) {
        f.simulator.loseNextStkPushAnswer();
        PaymentFixture.Reply reply = f.post("/portal/" + t.portalId() + "/purchases", "{\"planId\":\"" + t.plan().id()
                + "\",\"phone\":\"" + phone + "\",\"provider\":\"mpesa\"}");
        assertEquals(202, reply.status(), reply.body());
        assertEquals("PENDING", reply.json().path("status").asText());
        String paymentId = reply.json().path("paymentId").asText();
        assertTrue(f.repos.payments().get(t.id(), paymentId).providerReference().isEmpty(), "Daraja's answer never came");
        return paymentId;
    }

    @Test
    void fiveHundredAbandonedCheckoutsDoNotHideAPaidMpesaPaymentAndTheyEnd() {
        Tenant t = f.kenyanTenant();
        List<String> abandoned = new ArrayList<>();
        PaymentProvider[] providers = {PaymentProvider.STRIPE, PaymentProvider.PAYSTACK, PaymentProvider.MPESA};
        for (int i = 0; i < 500; i++) {
            abandoned.add(buy(t, providers[i % providers.length], String.format("+2547%08d", 10_000_000 + i)));
        }
        f.clock.advance(Duration.ofHours(25));
        String paid = buy(t, PaymentProvider.MPESA, "+254733000001");
        Callback lost = f.simulator.pay(f.referenceOf(t, paid));
        f.clock.advance(Duration.ofMinutes(4));

        f.reconciler.run();
        f.reconciler.run();

        assertEquals(PaymentStatus.SUCCEEDED, status(t, paid), "granted within two runs");
        assertTrue(f.repos.grants().find(t.id(), paid).isPresent());
        for (String id : abandoned) {
            assertEquals(PaymentStatus.CANCELLED, status(t, id), "an abandoned checkout ends after the provider's window");
        }
        List<PendingPayment> backlog = f.repos.payments().pendingCreatedBetween(f.clock.instant().minus(Duration.ofDays(7)),
                f.clock.instant());
        assertTrue(backlog.stream().noneMatch(p -> p.payment().resellerId().equals(t.id())), "the backlog is empty");
        assertEquals(200, lost.deliver().status(), "the late callback changes nothing");
        assertEquals(1, f.messages("NotificationsQueue", paid + "-SMS").size());
    }

    @Test
    void aResellerWhoseDarajaKeysAreRefusedIsAlertedOnceAndTheOthersSettleInTheSameRun() {
        Tenant broken = f.kenyanTenant();
        List<String> brokenPayments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            brokenPayments.add(buy(broken, PaymentProvider.MPESA, "+25474400000" + i));
        }
        f.simulator.pay(f.referenceOf(broken, brokenPayments.get(0)));
        f.clock.advance(Duration.ofSeconds(1));
        Tenant first = f.kenyanTenant();
        Tenant second = f.kenyanTenant();
        String firstPaid = buy(first, PaymentProvider.MPESA, "+254744000011");
        String secondPaid = buy(second, PaymentProvider.PAYSTACK, "+254744000012");
        f.simulator.pay(f.referenceOf(first, firstPaid));
        f.simulator.pay(f.referenceOf(second, secondPaid));
        f.simulator.refuseMpesaCredentials(broken.credentials().get(PaymentProvider.MPESA).require("consumerKey"));
        f.clock.advance(Duration.ofMinutes(4));

        f.reconciler.run();

        assertEquals(PaymentStatus.SUCCEEDED, status(first, firstPaid));
        assertEquals(PaymentStatus.SUCCEEDED, status(second, secondPaid));
        for (String id : brokenPayments) {
            assertEquals(PaymentStatus.PENDING, status(broken, id), "nothing is decided without the provider's word");
        }
        List<String> alerts = f.messages("NotificationsQueue", broken.id()).stream()
                .filter(m -> m.contains("PAYMENT_PROVIDER_REFUSED#MPESA")).toList();
        assertEquals(1, alerts.size(), "one alert for the reseller, not one per payment: " + alerts);
    }

    @Test
    void aStoreConflictOnOnePaymentDoesNotStopTheRun() {
        Tenant t = f.kenyanTenant();
        String other = buy(t, PaymentProvider.PAYSTACK, "+254755000002");
        f.clock.advance(Duration.ofSeconds(1));
        String victim = buy(t, PaymentProvider.PAYSTACK, "+254755000001");
        f.simulator.pay(f.referenceOf(t, victim));
        f.simulator.pay(f.referenceOf(t, other));
        f.clock.advance(Duration.ofMinutes(4));
        PaymentRepositories busy = DynamoPaymentRepositories.on(alwaysConflicting(f.dynamo, "PAYMENT#" + victim), f.tables, f.clock);
        PaymentSettlement settlement = new PaymentSettlement(busy, new OutboxDelivery(busy.outbox(), commands -> { },
                f.notifications), new FeePolicy(500), new VoucherCodes(), f.clock);
        PaymentReconciler reconciler = new PaymentReconciler(busy, f.adapters, f.credentials, settlement,
                new Paybill(busy, new com.wispbill.adapters.dynamodb.DynamoPaybillRepository(f.dynamo, f.tables), settlement, f.clock),
                f.alertPublisher,
                new com.wispbill.adapters.dynamodb.DynamoAlertRepository(f.dynamo, f.tables.entityTable()),
                Duration.ofMinutes(3), "$LATEST", f.clock);

        PaymentReconciler.Report report = reconciler.run();

        assertEquals(PaymentStatus.PENDING, status(t, victim));
        assertEquals(PaymentStatus.SUCCEEDED, status(t, other), "the payment after the failing one settles in the same run");
        assertTrue(report.errors() >= 1, report.toString());
        // The victim, newer, was asked first (newest first); the run went on to the other one.
        f.reconciler.run();
        assertEquals(PaymentStatus.PENDING, status(t, victim), "asked again only once its next check is due");
        f.clock.advance(Duration.ofMinutes(2));
        f.reconciler.run();
        assertEquals(PaymentStatus.SUCCEEDED, status(t, victim), "settled once the store lets it");
    }

    @Test
    void darajaAcceptedThePushButItsAnswerWasLost_theCallbackIsMatchedByPayerAndAmount() {
        Tenant t = f.kenyanTenant();
        String paymentId = buyWithLostAnswer(t, "+254766000001");
        String checkoutRequestId = f.simulator.latest(Provider.MPESA).orElseThrow().reference();

        assertEquals(200, f.simulator.pay(checkoutRequestId).deliver().status());

        Payment payment = f.repos.payments().get(t.id(), paymentId);
        assertEquals(PaymentStatus.SUCCEEDED, payment.status());
        assertEquals(checkoutRequestId, payment.providerReference().orElseThrow());
        assertTrue(f.repos.grants().find(t.id(), paymentId).isPresent(), "the paying customer is granted");
        assertEquals(List.of(), reviews(t));
    }

    @Test
    void aForgedCallbackWithAMadeUpReferenceIsNotAttachedAndTheGenuineOneStillGrants() {
        Tenant t = f.kenyanTenant();
        String paymentId = buyWithLostAnswer(t, "+254766000003");
        String checkoutRequestId = f.simulator.latest(Provider.MPESA).orElseThrow().reference();
        Callback genuine = f.simulator.pay(checkoutRequestId);
        // Whoever knows the secret URL, the payer's phone and the amount can post this: M-Pesa signs nothing.
        genuine.withBody(genuine.bodyText().replace(checkoutRequestId, "ws_CO_FORGED000000001")).deliver();
        assertTrue(f.repos.payments().get(t.id(), paymentId).providerReference().isEmpty(),
                "a reference Daraja does not confirm is never attached");

        assertEquals(200, genuine.deliver().status());

        assertEquals(PaymentStatus.SUCCEEDED, status(t, paymentId));
        assertEquals(checkoutRequestId, f.repos.payments().get(t.id(), paymentId).providerReference().orElseThrow());
        assertTrue(f.repos.grants().find(t.id(), paymentId).isPresent(), "the paying customer is granted");
    }

    @Test
    void darajaAcceptedThePushButItsAnswerWasLost_theReconcilerGrantsWhatTheCallbackCouldNotConfirm() {
        Tenant t = f.kenyanTenant();
        String paymentId = buyWithLostAnswer(t, "+254766000002");
        Callback callback = f.simulator.pay(f.simulator.latest(Provider.MPESA).orElseThrow().reference());
        f.simulator.responseDelay(Duration.ofSeconds(4));
        try {
            assertEquals(503, callback.deliver().status(), "the STK query that confirms it times out");
        } finally {
            f.simulator.responseDelay(Duration.ZERO);
        }
        assertEquals(PaymentStatus.PENDING, status(t, paymentId));

        f.clock.advance(Duration.ofMinutes(4));
        f.reconciler.run();

        assertEquals(PaymentStatus.SUCCEEDED, status(t, paymentId));
        assertTrue(f.repos.grants().find(t.id(), paymentId).isPresent());
    }

    @Test
    void aPushThatNeverLeftIsFailedAtOnceAndAHostedCheckoutWithoutItsAnswerToo() {
        Tenant t = f.kenyanTenant();
        URI nowhere = URI.create("http://127.0.0.1:9");
        PurchaseService unreachable = new PurchaseService(f.repos, ProviderAdapters.create(
                ProviderAdapters.Endpoints.under(nowhere, nowhere, nowhere, nowhere), new ProviderHttp(), f.clock),
                f.credentials, f.api, f.generousPortalLimits(), f.clock);
        for (PaymentProvider provider : List.of(PaymentProvider.MPESA, PaymentProvider.PAYSTACK)) {
            String phone = provider == PaymentProvider.MPESA ? "+254799000001" : "+254799000002";
            assertThrows(ProviderUnavailableException.class, () -> unreachable.start(t.portalId(), new PurchaseService.PurchaseForm(
                    t.plan().id(), phone, provider.slug(), "customer@example.com", null, null), PaymentFixture.LOCAL_REQUESTER));
            Payment payment = f.repos.payments().listForPhone(t.id(), phone, PageRequest.firstPage()).items().get(0);
            assertEquals(PaymentStatus.FAILED, payment.status(), provider + ": nothing reached the customer, nothing can be paid");
        }
        Payment paystack = f.repos.payments().listForPhone(t.id(), "+254799000002", PageRequest.firstPage()).items().get(0);
        assertEquals(paystack.id(), paystack.providerReference().orElseThrow(), "our reference was stored before the call");

        // Daraja's token request times out: the push itself was never sent.
        Tenant fresh = f.kenyanTenant();
        f.simulator.responseDelay(Duration.ofSeconds(4));
        PaymentFixture.Reply reply;
        try {
            reply = f.post("/portal/" + fresh.portalId() + "/purchases", "{\"planId\":\"" + fresh.plan().id()
                    + "\",\"phone\":\"+254799000003\",\"provider\":\"mpesa\"}");
        } finally {
            f.simulator.responseDelay(Duration.ZERO);
        }
        assertEquals(503, reply.status(), reply.body());
        assertEquals(PaymentStatus.FAILED, f.repos.payments().listForPhone(fresh.id(), "+254799000003", PageRequest.firstPage())
                .items().get(0).status());
    }

    @Test
    void anUnmatchedSuccessKeepsPaymentsItCouldBelongToOpenWhileOthersWithoutAnswerOrCallbackAreClosedForReview() {
        Tenant t = f.kenyanTenant();
        String one = buyWithLostAnswer(t, "+254777000001");
        String two = buyWithLostAnswer(t, "+254777000001");
        String pushTwo = f.simulator.latest(Provider.MPESA).orElseThrow().reference();
        String silent = buyWithLostAnswer(t, "+254777000002");

        assertEquals(200, f.simulator.pay(pushTwo).deliver().status());
        assertEquals(PaymentStatus.PENDING, status(t, one), "two payments could be its own: no guess");
        assertEquals(PaymentStatus.PENDING, status(t, two));
        assertTrue(reviews(t).stream().anyMatch(r -> r.reason() == PaymentReview.Reason.UNKNOWN_REFERENCE
                && r.providerReference().orElse("").equals(pushTwo)));

        f.clock.advance(Duration.ofHours(2));
        f.reconciler.run();

        assertEquals(PaymentStatus.PENDING, status(t, one), "never failed while the money could be its own");
        assertEquals(PaymentStatus.PENDING, status(t, two));
        assertEquals(PaymentStatus.FAILED, status(t, silent));
        assertTrue(reviews(t).stream().anyMatch(r -> r.reason() == PaymentReview.Reason.ANSWER_AND_CALLBACK_LOST
                && r.paymentId().orElse("").equals(silent)), "closed, and a person is told where to look");
    }

    @Test
    void aPaymentPendingLongerThanTheThresholdRaisesTheBacklogAlert() {
        Tenant t = f.kenyanTenant();
        buy(t, PaymentProvider.MPESA, "+254788000001");
        f.simulator.refuseMpesaCredentials(t.credentials().get(PaymentProvider.MPESA).require("consumerKey"));
        int before = f.messages("NotificationsQueue", PaymentReconciler.BACKLOG_ALERT_KEY).size();
        f.clock.advance(PaymentReconciler.BACKLOG_ALERT_AFTER.plusHours(1));

        f.reconciler.run();

        List<String> raised = f.messages("NotificationsQueue", PaymentReconciler.BACKLOG_ALERT_KEY);
        assertTrue(raised.size() > before, "raised");
        assertFalse(raised.get(raised.size() - 1).contains("\"resolved\":true"));
    }

    /**
     * The real store, except that every transaction writing {@code sortKey} is cancelled the way DynamoDB
     * cancels one that collides with a concurrent transaction.
     */
    private static DynamoDbClient alwaysConflicting(DynamoDbClient real, String sortKey) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && args != null && args.length == 1
                            && args[0] instanceof TransactWriteItemsRequest request
                            && request.transactItems().stream().anyMatch(w -> w.put() != null
                                    && AttributeValue.fromS(sortKey).equals(w.put().item().get("SK")))) {
                        throw TransactionCanceledException.builder().message("Transaction cancelled")
                                .cancellationReasons(request.transactItems().stream()
                                        .map(w -> CancellationReason.builder().code("TransactionConflict").build()).toList())
                                .build();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
