package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wispbill.adapters.repository.DashboardCounters;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Customer;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.payment.RoundTripRecorder;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cash renewals, paid manual extensions and wallet top-ups of one reseller at once (staff at several tills):
 * every transaction's keys are recorded as the API's DynamoDB client sends them to DynamoDB Local, and no key
 * is in two of them (the balance and revenue counters are added from the table's stream instead, as for
 * payment grants). The aggregates then equal the ledger exactly.
 */
class CashEntriesTransactionKeysTest {
    private static final int SUBSCRIBERS = 30;
    private static final long EXTENSION_CASH = 1500;
    private static final long TOP_UP = 8000;

    @Test
    void concurrentCashRenewalsExtensionsAndTopUpsOfOneResellerShareNoKeyAndTheAggregatesAreExact() throws Exception {
        TestStack stack = TestStack.get();
        ApiClient setup = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        Seed seed = Seed.create(stack, setup, "Uniform Tills", "+254700700001", 1);
        String rid = seed.tenant().resellerId();
        Reseller reseller = stack.store.resellers().get(rid);
        Plan plan = stack.store.plans().get(rid, seed.planId());
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Customer customer = Customer.create(rid, "+254700710" + (100 + i), "Till customer " + i, Clock.systemUTC());
            stack.store.customers().create(customer);
            Subscription subscription = Subscription.start(rid, customer.id(), plan, seed.routerId(), SubscriptionKind.HOTSPOT,
                    "till-" + customer.id().toLowerCase(), reseller.calendar(), Clock.systemUTC());
            stack.store.subscriptions().create(subscription);
            subscriptions.add(subscription);
        }
        stack.aggregatesCaughtUp();
        long balanceBefore = stack.store.ledger().balance(rid, reseller.currency()).minorUnits();

        RoundTripRecorder recorder = new RoundTripRecorder();
        DynamoDbClient recorded = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
        ApiClient tills = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC(), recorded,
                stack.batchQueueUrl, stack.commandQueueUrl)));
        ExecutorService pool = Executors.newFixedThreadPool(SUBSCRIBERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Subscription s = subscriptions.get(i);
            Map<String, String> cashKey = Map.of("idempotency-key", "till-" + s.id());
            String path = switch (i % 3) {
                case 0 -> "/v1/subscriptions/" + s.id() + "/renew";
                case 1 -> "/v1/subscriptions/" + s.id() + "/extend";
                default -> "/v1/customers/" + s.customerId() + "/wallet/top-ups";
            };
            String body = switch (i % 3) {
                case 0 -> "{\"memo\": \"cash at the till\"}";
                case 1 -> "{\"duration\": \"P1D\", \"amountMinor\": " + EXTENSION_CASH + ", \"memo\": \"cash at the till\"}";
                default -> "{\"amountMinor\": " + TOP_UP + "}";
            };
            statuses.add(pool.submit(() -> {
                start.await();
                return tills.call("POST", path, seed.key(), body, Map.of(), cashKey).status();
            }));
        }
        start.countDown();
        for (Future<Integer> status : statuses) {
            assertEquals(200, status.get());
        }
        pool.shutdown();

        List<List<String>> cashTransactions = recorder.transactionsWriting("|LEDGER#");
        assertEquals(SUBSCRIBERS, cashTransactions.size(), "one transaction per cash entry, none retried");
        assertEquals(List.of(), RoundTripRecorder.keysInMoreThanOne(cashTransactions), "keys written by more than one cash transaction");

        // The stream's aggregator: balance = sum of the ledger, revenue = the renewals and paid extensions, exactly.
        stack.aggregatesCaughtUp();
        LocalDate today = reseller.calendar().dateOf(Clock.systemUTC().instant());
        List<LedgerEntry> ledger = stack.store.ledger().entries(rid, today.minusDays(1), today.plusDays(1), PageRequest.first(100)).items();
        long sum = ledger.stream().mapToLong(e -> e.amount().minorUnits()).sum();
        assertEquals(SUBSCRIBERS + 1, ledger.size(), "the seed's opening entry and one per cash entry");
        long renewals = SUBSCRIBERS / 3;
        assertEquals(balanceBefore + renewals * (plan.price().minorUnits() + EXTENSION_CASH + TOP_UP), sum);
        assertEquals(new Money(sum, reseller.currency()), stack.store.ledger().balance(rid, reseller.currency()));
        DashboardCounters.DailyRevenue day = stack.store.dashboardCounters().revenueByDay(rid, today, today).get(0);
        assertEquals(2 * renewals, day.sales(), "renewals and paid extensions are sales of the plan; top-ups are not");
        assertEquals(new Money(renewals * (plan.price().minorUnits() + EXTENSION_CASH), reseller.currency()), day.gross());
    }
}
