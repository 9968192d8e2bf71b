package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.Signing;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The same callback delivered many times at once, and again days later, grants once. */
class WebhookConcurrencyTest {
    private final PaymentFixture f = PaymentFixture.get();

    private List<Integer> deliverConcurrently(Callback callback, int times) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            results.add(pool.submit((Callable<Integer>) () -> {
                start.await();
                return callback.deliver().status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> r : results) {
            statuses.add(r.get());
        }
        pool.shutdown();
        return statuses;
    }

    private void assertGrantedOnce(Tenant t, String paymentId, Money expectedBalance) {
        f.aggregatesCaughtUp();
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
        assertTrue(f.repos.grants().find(t.id(), paymentId).isPresent());
        var today = t.reseller().calendar().dateOf(f.repos.grants().find(t.id(), paymentId).orElseThrow().grantedAt());
        assertEquals(1, f.repos.counters().revenueByDay(t.id(), today, today).get(0).sales(), "one sale counted");
        long saleEntries = f.repos.ledger().entries(t.id(), today.minusDays(5), today.plusDays(5), PageRequest.firstPage())
                .items().stream().filter(e -> e.type() == com.wispbill.domain.LedgerEntryType.SALE_GROSS).count();
        assertEquals(1, saleEntries, "one ledger credit");
        assertEquals(expectedBalance, f.balance(t.id(), Currency.getInstance("KES")));
        assertEquals(1, f.messages("NotificationsQueue", paymentId + "-SMS").size(), "one SMS request");
        assertEquals(1, f.messages("RouterCommandsQueue", paymentId + "-RC").size(), "one router command");
        assertEquals(List.of(), f.repos.outbox().pendingBefore(f.clock.instant().plus(Duration.ofDays(1)), 100).stream()
                .filter(m -> m.id().startsWith(paymentId)).toList(), "outbox emptied");
    }

    @Test
    void fiftyConcurrentMpesaCallbacksGrantOnceAndAReplay72HoursLaterChangesNothing() throws Exception {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.MPESA, "+254712345678");
        Callback callback = f.simulator.pay(f.referenceOf(t, paymentId));

        List<Integer> statuses = deliverConcurrently(callback, 50);

        assertTrue(statuses.stream().allMatch(s -> (s >= 200 && s < 300) || s >= 500), statuses.toString());
        assertTrue(statuses.stream().anyMatch(s -> s == 200), statuses.toString());
        // KES 50.00 gross, 5 % platform fee (2.50): the reseller's commission is 47.50.
        Money commission = Money.of(4750, "KES");
        assertGrantedOnce(t, paymentId, commission);

        f.clock.advance(Duration.ofHours(72));
        assertEquals(200, callback.deliver().status());
        assertGrantedOnce(t, paymentId, commission);
    }

    @Test
    void fiftyConcurrentStripeEventsGrantOnceAndStripesRetry72HoursLaterIsAcknowledged() throws Exception {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.STRIPE, "+254712345679");
        Callback callback = f.simulator.pay(f.referenceOf(t, paymentId));

        List<Integer> statuses = deliverConcurrently(callback, 50);

        assertTrue(statuses.stream().allMatch(s -> (s >= 200 && s < 300) || s >= 500), statuses.toString());
        assertGrantedOnce(t, paymentId, Money.of(4750, "KES"));

        // Stripe signs every delivery afresh: its retry three days later carries a new timestamp.
        f.clock.advance(Duration.ofHours(72));
        long now = f.clock.instant().getEpochSecond();
        String secret = t.credentials().get(PaymentProvider.STRIPE).require("webhookSecret");
        Callback retried = callback.withHeader("Stripe-Signature", "t=" + now + ",v1=" + Signing.stripe(now, callback.body(), secret));
        assertEquals(200, retried.deliver().status());
        assertGrantedOnce(t, paymentId, Money.of(4750, "KES"));
    }
}
