package com.wispbill.bench;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.adapters.voucher.VoucherBatchConfirmations;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.sheets.VoucherSheet;
import com.wispbill.sheets.VoucherSheets;
import com.wispbill.vouchers.GenerationBudget;
import com.wispbill.vouchers.GenerationOutcome;
import com.wispbill.vouchers.VoucherBatchGenerator;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A 10,000-voucher batch on the embedded stack (DynamoDB Local, ElasticMQ), generated, stored and
 * queued by the real {@link VoucherBatchGenerator}; then printable sheets for 1,000 of its codes.
 * Figures are rates from this run and ratios between them, never compared with fixed times.
 */
public final class VoucherBench implements BenchmarkSuite {
    private static final int QUANTITY = 10_000;
    private static final int SHEET_CODES = 1_000;
    /** How the repository writes an instant (nanosecond digits, UTC), so raw items have the stored length. */
    private static final java.time.format.DateTimeFormatter STORED_INSTANT = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);
    /** Rounds of the raw limit followed by a batch. */
    private static final int ROUNDS = 5;

    @Override
    public String name() {
        return "vouchers";
    }

    @Override
    public String description() {
        return "10,000-voucher batch: generated + stored + queued per second, collision ratio, sheet rendering";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false))) {
            Clock clock = Clock.systemUTC();
            out.println("load average at start: " + LoadAverage.now());
            CountingDynamoDb dynamoDb = new CountingDynamoDb(AwsClients.newDynamoDbClient());
            TableNames tables = new TableNames(stack.resources().tableName("EntityTable"),
                    stack.resources().tableName("UsageTable"));
            CallTimer calls = new CallTimer();
            DynamoStore store = new DynamoStore(calls.around(dynamoDb), tables, clock);
            SqsClient sqs = AwsClients.newSqsClient();
            String commandsQueue = stack.resources().queueUrl("RouterCommandsQueue");

            Reseller reseller = Reseller.create("Bench WiFi", ZoneId.of("Africa/Nairobi"), Currency.getInstance("KES"), clock);
            store.resellers().create(reseller);
            Plan plan = Plan.builder().newId(clock).resellerId(reseller.id()).name("3 hours").price(Money.of(5000, "KES"))
                    .validity(Duration.ofDays(1)).timeLimit(Duration.ofHours(3)).dataLimit(DataSize.ofGigabytes(2))
                    .rateLimit("2M/5M").build();
            store.plans().create(plan);
            List<String> routerIds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Router router = Router.builder().newId(clock).resellerId(reseller.id()).name("AP " + i).host("10.8.0." + (2 + i))
                        .build();
                store.routers().create(router);
                routerIds.add(router.id());
            }
            // Baseline: drawing the codes alone (CPU), to see what share storage and queueing add.
            VoucherCodes codes = new VoucherCodes();
            long drawStart = System.nanoTime();
            for (int i = 0; i < QUANTITY; i++) {
                codes.generate(reseller.voucherCodeLength());
            }
            double drawSeconds = seconds(System.nanoTime() - drawStart);

            // The router driver's part of READY: one confirmation per part once its bulk is applied (the routers' own
            // time is the router suite's), on its own client. The driver takes a router's bulks one at a time in queue
            // order (one FIFO group per router) while the generator stores later parts.
            CallTimer driverCalls = new CallTimer();
            CountingDynamoDb driverDynamoDb = new CountingDynamoDb(AwsClients.newDynamoDbClient());
            VoucherBatchConfirmations routersConfirm = new VoucherBatchConfirmations(
                    new DynamoStore(driverCalls.around(driverDynamoDb), tables, clock).voucherBatches(), clock);

            // Warm-ups, the same for both sides: the JIT, DynamoDB Local's tables and the SQS connection.
            rawConditionalPuts(dynamoDb, tables.entityTable(), reseller, plan, routerIds, clock, 2_000);
            runBatch(store, reseller, plan, routerIds, 2_000, sqs, commandsQueue, routersConfirm, codes, clock);

            // The limit and the batch, measured alternately in rounds on the same client (one transaction in flight
            // on both sides, as PARALLEL_STORES allows): each round's ratio compares two neighbouring measurements, so
            // the load other processes put on the machine hits both alike; the median round is reported.
            List<Round> rounds = new ArrayList<>();
            VoucherBatch batch = null;
            for (int round = 0; round < ROUNDS; round++) {
                double rawPerSecond = rawConditionalPuts(dynamoDb, tables.entityTable(), reseller, plan, routerIds, clock, QUANTITY);
                sqs.purgeQueue(b -> b.queueUrl(commandsQueue));
                dynamoDb.reset();
                driverDynamoDb.reset();
                calls.reset();
                driverCalls.reset();
                BatchRun run = runBatch(store, reseller, plan, routerIds, QUANTITY, sqs, commandsQueue, routersConfirm, codes,
                        clock);
                batch = run.batch();
                rounds.add(new Round(rawPerSecond, run, dynamoDb.itemsWritten(), driverDynamoDb.itemsWritten(),
                        calls.snapshot(), driverCalls.snapshot(), LoadAverage.now()));
            }
            // The last round's bulks, still on the queue.
            int onQueue = Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(commandsQueue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            // Where the time goes: the generator's own parts (vouchers and part record, as insertPart writes them)
            // stored one after another with nothing else running, against the raw puts just before.
            double rawBeforeHeld = rawConditionalPuts(dynamoDb, tables.entityTable(), reseller, plan, routerIds, clock, QUANTITY);
            BatchRun held = runBatch(store, reseller, plan, routerIds, QUANTITY, sqs, commandsQueue, routersConfirm, codes,
                    clock, true);
            sqs.purgeQueue(b -> b.queueUrl(commandsQueue));
            double rawBeforeAlone = rawConditionalPuts(dynamoDb, tables.entityTable(), reseller, plan, routerIds, clock, QUANTITY);
            double partsAlonePerSecond = partsAlone(store, reseller, plan, routerIds, clock);

            List<Round> byRatio = rounds.stream().sorted(java.util.Comparator.comparingDouble(Round::ratio)).toList();
            Round median = byRatio.get(byRatio.size() / 2);
            BatchRun run = median.run();
            out.printf(Locale.ROOT, "batch of %,d vouchers (code length %d, %d routers), %d rounds of the raw limit then"
                    + " the batch:%n", QUANTITY, reseller.voucherCodeLength(), routerIds.size(), ROUNDS);
            for (Round round : rounds) {
                out.printf(Locale.ROOT, "  round: READY in %.2f s = %,.0f vouchers/s, raw limit %,.0f/s: %.2f (load %s)%n",
                        round.run().total(), QUANTITY / round.run().total(), round.rawPerSecond(), round.ratio(),
                        round.load());
            }
            out.printf(Locale.ROOT, "  READY / raw conditional-put limit (same run, median round) = %,.0f / %,.0f vouchers/s"
                            + " = %.2f (goal >= 0.8; rounds %.2f to %.2f)%n", QUANTITY / run.total(), median.rawPerSecond(),
                    median.ratio(), byRatio.getFirst().ratio(), byRatio.getLast().ratio());
            double wall = run.total();
            CallTimer.Figures tx = median.generatorCalls().of("transactWriteItems");
            CallTimer.Figures updates = median.generatorCalls().of("updateItem");
            CallTimer.Figures confirms = median.driverCalls().of("updateItem");
            out.printf(Locale.ROOT, "  where the time goes (median round, wall %.2f s; the parts overlap, so shares of the"
                    + " wall clock add up to more than 100%%):%n", wall);
            out.printf(Locale.ROOT, "    storing: %,d part transactions one at a time %.2f s (%.0f%%, %.1f ms each; a raw"
                            + " transaction of 100 puts took %.1f ms)%n", tx.calls(), tx.seconds(), 100 * tx.seconds() / wall,
                    1000 * tx.seconds() / Math.max(1, tx.calls()), 100_000 / median.rawPerSecond());
            out.printf(Locale.ROOT, "    queueing: %,d bulk sends %.2f s summed (%.0f%%; first part queued after %.2f s)%n",
                    run.sends(), run.sendSeconds(), 100 * run.sendSeconds() / wall, run.firstSend());
            out.printf(Locale.ROOT, "    confirmations by the router driver: %,d %.2f s summed (%.0f%%), %.2f s after the"
                            + " generator ended%n", confirms.calls(), confirms.seconds(), 100 * confirms.seconds() / wall,
                    run.afterGenerator());
            out.printf(Locale.ROOT, "    batch item updates by the generator (starting and progress counts): %,d, %.2f s"
                    + " (%.0f%%)%n", updates.calls(), updates.seconds(), 100 * updates.seconds() / wall);
            out.printf(Locale.ROOT, "    drawing %,d codes alone %.2f s (%.0f%%); process CPU during the batch %.1f s of"
                            + " %.1f s x %d cores%n", QUANTITY, drawSeconds, 100 * drawSeconds / wall, run.cpuSeconds(), wall,
                    Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "  the same batch with the driver's confirmations held until the generator ends: generator"
                            + " %.2f s = %.2f of the raw limit just before (%,.0f/s), then the %d confirmations %.2f s; READY"
                            + " %.2f of the limit%n", held.total() - held.afterGenerator(),
                    QUANTITY / (held.total() - held.afterGenerator()) / rawBeforeHeld, rawBeforeHeld, held.sends(),
                    held.afterGenerator(), QUANTITY / held.total() / rawBeforeHeld);
            out.printf(Locale.ROOT, "  the generator's parts stored one after another, nothing else running: %,.0f vouchers/s"
                    + " = %.2f of the raw limit just before (%,.0f/s)%n", partsAlonePerSecond,
                    partsAlonePerSecond / rawBeforeAlone, rawBeforeAlone);
            GenerationOutcome.Stats stats = run.outcome().stats();
            out.printf(Locale.ROOT, "  DynamoDB items written per voucher: %.3f by the generator (%,d items), %.3f with the "
                            + "confirmations (%,d)%n", (double) median.generatorItems() / QUANTITY, median.generatorItems(),
                    (double) (median.generatorItems() + median.driverItems()) / QUANTITY,
                    median.generatorItems() + median.driverItems());
            out.printf(Locale.ROOT, "  codes drawn %,d, stored %,d, collisions %,d: stored/drawn = %.4f%n",
                    stats.codesDrawn(), stats.vouchersStored(), stats.collisions(),
                    (double) stats.vouchersStored() / stats.codesDrawn());
            out.printf(Locale.ROOT, "  router commands sent %,d (users %,d) in %,d messages, on the FIFO queue after the last round %,d%n",
                    stats.commandsQueued(), stats.usersQueued(), stats.messagesQueued(), onQueue);
            out.printf(Locale.ROOT, "  drawing codes alone: %,.0f codes/s, %.0fx the full pipeline%n",
                    QUANTITY / drawSeconds, (QUANTITY / drawSeconds) / (QUANTITY / wall));
            out.println("load average at end: " + LoadAverage.now());

            sheets(out, store, reseller, plan, batch);
        }
    }

    private static void sheets(PrintStream out, DynamoStore store, Reseller reseller, Plan plan, VoucherBatch batch) {
        List<String> codes = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        Page<Voucher> page;
        do {
            page = store.vouchers().listBatch(reseller.id(), batch.id(), request);
            page.items().forEach(v -> codes.add(v.code()));
            request = request.next(page);
        } while (page.hasMore() && codes.size() < SHEET_CODES);
        VoucherSheet sheet = VoucherSheet.forPlan(reseller.name(), plan, "http://hotspot.lan/login",
                codes.subList(0, Math.min(SHEET_CODES, codes.size())));
        int n = sheet.codes().size();
        VoucherSheets.pdf(sheet); // warm-up: class loading and font metrics
        long htmlStart = System.nanoTime();
        String html = VoucherSheets.html(sheet);
        double htmlSeconds = seconds(System.nanoTime() - htmlStart);
        long pdfStart = System.nanoTime();
        byte[] pdf = VoucherSheets.pdf(sheet);
        double pdfSeconds = seconds(System.nanoTime() - pdfStart);
        out.printf(Locale.ROOT, "sheet of %,d vouchers (%d pages):%n", n, (n + VoucherSheets.CARDS_PER_PAGE - 1)
                / VoucherSheets.CARDS_PER_PAGE);
        out.printf(Locale.ROOT, "  HTML %,.0f vouchers/s, %,d bytes (%,d per voucher)%n", n / htmlSeconds,
                html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / n);
        out.printf(Locale.ROOT, "  PDF  %,.0f vouchers/s, %,d bytes (%,d per voucher); PDF/HTML time %.1fx%n",
                n / pdfSeconds, pdf.length, pdf.length / n, pdfSeconds / htmlSeconds);
    }

    /** A second batch's parts stored one after another by the repository, codes drawn beforehand: vouchers/s. */
    private static double partsAlone(DynamoStore store, Reseller reseller, Plan plan, List<String> routerIds, Clock clock) {
        VoucherBatch queued = VoucherBatch.order(reseller.id(), plan.id(), routerIds, QUANTITY, clock);
        store.voucherBatches().create(queued);
        VoucherBatch generating = queued.startGenerating(clock);
        store.voucherBatches().update(queued, generating);
        VoucherCodes codes = new VoucherCodes();
        List<com.wispbill.domain.voucher.VoucherBatchLayout.Part> parts =
                com.wispbill.domain.voucher.VoucherBatchLayout.of(generating).parts();
        List<List<Voucher>> drawn = new ArrayList<>();
        for (var part : parts) {
            List<Voucher> vouchers = new ArrayList<>();
            for (int i = 0; i < part.users(); i++) {
                vouchers.add(Voucher.create(codes.generate(reseller.voucherCodeLength()), reseller.id(), generating.id(),
                        plan.id(), part.routerId(), clock));
            }
            drawn.add(vouchers);
        }
        long started = System.nanoTime();
        for (var part : parts) {
            store.vouchers().insertPart(generating, part.number(), drawn.get(part.number()));
        }
        return QUANTITY / seconds(System.nanoTime() - started);
    }

    /**
     * Voucher-shaped items put with attribute_not_exists, 100 per transaction, sequentially: items/s. Each item is what
     * the repository stores for a NEW voucher of a batch (the same attributes, keys and index keys, values of the same
     * lengths: real ids of this reseller, plan and routers), under a batch id of its own.
     */
    private static double rawConditionalPuts(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb,
                                             String table, Reseller reseller, Plan plan, List<String> routerIds, Clock clock,
                                             int items) {
        VoucherCodes codes = new VoucherCodes();
        String batchId = com.wispbill.domain.Ids.newId(clock);
        String partition = "RESELLER#" + reseller.id();
        List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> all = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            Voucher v = Voucher.create(codes.generate(reseller.voucherCodeLength()), reseller.id(), batchId, plan.id(),
                    routerIds.get(i % routerIds.size()), clock);
            java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new java.util.HashMap<>();
            item.put("type", s("VOUCHER"));
            item.put("PK", s("VOUCHER#" + v.code()));
            item.put("SK", s("#"));
            item.put("GSI1PK", s(partition + "#BATCH#" + batchId));
            item.put("GSI1SK", s(v.id()));
            item.put("GSI2PK", s(partition + "#VOUCHER#" + v.id()));
            item.put("GSI2SK", s("#"));
            item.put("code", s(v.code()));
            item.put("id", s(v.id()));
            item.put("resellerId", s(v.resellerId()));
            item.put("batchId", s(v.batchId()));
            item.put("planId", s(v.planId()));
            item.put("routerId", s(v.routerId()));
            item.put("status", s(v.status().name()));
            item.put("createdAt", s(STORED_INSTANT.format(v.createdAt())));
            all.add(item);
        }
        long started = System.nanoTime();
        for (int from = 0; from < items; from += 100) {
            List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> writes = all.subList(from,
                    Math.min(items, from + 100)).stream().map(item -> software.amazon.awssdk.services.dynamodb.model
                    .TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(PK)")).build()).toList();
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
        }
        return items / seconds(System.nanoTime() - started);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Times the sends, notes when the first one happened and hands each sent bulk to the (stand-in) driver. */
    private static final class TimedQueue implements RouterCommandQueue {
        private final RouterCommandQueue delegate;
        private final java.util.function.Consumer<RouterCommandBulk> onSent;
        long firstSendNanos;
        long sendNanos;
        int sends;

        TimedQueue(RouterCommandQueue delegate, java.util.function.Consumer<RouterCommandBulk> onSent) {
            this.delegate = delegate;
            this.onSent = onSent;
        }

        @Override
        public void send(List<RouterCommandEnvelope> commands) {
            sendBulks(RouterCommandBulk.group(commands));
        }

        @Override
        public void sendBulks(List<RouterCommandBulk> bulks) {
            long start = System.nanoTime();
            synchronized (this) {
                if (firstSendNanos == 0) {
                    firstSendNanos = start;
                }
            }
            delegate.sendBulks(bulks);
            synchronized (this) {
                sendNanos += System.nanoTime() - start;
                sends++;
            }
            bulks.forEach(onSent);
        }
    }

    /** One batch made READY: its generator's outcome and timings. */
    private record BatchRun(VoucherBatch batch, GenerationOutcome outcome, double total, double afterGenerator,
                            double firstSend, int sends, double sendSeconds, double cpuSeconds) {
    }

    /** A raw-limit measurement and the batch run right after it. */
    private record Round(double rawPerSecond, BatchRun run, long generatorItems, long driverItems,
                         CallTimer.Snapshot generatorCalls, CallTimer.Snapshot driverCalls, String load) {
        double ratio() {
            return QUANTITY / run.total() / rawPerSecond;
        }
    }

    /**
     * A batch of {@code quantity} generated by the real generator and confirmed part by part by the stand-in driver
     * (one thread per router: a FIFO group) as its bulks are queued; timed until READY.
     */
    private static BatchRun runBatch(DynamoStore store, Reseller reseller, Plan plan, List<String> routerIds, int quantity,
                                     SqsClient sqs, String commandsQueue, VoucherBatchConfirmations routersConfirm,
                                     VoucherCodes codes, Clock clock) {
        return runBatch(store, reseller, plan, routerIds, quantity, sqs, commandsQueue, routersConfirm, codes, clock, false);
    }

    /** As above; with {@code holdConfirmations} the driver starts only once the generator has ended (a diagnostic). */
    private static BatchRun runBatch(DynamoStore store, Reseller reseller, Plan plan, List<String> routerIds, int quantity,
                                     SqsClient sqs, String commandsQueue, VoucherBatchConfirmations routersConfirm,
                                     VoucherCodes codes, Clock clock, boolean holdConfirmations) {
        VoucherBatch batch = VoucherBatch.order(reseller.id(), plan.id(), routerIds, quantity, clock);
        store.voucherBatches().create(batch);
        java.util.Map<String, java.util.concurrent.ExecutorService> driver = new java.util.HashMap<>();
        routerIds.forEach(id -> driver.put(id, java.util.concurrent.Executors.newSingleThreadExecutor()));
        List<Runnable> held = java.util.Collections.synchronizedList(new ArrayList<>());
        TimedQueue queue = new TimedQueue(new SqsRouterCommandQueue(sqs, commandsQueue), bulk -> bulk.receipt()
                .ifPresent(r -> {
                    Runnable confirm = () -> driver.get(bulk.routerId()).submit(() -> routersConfirm.confirm(reseller.id(),
                            r.batchId(), r.part()));
                    if (holdConfirmations) {
                        held.add(confirm);
                    } else {
                        confirm.run();
                    }
                }));
        VoucherBatchGenerator generator = VoucherBatchGenerator.of(store, queue, codes, clock);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        GenerationOutcome outcome = generator.generate(new VoucherBatchOrder(reseller.id(), batch.id()),
                GenerationBudget.UNLIMITED);
        long generated = System.nanoTime();
        held.forEach(Runnable::run);
        driver.values().forEach(java.util.concurrent.ExecutorService::close); // waits for the confirmations still running
        long end = System.nanoTime();
        long cpu = processCpuNanos() - cpuStart;
        if ((outcome.kind() != GenerationOutcome.Kind.PENDING_ROUTER && outcome.kind() != GenerationOutcome.Kind.READY)
                || store.voucherBatches().get(reseller.id(), batch.id()).status() != VoucherBatchStatus.READY) {
            throw new IllegalStateException("the batch did not end READY: " + outcome);
        }
        return new BatchRun(batch, outcome, seconds(end - start), seconds(end - generated),
                seconds(queue.firstSendNanos - start), queue.sends, seconds(queue.sendNanos), seconds(cpu));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Sums the time spent in each DynamoDB call by operation, overlapping or not. */
    private static final class CallTimer {
        private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong[]> byMethod =
                new java.util.concurrent.ConcurrentHashMap<>();

        record Figures(long calls, double seconds) {
        }

        record Snapshot(java.util.Map<String, Figures> byMethod) {
            Figures of(String method) {
                return byMethod.getOrDefault(method, new Figures(0, 0));
            }
        }

        software.amazon.awssdk.services.dynamodb.DynamoDbClient around(
                software.amazon.awssdk.services.dynamodb.DynamoDbClient client) {
            return (software.amazon.awssdk.services.dynamodb.DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                    VoucherBench.class.getClassLoader(),
                    new Class<?>[] {software.amazon.awssdk.services.dynamodb.DynamoDbClient.class}, (proxy, method, args) -> {
                        long start = System.nanoTime();
                        try {
                            return method.invoke(client, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        } finally {
                            java.util.concurrent.atomic.AtomicLong[] figures = byMethod.computeIfAbsent(method.getName(),
                                    m -> new java.util.concurrent.atomic.AtomicLong[] {
                                            new java.util.concurrent.atomic.AtomicLong(),
                                            new java.util.concurrent.atomic.AtomicLong()});
                            figures[0].incrementAndGet();
                            figures[1].addAndGet(System.nanoTime() - start);
                        }
                    });
        }

        void reset() {
            byMethod.clear();
        }

        Snapshot snapshot() {
            java.util.Map<String, Figures> copy = new java.util.HashMap<>();
            byMethod.forEach((method, f) -> copy.put(method, new Figures(f[0].get(), seconds(f[1].get()))));
            return new Snapshot(copy);
        }
    }
}
