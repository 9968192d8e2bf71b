package com.wispbill.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.UsageRepository.SessionAdvance;
import com.wispbill.adapters.repository.UsageRepository.SessionCounters;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Customer;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.enforcement.QuotaPeriod;
import com.wispbill.domain.messages.UsageSample;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.usage.UsageIngestHandler;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Usage ingestion: usage-ingest's handler (aggregate a batch, one transaction per group of
 * sessions) against naive per-event writing (for every sample: the session cursor, then one ADD each
 * to the subscriber's day, the reseller's day and the quota), same samples, same run, DynamoDB Local.
 * Writes are items written, counted by a wrapper around the DynamoDB client.
 */
public final class UsageBench implements BenchmarkSuite {
    private static final int BATCH_SIZE = 100;

    /** How samples fall into batches: users on the router, samples per session per batch, interval. */
    private record Workload(String name, int users, int batches, Duration interval) {
        int samplesPerSessionPerBatch() {
            return BATCH_SIZE / users;
        }

        int events() {
            return batches * BATCH_SIZE;
        }
    }

    /** A 1-minute poll of a 100-user router: every sample in a batch is another session (what the cost table scales). */
    private static final Workload SPARSE = new Workload("sparse (100 users x 1 sample per batch, 60 s apart)", 100, 20,
            Duration.ofSeconds(60));

    private static final List<Workload> WORKLOADS = List.of(
            // A backlog or a fast poll: 4 users, each session sampled 25 times per batch of 100.
            new Workload("dense (4 users x 25 samples per batch, 10 s apart)", 4, 40, Duration.ofSeconds(10)),
            SPARSE);

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public String description() {
        return "usage ingestion: events/s and DynamoDB items written per event, batched vs naive per-event writes";
    }

