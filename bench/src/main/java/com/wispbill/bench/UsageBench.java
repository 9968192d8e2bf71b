package com.wispbill.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.RouterUsageCodec;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.UsageRepository;
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
import com.wispbill.domain.enforcement.RouterUsageState;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageSample.SessionKind;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.domain.messages.UsageFlushJob;
import com.wispbill.domain.messages.UsageSampleQueue;
import com.wispbill.usage.UsageFlushSweep;
import com.wispbill.usage.UsageIngestHandler;
import com.wispbill.usage.UsageIngestor;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Usage ingestion, sparse (what routers send: one reading per session per poll, one message per
 * router poll), through usage-ingest's handler against DynamoDB Local, write-behind as deployed:
 * <ul>
 *   <li>DynamoDB billing units per sample in steady state (after each router's first poll), counted
 *       the way DynamoDB bills them ({@link CountingDynamoDb});</li>
 *   <li>samples/s end to end against the raw write limit measured beside it (sequential UpdateItems on
 *       the same endpoint), and the counters' totals checked against the readings;</li>
 *   <li>the compute alone (decode the poll, apply it to the router's state, encode the state) per core;</li>
 *   <li>then the router poll fan-out ({@link PollFanOutBench}).</li>
 * </ul>
 * {@link #measureSparseUnits()} gives the units per sample to other suites (the cost table).
 */
public final class UsageBench implements BenchmarkSuite {
    static final int USERS_PER_ROUTER = 100;
    static final Duration POLL_INTERVAL = Duration.ofMinutes(1);
    /** Two full flush cycles (13 minutes each) after each router's first poll. */
    static final int STEADY_POLLS = 26;

    /** Limits the issue sets: units per sample, share of the raw write limit, compute per core. */
    static final double MAX_WRITE_UNITS = 0.5;
    static final double MAX_READ_UNITS = 0.1;
    static final double MIN_SHARE_OF_RAW_WRITES = 0.5;
    static final double MIN_COMPUTE_PER_CORE = 100_000;

    /** DynamoDB capacity units per usage sample in steady state, as measured. */
    public record Units(double writeUnitsPerSample, double readUnitsPerSample, long samples) {
    }

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public String description() {
        return "usage, sparse: DynamoDB units/sample, samples/s vs the raw write limit, compute/core; router poll fan-out";
    }

    /** A clock the bench moves a poll interval at a time (write-behind decisions follow it). */
    static final class SteppedClock extends Clock {
        private final AtomicReference<Instant> now;

        SteppedClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /**
     * Starts its own embedded stack and measures the steady-state units per sample with routers
     * polled every {@code pollInterval} (the template polls every minute; the cost table assumes 5).
     */
    public static Units measureSparseUnits(Duration pollInterval) {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false))) {
            return sparse(stack, 4, true, pollInterval).units();
        }
    }

    /** {@code messages}, {@code messageBytes}, {@code invocations}: the SQS messages and handler calls of the steady polls. */
    private record SparseRun(Units units, double seconds, long itemsWritten, boolean exact, long messages, long messageBytes,
                             long invocations) {
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false))) {
            int routers = Integer.getInteger("wispbill.bench.usageRouters", 8);
            out.printf(Locale.ROOT, "usage, sparse: %d routers x %d sessions, one message per router poll every %d s, "
                    + "%d steady polls each (after the first), write-behind as deployed%n",
                    routers, USERS_PER_ROUTER, POLL_INTERVAL.toSeconds(), STEADY_POLLS);
            SparseRun units = sparse(stack, routers, true, POLL_INTERVAL);
            out.printf(Locale.ROOT, "  write units/sample: %.3f  (limit %.2f, ratio %.2f)%n", units.units().writeUnitsPerSample(),
                    MAX_WRITE_UNITS, units.units().writeUnitsPerSample() / MAX_WRITE_UNITS);
            out.printf(Locale.ROOT, "  read units/sample:  %.3f  (limit %.2f, ratio %.2f)%n", units.units().readUnitsPerSample(),
                    MAX_READ_UNITS, units.units().readUnitsPerSample() / MAX_READ_UNITS);

            SparseRun fiveMinuteRun = sparse(stack, routers, true, Duration.ofMinutes(5));
            Units fiveMinutes = fiveMinuteRun.units();
            out.printf(Locale.ROOT, "  with polls every 5 minutes (flush every 3rd poll): write units/sample %.3f (ratio %.2f), "
                    + "read units/sample %.3f (ratio %.2f)%n", fiveMinutes.writeUnitsPerSample(),
                    fiveMinutes.writeUnitsPerSample() / MAX_WRITE_UNITS, fiveMinutes.readUnitsPerSample(),
                    fiveMinutes.readUnitsPerSample() / MAX_READ_UNITS);

            double raw = rawWriteLimit(stack);
            SparseRun timed = sparse(stack, routers, false, POLL_INTERVAL);
            double samplesPerSecond = timed.units().samples() / timed.seconds();
            out.printf(Locale.ROOT, "  end to end: %,.0f samples/s (%,.0f items written/s); raw write limit %,.0f UpdateItems/s "
                    + "-> %.2f of it (limit %.2f, ratio %.2f); totals exact: %s%n", samplesPerSecond,
                    timed.itemsWritten() / timed.seconds(), raw, samplesPerSecond / raw, MIN_SHARE_OF_RAW_WRITES,
                    samplesPerSecond / raw / MIN_SHARE_OF_RAW_WRITES, timed.exact() ? "yes" : "NO");

            // The cost table: units of the 5-minute run, handler time of a run that counts nothing (no sizing reads).
            SparseRun fiveMinuteTimed = sparse(stack, routers, false, Duration.ofMinutes(5));
            UsageCost.print(out, "sparse, 5-minute polls", new UsageCost.Measured(fiveMinutes.samples(), fiveMinuteRun.messages(),
                    fiveMinuteRun.messageBytes(), fiveMinutes.writeUnitsPerSample() * fiveMinutes.samples(),
                    fiveMinutes.readUnitsPerSample() * fiveMinutes.samples(), fiveMinuteTimed.invocations(), fiveMinuteTimed.seconds()));

            SweepRun swept = sweptRouters(stack, routers);
            out.printf(Locale.ROOT, "  flush sweep: %d of %d routers stopped polling with usage pending; 15 minutes later the "
                    + "sweep queued %d jobs (%d index queries, %.1f read units), applied: %.1f write and %.1f read units per "
                    + "swept router; totals exact: %s; a second sweep queues %d%n", swept.stopped(), routers, swept.jobs(),
                    UsageRepository.UNFLUSHED_SHARDS, swept.sweepReadUnits(), swept.writeUnitsPerRouter(),
                    swept.readUnitsPerRouter(), swept.exact() ? "yes" : "NO", swept.jobsAfter());

            double compute = computePerCore();
            out.printf(Locale.ROOT, "  compute (decode poll, apply to router state, encode state), per CPU-second of one thread: %,.0f samples/s "
                    + "(limit %,.0f, ratio %.2f)%n", compute, MIN_COMPUTE_PER_CORE, compute / MIN_COMPUTE_PER_CORE);
        }
        new PollFanOutBench().run(out);
    }

    private static DynamoStore store(EmbeddedStack stack, CountingDynamoDb dynamoDb, Clock clock) {
        return new DynamoStore(dynamoDb, new TableNames(stack.resources().tableName("EntityTable"),
                stack.resources().tableName("UsageTable")), clock);
    }

    /** usage-ingest's handler with the stack's queues, write-behind as deployed. */
    private static UsageIngestHandler handlerAsDeployed(EmbeddedStack stack, DynamoStore store, Clock clock) {
        return new UsageIngestHandler(store,
                new SqsRouterCommandQueue(AwsClients.newSqsClient(), stack.resources().queueUrl("RouterCommandsQueue")),
                new SqsNotificationQueue(AwsClients.newSqsClient(), stack.resources().queueUrl("NotificationsQueue")), clock,
                OperationalMetrics.DISCARD, UsageIngestor.WriteBehind.DEFAULT);
    }

    /** Creates {@code routers} routers' worth of subscribers and feeds their polls through the handler. */
    private static SparseRun sparse(EmbeddedStack stack, int routers, boolean countUnits, Duration interval) {
        CountingDynamoDb dynamoDb = new CountingDynamoDb(AwsClients.newDynamoDbClient());
        SteppedClock clock = new SteppedClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        DynamoStore store = store(stack, dynamoDb, clock);
        UsageIngestHandler handler = handlerAsDeployed(stack, store, clock);
        Reseller reseller = reseller(store, routers, clock);
        Instant start = clock.instant();

        deliver(handler, round(reseller.id(), routers, 1, clock.instant()));   // each router's first poll
        dynamoDb.reset();
        dynamoDb.billingUnits(countUnits);
        long t0 = System.nanoTime();
        Delivered delivered = new Delivered();
        for (int k = 2; k <= STEADY_POLLS + 1; k++) {
            clock.advance(interval);
            deliver(handler, round(reseller.id(), routers, k, clock.instant()), delivered);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        dynamoDb.billingUnits(false);
        long samples = (long) STEADY_POLLS * routers * USERS_PER_ROUTER;
        Units units = new Units((double) dynamoDb.writeUnits() / samples, dynamoDb.readUnits() / samples, samples);
        long written = dynamoDb.itemsWritten();

        // Everything flushed (one more round after a full flush interval): the counters match the readings.
        clock.advance(Duration.ofMinutes(14));
        deliver(handler, round(reseller.id(), routers, STEADY_POLLS + 1, clock.instant()));
        boolean exact = exact(store, reseller, routers, start);
        return new SparseRun(units, seconds, written, exact, delivered.messages, delivered.bytes, delivered.invocations);
    }

    /** The flush sweep over routers that stopped polling: jobs queued, units to sweep and to apply, exactness. */
    private record SweepRun(int stopped, int jobs, double sweepReadUnits, double writeUnitsPerRouter,
                            double readUnitsPerRouter, boolean exact, int jobsAfter) {
    }

    /**
     * Every router polls twice (the first flushes, the second's usage waits written behind), then half of them stop;
     * 15 minutes later the others poll again and the sweep ({@link UsageFlushSweep}) queues a job per stopped router,
     * which usage-ingest's handler applies. Units counted for the sweep's queries and for applying the jobs.
     */
    private static SweepRun sweptRouters(EmbeddedStack stack, int routers) {
        CountingDynamoDb dynamoDb = new CountingDynamoDb(AwsClients.newDynamoDbClient());
        SteppedClock clock = new SteppedClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        DynamoStore store = store(stack, dynamoDb, clock);
        UsageIngestHandler handler = handlerAsDeployed(stack, store, clock);
        List<UsageFlushJob> queued = new ArrayList<>();
        UsageFlushSweep sweep = new UsageFlushSweep(store.usage(), flushJobsInto(queued), clock);
        Reseller reseller = reseller(store, routers, clock);
        Instant start = clock.instant();
        deliver(handler, round(reseller.id(), routers, 1, clock.instant()));
        clock.advance(POLL_INTERVAL);
        deliver(handler, round(reseller.id(), routers, 2, clock.instant()));
        int stopped = routers / 2;
        // The others keep polling (each poll counts its pending usage); the stopped ones never poll again.
        for (int minute = 0; minute < 15; minute++) {
            clock.advance(POLL_INTERVAL);
            deliver(handler, round(reseller.id(), routers, 2, clock.instant()).subList(stopped, routers));
        }
        dynamoDb.reset();
        dynamoDb.billingUnits(true);
        sweep.run();
        double sweepReads = dynamoDb.readUnits();
        List<UsageFlushJob> jobs = queued.stream().filter(j -> j.resellerId().equals(reseller.id())).toList();
        dynamoDb.reset();
        for (int from = 0; from < jobs.size(); from += 10) {
            SQSEvent event = new SQSEvent();
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (UsageFlushJob job : jobs.subList(from, Math.min(jobs.size(), from + 10))) {
                SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                m.setMessageId("flush-" + job.routerId());
                m.setBody(MessageCodec.encode(job));
                messages.add(m);
            }
            event.setRecords(messages);
            if (!handler.handleRequest(event, null).getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("flush jobs failed");
            }
        }
        dynamoDb.billingUnits(false);
        double writes = (double) dynamoDb.writeUnits() / Math.max(1, jobs.size());
        double reads = dynamoDb.readUnits() / Math.max(1, jobs.size());
        queued.clear();
        sweep.run();
        int after = (int) queued.stream().filter(j -> j.resellerId().equals(reseller.id())).count();
        boolean exact = exactAfter(store, reseller, 0, stopped, start, 2);
        return new SweepRun(stopped, jobs.size(), sweepReads, writes, reads, exact, after);
    }

    /** The flush sweep's queue, here a list: the jobs it queues are added to {@code queued}. */
    static UsageSampleQueue flushJobsInto(List<UsageFlushJob> queued) {
        return new UsageSampleQueue() {
            @Override
            public void send(RouterUsage poll) {
                throw new UnsupportedOperationException("the sweep queues flush jobs only");
            }

            @Override
            public void sendFlushJobs(List<UsageFlushJob> jobs) {
                queued.addAll(jobs);
            }
        };
    }

    /** What the handler was given: messages, their bytes, invocations. */
    private static final class Delivered {
        long messages;
        long bytes;
        long invocations;
    }

    private static void deliver(UsageIngestHandler handler, List<RouterUsage> polls) {
        deliver(handler, polls, new Delivered());
    }

    private static void deliver(UsageIngestHandler handler, List<RouterUsage> polls, Delivered delivered) {
        // The queue hands the handler up to 10 messages at a time.
        for (int from = 0; from < polls.size(); from += 10) {
            SQSEvent event = new SQSEvent();
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (RouterUsage p : polls.subList(from, Math.min(polls.size(), from + 10))) {
                SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                m.setMessageId(p.routerId() + "@" + p.sampledAt());
                m.setBody(MessageCodec.encode(p));
                messages.add(m);
                delivered.messages++;
                delivered.bytes += m.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
            event.setRecords(messages);
            SQSBatchResponse response = handler.handleRequest(event, null);
            delivered.invocations++;
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("batch failed: " + response.getBatchItemFailures().size());
            }
        }
    }

    /** Cumulative counters of poll {@code k} of every router: session u has read k*(u+1) KB up, ten times that down. */
    static List<RouterUsage> round(String resellerId, int routers, int k, Instant at) {
        List<RouterUsage> polls = new ArrayList<>();
        for (int r = 0; r < routers; r++) {
            polls.add(poll(resellerId, "rtr-" + r, r, k, at));
        }
        return polls;
    }

    static RouterUsage poll(String resellerId, String routerId, int r, int k, Instant at) {
        List<RouterUsage.Session> sessions = new ArrayList<>(USERS_PER_ROUTER);
        for (int u = 0; u < USERS_PER_ROUTER; u++) {
            sessions.add(new RouterUsage.Session(SessionKind.HOTSPOT, "*" + Integer.toHexString(0x80000 + u),
                    username(r, u), (long) k * 1_000 * (u + 1), (long) k * 10_000 * (u + 1), k * 60L));
        }
        return new RouterUsage(resellerId, routerId, at, 1, 1, sessions);
    }

    private static String username(int router, int user) {
        return "user" + router + "x" + user;
    }

    private static Reseller reseller(DynamoStore store, int routers, Clock clock) {
        Reseller reseller = Reseller.create("Bench WISP", ZoneId.of("Africa/Nairobi"), Currency.getInstance("KES"), clock);
        store.resellers().create(reseller);
        Plan plan = Plan.builder().newId(clock).resellerId(reseller.id()).name("Capped").price(Money.of(100_000, "KES"))
                .validity(Duration.ofDays(30)).dataLimit(DataSize.ofGigabytes(1_000)).build();
        store.plans().create(plan);
        Customer customer = Customer.create(reseller.id(), "+254712000100", "Bench", clock);
        store.customers().create(customer);
        for (int r = 0; r < routers; r++) {
            for (int u = 0; u < USERS_PER_ROUTER; u++) {
                store.subscriptions().create(Subscription.start(reseller.id(), customer.id(), plan, "rtr-" + r,
                        SubscriptionKind.HOTSPOT, username(r, u), reseller.calendar(), clock));
            }
        }
        return reseller;
    }

    /** Every user's total and the reseller's bandwidth equal the last readings (sessions never restarted). */
    private static boolean exact(DynamoStore store, Reseller reseller, int routers, Instant start) {
        return exactAfter(store, reseller, 0, routers, start, STEADY_POLLS + 1)
                && bandwidth(store, reseller, start) == expectedTotal(routers, STEADY_POLLS + 1);
    }

    /** The users of routers {@code fromRouter} to {@code toRouter} (exclusive) have exactly poll {@code last}'s readings. */
    private static boolean exactAfter(DynamoStore store, Reseller reseller, int fromRouter, int toRouter, Instant start,
                                      long last) {
        LocalDate from = reseller.calendar().dateOf(start);
        for (int r = fromRouter; r < toRouter; r++) {
            for (int u = 0; u < USERS_PER_ROUTER; u++) {
                long counted = store.usage().subscriberUsage(reseller.id(), username(r, u), from, from.plusDays(2)).stream()
                        .mapToLong(UsageRepository.DailyUsage::totalBytes).sum();
                if (counted != last * 11_000 * (u + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long expectedTotal(int routers, long last) {
        long total = 0;
        for (int u = 0; u < USERS_PER_ROUTER; u++) {
            total += last * 11_000 * (u + 1);
        }
        return total * routers;
    }

    private static long bandwidth(DynamoStore store, Reseller reseller, Instant start) {
        LocalDate from = reseller.calendar().dateOf(start);
        return store.usage().resellerBandwidth(reseller.id(), from, from.plusDays(2)).stream()
                .mapToLong(UsageRepository.DailyUsage::totalBytes).sum();
    }

    /** Sequential single-item counter writes (the cheapest write there is) through the same endpoint. */
    static double rawWriteLimit(EmbeddedStack stack) {
        var dynamoDb = AwsClients.newDynamoDbClient();
        String table = stack.resources().tableName("UsageTable");
        int n = 1_000;
        for (int i = 0; i < 100; i++) {
            add(dynamoDb, table, "BENCH#RAW#WARM", i);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            add(dynamoDb, table, "BENCH#RAW", i);
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static void add(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb, String table, String pk, int i) {
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(Map.of("PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk),
                        "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("DAY#" + i)))
                .updateExpression("ADD bytesIn :n")
                .expressionAttributeValues(Map.of(":n", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1"))));
    }

    /**
     * One thread: per poll, decode the message, load the state, apply, encode the state (what a poll
     * costs in CPU). Per core = per second of this thread's CPU time, so other load on the machine
     * does not count against it.
     */
    static double computePerCore() {
        ResellerCalendar calendar = new ResellerCalendar(ZoneId.of("Africa/Nairobi"));
        Instant start = Instant.parse("2030-11-22T09:00:00Z");
        int polls = 3_000;
        List<String> bodies = new ArrayList<>();
        for (int k = 1; k <= polls; k++) {
            bodies.add(MessageCodec.encode(poll("bench", "rtr-0", 0, k, start.plusSeconds(60L * k))));
        }
        for (int warm = 0; warm < 2; warm++) {
            byte[] state = RouterUsageCodec.encode(RouterUsageState.empty());
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = cpu.getCurrentThreadCpuTime();
            for (String body : bodies) {
                RouterUsage poll = (RouterUsage) MessageCodec.decodeUsageMessage(body);
                RouterUsageState s = RouterUsageCodec.decode(state, Optional.empty(), 0, Optional.empty());
                s.apply(poll, calendar);
                if (s.pendingUsers().size() > 0 && poll.sampledAt().getEpochSecond() % 780 == 0) {
                    s.startFlush(s.pendingUsers(), u -> Optional.empty(), poll.sampledAt());
                    s.flushed();
                }
                state = RouterUsageCodec.encode(s);
            }
            double seconds = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
            if (warm == 1) {
                return (double) polls * USERS_PER_ROUTER / seconds;
            }
        }
        throw new AssertionError("unreachable");
    }
}
