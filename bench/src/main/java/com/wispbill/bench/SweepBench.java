package com.wispbill.bench;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Customer;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.expiry.ExpirySweep;
import com.wispbill.expiry.SweepReport;
import com.wispbill.local.stack.EmbeddedStack;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The expiry sweep over 100,000 subscriptions of which 10,000 became due during the hour since the
 * previous run (a sweep catching up after an outage): time, and items read, against the number due.
 */
public final class SweepBench implements BenchmarkSuite {
    private static final int SUBSCRIPTIONS = 100_000;
    private static final int DUE = 10_000;
    private static final int SEED_THREADS = 8;

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String description() {
        return "expiry sweep: " + SUBSCRIPTIONS + " subscriptions, " + DUE + " due: time and items read";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false))) {
            TableNames tables = new TableNames(stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable"));
            Instant now = Instant.parse("2030-06-01T12:00:00Z");
            Clock seedClock = Clock.fixed(now.minus(Duration.ofDays(1)), ZoneOffset.UTC);
            DynamoStore seedStore = new DynamoStore(AwsClients.newDynamoDbClient(), tables, seedClock);

            Reseller reseller = Reseller.create("Bench WISP", ZoneId.of("Africa/Nairobi"), Currency.getInstance("KES"), seedClock);
            seedStore.resellers().create(reseller);
            Plan plan = Plan.builder().newId(seedClock).resellerId(reseller.id()).name("Monthly")
                    .price(Money.of(100_000, "KES")).validity(Duration.ofDays(30)).build();
            seedStore.plans().create(plan);
            Customer customer = Customer.create(reseller.id(), "+254712000200", "Bench", seedClock);
            seedStore.customers().create(customer);

            CountingDynamoDb dynamoDb = new CountingDynamoDb(AwsClients.newDynamoDbClient());
            DynamoStore store = new DynamoStore(dynamoDb, tables, Clock.fixed(now, ZoneOffset.UTC));
            // The previous run, an hour ago (sets the checkpoint the measured run catches up from).
            sweep(store, stack, Clock.fixed(now.minus(Duration.ofHours(1)), ZoneOffset.UTC)).run();

            long seedStart = System.nanoTime();
            seed(seedStore, reseller, plan, customer, now, seedClock);
            out.printf(Locale.ROOT, "seeded %d subscriptions (%d due in the last hour) in %.0f s%n", SUBSCRIPTIONS, DUE,
                    (System.nanoTime() - seedStart) / 1e9);

            dynamoDb.reset();
            long t0 = System.nanoTime();
            SweepReport report = sweep(store, stack, Clock.fixed(now, ZoneOffset.UTC)).run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "sweep: %.1f s for %d due (%.0f expiries/s); expired %d, skipped %d%n",
                    seconds, DUE, report.expired() / seconds, report.expired(), report.skipped());
            out.printf(Locale.ROOT, "  index items read for expiry: %d = %.3f per due item, %.4f per subscription%n",
                    report.dueRead(), (double) report.dueRead() / DUE, (double) report.dueRead() / SUBSCRIPTIONS);
            out.printf(Locale.ROOT, "  reminder candidates read: %d (expiring in the same hour a day ahead), reminders queued: %d%n",
                    report.reminderCandidatesRead(), report.reminders());
            out.printf(Locale.ROOT, "  all items read (with customer, plan, reseller lookups): %d = %.2f per due item; items written: %d = %.2f per due item%n",
                    dynamoDb.itemsRead(), (double) dynamoDb.itemsRead() / DUE, dynamoDb.itemsWritten(),
                    (double) dynamoDb.itemsWritten() / DUE);

            dynamoDb.reset();
            SweepReport again = sweep(store, stack, Clock.fixed(now, ZoneOffset.UTC)).run();
            out.printf(Locale.ROOT, "  the same sweep again: %d index items read, %d expired%n", again.dueRead(), again.expired());
        }
    }

    private static ExpirySweep sweep(DynamoStore store, EmbeddedStack stack, Clock clock) {
        return new ExpirySweep(store.subscriptions(), store.vouchers(), store.customers(), store.wallets(), store.plans(), store.resellers(),
                store.enforcementState(), store, store.outbox(),
                new SqsRouterCommandQueue(AwsClients.sqs(), stack.resources().queueUrl("RouterCommandsQueue")),
                new SqsNotificationQueue(AwsClients.sqs(), stack.resources().queueUrl("NotificationsQueue")), clock);
    }

    /** DUE expiring over the last hour, the rest from two hours to thirty days ahead. */
    private static void seed(DynamoStore store, Reseller reseller, Plan plan, Customer customer, Instant now, Clock clock)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < SEED_THREADS; t++) {
                int thread = t;
                parts.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = thread; i < SUBSCRIPTIONS; i += SEED_THREADS) {
                        Instant expiresAt = i < DUE
                                ? now.minusSeconds(1 + random.nextInt(3_599))
                                : now.plus(Duration.ofHours(2)).plusSeconds(random.nextInt(30 * 24 * 3600));
                        store.subscriptions().create(new Subscription(Ids.newId(clock), reseller.id(), customer.id(),
                                plan.id(), "rtr-" + (i % 50), SubscriptionKind.HOTSPOT, "u" + i,
                                expiresAt.minus(Duration.ofDays(30)), expiresAt, SubscriptionStatus.ACTIVE));
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