    @Override
    public void run(PrintStream out) {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false))) {
            CountingDynamoDb dynamoDb = new CountingDynamoDb(AwsClients.newDynamoDbClient());
            Clock clock = Clock.systemUTC();
            DynamoStore store = new DynamoStore(dynamoDb, new TableNames(stack.resources().tableName("EntityTable"),
                    stack.resources().tableName("UsageTable")), clock);
            UsageIngestHandler handler = new UsageIngestHandler(store,
                    new SqsRouterCommandQueue(AwsClients.newSqsClient(), stack.resources().queueUrl("RouterCommandsQueue")),
                    new SqsNotificationQueue(AwsClients.newSqsClient(), stack.resources().queueUrl("NotificationsQueue")), clock);

            for (Workload w : WORKLOADS) {
                Instant start = clock.instant().minus(w.interval().multipliedBy((long) w.batches() * w.samplesPerSessionPerBatch() + 10));
                Reseller batched = reseller(store, w.users(), clock);
                Reseller naive = reseller(store, w.users(), clock);
                List<List<UsageSample>> batchesOf = samples(w, batched.id(), start);

                dynamoDb.reset();
                long t0 = System.nanoTime();
                int number = 0;
                long messageBytes = 0;
                for (List<UsageSample> batch : batchesOf) {
                    SQSEvent event = new SQSEvent();
                    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
                    for (UsageSample s : batch) {
                        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                        m.setMessageId("m-" + (++number));
                        m.setBody(MessageCodec.encode(s));
                        messageBytes += m.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                        messages.add(m);
                    }
                    event.setRecords(messages);
                    SQSBatchResponse response = handler.handleRequest(event, null);
                    if (!response.getBatchItemFailures().isEmpty()) {
                        throw new IllegalStateException("batch failed: " + response.getBatchItemFailures().size());
                    }
                }
                double batchedSeconds = (System.nanoTime() - t0) / 1e9 - dynamoDb.countingSeconds();
                long batchedWrites = dynamoDb.itemsWritten();
                long batchedRequests = dynamoDb.writeRequests();
                long batchedReads = dynamoDb.itemsRead();
                UsageCost.Measured measured = new UsageCost.Measured(w.events(), number, messageBytes, dynamoDb.writeUnits(),
                        dynamoDb.readUnits(), w.batches(), batchedSeconds);

                List<List<UsageSample>> naiveBatches = samples(w, naive.id(), start);
                dynamoDb.reset();
                t0 = System.nanoTime();
                for (List<UsageSample> batch : naiveBatches) {
                    batch.forEach(s -> naiveWrite(store, naive.calendar(), s));
                }
                double naiveSeconds = (System.nanoTime() - t0) / 1e9 - dynamoDb.countingSeconds();
                long naiveWrites = dynamoDb.itemsWritten();

                boolean same = totals(store, batched, w, start).equals(totals(store, naive, w, start));
                int events = w.events();
                out.printf(Locale.ROOT, "%s, %d events in %d batches%n", w.name(), events, w.batches());
                out.printf(Locale.ROOT, "  batched: %8.0f events/s  %.3f items written/event (%d items in %d transactions), %.2f items read/event%n",
                        events / batchedSeconds, (double) batchedWrites / events, batchedWrites, batchedRequests,
                        (double) batchedReads / events);
                out.printf(Locale.ROOT, "  naive:   %8.0f events/s  %.3f items written/event (%d items)%n",
                        events / naiveSeconds, (double) naiveWrites / events, naiveWrites);
                out.printf(Locale.ROOT, "  batched writes %.1f%% fewer than naive; batched throughput %.2fx naive; totals identical: %s%n",
                        100.0 * (1 - (double) batchedWrites / naiveWrites), naiveSeconds / batchedSeconds, same ? "yes" : "NO");
                if (w == SPARSE) {
                    UsageCost.print(out, w.name(), measured);
                }
            }
        }
    }

    private static Reseller reseller(DynamoStore store, int users, Clock clock) {
        Reseller reseller = Reseller.create("Bench WISP", ZoneId.of("Africa/Nairobi"), Currency.getInstance("KES"), clock);
        store.resellers().create(reseller);
        Plan plan = Plan.builder().newId(clock).resellerId(reseller.id()).name("Capped").price(Money.of(100_000, "KES"))
                .validity(Duration.ofDays(30)).dataLimit(DataSize.ofGigabytes(1_000)).build();
        store.plans().create(plan);
        Customer customer = Customer.create(reseller.id(), "+254712000100", "Bench", clock);
        store.customers().create(customer);
        for (int u = 0; u < users; u++) {
            store.subscriptions().create(Subscription.start(reseller.id(), customer.id(), plan, "rtr-1",
                    SubscriptionKind.HOTSPOT, "user" + u, reseller.calendar(), clock));
        }
        return reseller;
    }

    /** Cumulative counters per session, batch by batch, sessions interleaved as a poll reports them. */
    private static List<List<UsageSample>> samples(Workload w, String resellerId, Instant start) {
        List<List<UsageSample>> batches = new ArrayList<>();
        int perSession = w.samplesPerSessionPerBatch();
        for (int b = 0; b < w.batches(); b++) {
            List<UsageSample> batch = new ArrayList<>();
            for (int i = 0; i < perSession; i++) {
                long k = (long) b * perSession + i + 1;
                for (int u = 0; u < w.users(); u++) {
                    batch.add(new UsageSample(resellerId, "rtr-1", UsageSample.SessionKind.HOTSPOT, "*" + u, "user" + u,
                            k * 1_000 * (u + 1), k * 10_000 * (u + 1), w.interval().multipliedBy(k),
                            start.plus(w.interval().multipliedBy(k))));
                }
            }
            batches.add(batch);
        }
        return batches;
    }

    /** The per-event way: move the cursor, then one ADD per key, for every sample. */
    private static void naiveWrite(DynamoStore store, ResellerCalendar calendar, UsageSample s) {
        UsageRepository usage = store.usage();
        SessionAdvance advance = usage.advanceSession(s.resellerId(), s.routerId(), s.sessionId(),
                new SessionCounters(s.bytesIn(), s.bytesOut(), s.sampledAt()));
        if (!advance.accepted()) {
            return;
        }
        long in = s.bytesIn();
        long outBytes = s.bytesOut();
        if (advance.previous().isPresent() && advance.previous().get().bytesIn() <= in
                && advance.previous().get().bytesOut() <= outBytes) {
            in -= advance.previous().get().bytesIn();
            outBytes -= advance.previous().get().bytesOut();
        }
        LocalDate day = calendar.dateOf(s.sampledAt());
        Subscription subscription = store.subscriptions().findByUsername(s.resellerId(), s.username()).orElseThrow();
        usage.addSubscriberUsage(s.resellerId(), s.username(), day, in, outBytes);
        usage.addResellerBandwidth(s.resellerId(), day, in, outBytes);
        usage.addQuotaUsage(s.resellerId(), s.username(), QuotaPeriod.of(subscription), in + outBytes);
    }

    private static List<Long> totals(DynamoStore store, Reseller reseller, Workload w, Instant start) {
        LocalDate from = reseller.calendar().dateOf(start);
        LocalDate to = from.plusDays(2);
        List<Long> totals = new ArrayList<>();
        for (int u = 0; u < w.users(); u++) {
            totals.add(store.usage().subscriberUsage(reseller.id(), "user" + u, from, to).stream()
                    .mapToLong(UsageRepository.DailyUsage::totalBytes).sum());
        }
        totals.add(store.usage().resellerBandwidth(reseller.id(), from, to).stream()
                .mapToLong(UsageRepository.DailyUsage::totalBytes).sum());
        return totals;
    }
}
