package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wispbill.adapters.repository.DashboardCounters;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.local.providers.Callback;
import com.wispbill.payment.PaymentFixture.Tenant;
import com.wispbill.payment.provider.WebhookRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 100 sales of one reseller at once: every grant transaction's keys are recorded as the webhook's
 * DynamoDB client sends them to DynamoDB Local, and no key is in two of them (the balance and revenue
 * counters are added from the stream instead). The aggregates then equal the ledger exactly.
 */
class GrantTransactionKeysTest {
    private static final int SALES = 100;
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void aHundredConcurrentSalesOfOneResellerShareNoKeyInTheirGrantTransactionsAndTheAggregatesAreExact() throws Exception {
        Tenant t = f.kenyanTenant();
        List<String> paymentIds = new ArrayList<>();
        List<Callback> callbacks = new ArrayList<>();
        for (int i = 0; i < SALES; i++) {
            String paymentId = f.startPurchase(t, PaymentProvider.PAYSTACK, "+254713" + (100_000 + i));
            paymentIds.add(paymentId);
            callbacks.add(f.simulator.pay(f.referenceOf(t, paymentId)));
        }
        RoundTripRecorder recorder = new RoundTripRecorder();
        WebhookProcessor webhook = f.recordedWebhook(recorder);
        String token = t.token(PaymentProvider.PAYSTACK);

        ExecutorService pool = Executors.newFixedThreadPool(SALES);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (Callback callback : callbacks) {
            statuses.add(pool.submit(() -> {
                start.await();
                return webhook.handle("paystack", token, new WebhookRequest(callback.headers(), callback.body())).status();
            }));
        }
        start.countDown();
        for (Future<Integer> status : statuses) {
            assertEquals(200, status.get());
        }
        pool.shutdown();

        List<List<String>> grants = recorder.transactionsWriting("|GRANT#");
        assertEquals(SALES, grants.size(), "one grant transaction per sale, none retried");
        assertEquals(List.of(), RoundTripRecorder.keysInMoreThanOne(grants), "keys written by more than one grant transaction");

        // The stream's aggregator: balance = sum of the ledger, revenue = the sales, exactly.
        f.aggregatesCaughtUp();
        LocalDate today = t.reseller().calendar().dateOf(f.clock.instant());
        List<LedgerEntry> ledger = allEntries(t, today);
        long sum = 0;
        for (LedgerEntry entry : ledger) {
            sum += entry.amount().minorUnits();
        }
        assertEquals(3 * SALES, ledger.size(), "a sale, Paystack's fee and the platform fee per payment");
        assertEquals(Money.of(sum, "KES"), f.balance(t.id(), Currency.getInstance("KES")));
        DashboardCounters.DailyRevenue day = f.repos.counters().revenueByDay(t.id(), today, today).get(0);
        assertEquals(SALES, day.sales());
        assertEquals(Money.of(SALES * 5000L, "KES"), day.gross());
        assertEquals(SALES, f.repos.counters().revenueByPlan(t.id(), today, today).get(0).sales());
        assertEquals(SALES, paymentIds.stream().filter(id -> f.repos.grants().find(t.id(), id).isPresent()).count());
    }

    private List<LedgerEntry> allEntries(Tenant t, LocalDate today) {
        List<LedgerEntry> all = new ArrayList<>();
        PageRequest page = PageRequest.first(100);
        while (true) {
            var result = f.repos.ledger().entries(t.id(), today.minusDays(1), today.plusDays(1), page);
            all.addAll(result.items());
            if (result.nextCursor().isEmpty()) {
                return all;
            }
            page = page.next(result);
        }
    }
}
