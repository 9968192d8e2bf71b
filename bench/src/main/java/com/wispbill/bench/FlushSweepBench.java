package com.wispbill.bench;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.UsageRepository.UnflushedRouter;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageFlushJob;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.usage.UsageFlushSweep;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The usage flush sweep in a region-wide outage: {@value #ROUTERS} routers stopped polling at once, all due in one
 * run. Its wall time and writes against {@value #ROUTERS} conditional UpdateItems of the same items one after
 * another (what the sweep's marks cost before they went side by side), measured in the same run: once as DynamoDB
 * Local answers, once with {@value #ROUND_TRIP_MS} ms added to every call (about a round trip on AWS).
 */
public final class FlushSweepBench implements BenchmarkSuite {
    private static final int ROUTERS = 1_000;
    private static final int ROUND_TRIP_MS = 5;
    private static final int ROUNDS = 3;
    /** When the first pass's routers stopped polling. */
    private static final Instant STOPPED = Instant.parse("2030-06-01T12:00:00Z");
    /**
     * The second pass's routers stopped this much earlier: its runs (up to {@code 15 + 1 + 6 * ROUNDS} minutes after
     * its routers stopped) then read only their own routers in the index, not the first pass's, which stay in it.
     */
    private static final Duration PASSES_APART = Duration.ofHours(1);

    @Override
    public String name() {
        return "flushsweep";
    }

    @Override
    public String description() {
        return "usage flush sweep: " + ROUTERS + " routers of an outage in one run, against as many sequential conditional writes";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.println("load average at start: " + LoadAverage.now());
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false))) {
            TableNames tables = new TableNames(stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable"));
            try (DynamoDbClient local = AwsClients.newDynamoDbClient()) {
                measure(out, "DynamoDB Local", local, tables, "bench-outage-a", STOPPED);
                measure(out, "+" + ROUND_TRIP_MS + " ms a call", new RoundTrips(local, ROUND_TRIP_MS), tables, "bench-outage-b",
                        STOPPED.minus(PASSES_APART));
            }
        }
        out.println("load average at end: " + LoadAverage.now());
    }

    /** The routers of {@code resellerId}, stopped at {@code stopped}, swept over {@code client}. */
    private static void measure(PrintStream out, String label, DynamoDbClient client, TableNames tables, String resellerId,
                                Instant stopped) {
        // Seeded over a client of its own: neither counted nor delayed.
        try (DynamoDbClient seeding = AwsClients.newDynamoDbClient()) {
            seed(new DynamoStore(seeding, tables, Clock.fixed(stopped, ZoneOffset.UTC)), resellerId, stopped);
        }
        CountingDynamoDb counting = new CountingDynamoDb(client);
        double[] ratios = new double[ROUNDS];
        double[] runs = new double[ROUNDS];
        double[] sequential = new double[ROUNDS];
        long writes = 0;
        long read = 0;
        // Round 0 warms the JIT and the connections; each round is 6 minutes after the last (the wait is over).
        for (int round = 0; round <= ROUNDS; round++) {
            Instant now = stopped.plus(UsageFlushSweep.UNFLUSHED_LIMIT).plus(Duration.ofMinutes(1 + 6L * round));
            UsageRepository usage = new DynamoStore(client, tables, Clock.fixed(now, ZoneOffset.UTC)).usage();
            long t0 = System.nanoTime();
            sequentialMarks(usage, resellerId, stopped, now);
            double sequentialMs = (System.nanoTime() - t0) / 1e6;

            List<UsageFlushJob> queued = new ArrayList<>();
            UsageFlushSweep sweep = new UsageFlushSweep(new DynamoStore(counting, tables, Clock.fixed(now, ZoneOffset.UTC)).usage(),
                    UsageBench.flushJobsInto(queued), Clock.fixed(now, ZoneOffset.UTC));
            counting.reset();
            long t1 = System.nanoTime();
            int jobs = sweep.run();
            double sweepMs = (System.nanoTime() - t1) / 1e6;
            if (jobs != ROUTERS || queued.size() != ROUTERS) {
                throw new IllegalStateException("the sweep queued " + jobs + " jobs, not " + ROUTERS);
            }
            if (round > 0) {
                ratios[round - 1] = sweepMs / sequentialMs;
                runs[round - 1] = sweepMs;
                sequential[round - 1] = sequentialMs;
                writes = counting.writeRequests();
                read = counting.itemsRead();
            }
        }
        Arrays.sort(ratios);
        Arrays.sort(runs);
        Arrays.sort(sequential);
        out.printf(Locale.ROOT, "  %s, medians of %d rounds: run %.0f ms (%d writes, %d items read by %d index queries, %d jobs); "
                        + "%d sequential conditional UpdateItems %.0f ms; run / sequential: %.2f (%.2f-%.2f; limit 1.00)%n",
                label, ROUNDS, runs[ROUNDS / 2], writes, read, UsageRepository.UNFLUSHED_SHARDS, ROUTERS, ROUTERS,
                sequential[ROUNDS / 2], ratios[ROUNDS / 2], ratios[0], ratios[ROUNDS - 1]);
    }

    /** ROUTERS router states of {@code resellerId} whose usage waits since {@code stopped}: they polled once, then stopped. */
    private static void seed(DynamoStore store, String resellerId, Instant stopped) {
        for (int r = 0; r < ROUTERS; r++) {
            String routerId = "rtr-" + r;
            var state = store.usage().routerUsage(resellerId, routerId, false).state();
            RouterUsage poll = UsageBench.poll(resellerId, routerId, r, 1, stopped);
            state.apply(poll, ResellerCalendar.of("Africa/Nairobi"));
            state.notePendingSince(stopped);
            store.usage().saveRouterUsage(resellerId, routerId, state, 0);
        }
    }

    /**
     * The sweep's mark of every router one after another (as the sweep made them before), with the same condition:
     * still unflushed since {@code stopped} and not taken since {@code now}. Each records a mark of long ago, so the
     * measured sweep that follows still takes them all.
     */
    private static void sequentialMarks(UsageRepository usage, String resellerId, Instant stopped, Instant now) {
        for (int r = 0; r < ROUTERS; r++) {
            List<UnflushedRouter> router = List.of(new UnflushedRouter(resellerId, "rtr-" + r, stopped));
            if (!usage.markSwept(router, stopped, now).equals(router)) {
                throw new IllegalStateException("rtr-" + r + " not marked");
            }
        }
    }

    /** DynamoDB Local with a fixed delay before each call the sweep makes, as a round trip to DynamoDB adds on AWS. */
    private static final class RoundTrips implements DynamoDbClient {
        private final DynamoDbClient delegate;
        private final long millis;

        RoundTrips(DynamoDbClient delegate, long millis) {
            this.delegate = delegate;
            this.millis = millis;
        }

        private void roundTrip() {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            roundTrip();
            return delegate.updateItem(request);
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            roundTrip();
            return delegate.query(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
        }
    }
}
