package com.wispbill.bench;

import com.wispbill.payment.adapters.DynamoPaymentRepositories;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoRequestCounter;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.payment.Portal;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.payment.FeePolicy;
import com.wispbill.payment.LoggedSecurityLog;
import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.payment.PaymentRepositories;
import com.wispbill.payment.PaymentSettlement;
import com.wispbill.payment.PurchaseService;
import com.wispbill.payment.PortalLimits;
import com.wispbill.payment.ProofOfWorkChallenge;
import com.wispbill.payment.WebhookProcessor;
import com.wispbill.payment.RoundTripRecorder;
import com.wispbill.payment.LedgerStreamHandler;
import com.wispbill.adapters.dynamodb.DynamoLedgerAggregator;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.wispbill.adapters.repository.PageRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import com.wispbill.payment.SimulatedMerchants;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderHttp;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import com.wispbill.payment.provider.WebhookRequest;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Webhook handling warm and in-process on the embedded stack (DynamoDB Local, ElasticMQ, Secrets
 * Manager) against the provider stand-ins: latency of a first delivery (verify, transaction with
 * grant, ledger and outbox, queue sends), of a duplicate delivery, sequential round trips of each,
 * sustained webhooks/s of one reseller beside a grant-sized transaction's rate, and how soon the ledger
 * stream's aggregator has the balance equal to the ledger.
 * Figures are relative to this machine and run; compare the ratios.
 */
public final class PaymentBench implements BenchmarkSuite {
    private static final int WARMUP = 100;
    private static final int MEASURED = 400;
    private static final int THROUGHPUT = 400;
    private static final int THREADS = 4;
    private static final int ROUND_TRIP_LIMIT = 5;
    /** Built on the first stream batch, once the stack has pointed the SDK at itself. */
    private static final java.util.function.Supplier<LedgerStreamHandler> AGGREGATOR = new java.util.function.Supplier<>() {
        private volatile LedgerStreamHandler handler;

        @Override
        public synchronized LedgerStreamHandler get() {
            if (handler == null) {
                TableNames tables = TableNames.fromEnvironment();
                handler = new LedgerStreamHandler(new DynamoLedgerAggregator(AwsClients.newDynamoDbClient(), tables,
                        OperationalMetrics.DISCARD, Clock.systemUTC()));
            }
            return handler;
        }
    };
    private static final int GRANT_ITEMS = 10;

    @Override
    public String name() {
        return "payments";
    }

    @Override
    public String description() {
        return "payment webhook handling: p50/p99 warm in-process (first and duplicate deliveries), webhooks/s";
    }

    private record Prepared(String token, WebhookRequest request) {
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Clock clock = Clock.systemUTC();
        try (ProviderSimulator sim = ProviderSimulator.start(clock);
             EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().skipFunctionsWithoutHandlerClass()
                     .schedulesEnabled(false).sqsPollingEnabled(false)
                     // The ledger stream's aggregator as deployed, but without metrics lines (not what is measured).
                     .handler("LedgerAggregatorFunction", (RequestHandler<DynamodbEvent, StreamsEventResponse>) (event, context) ->
                             AGGREGATOR.get().handleRequest(event, context)))) {
            // Every DynamoDB and SQS call of the webhook is seen by the recorder (the ledger stream's aggregator,
            // a function of its own, has its own clients).
            RoundTripRecorder recorder = new RoundTripRecorder();
            DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
            SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
            SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            TableNames tables = new TableNames(stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable"));
            PaymentRepositories repos = DynamoPaymentRepositories.on(dynamo, tables, clock);
            OutboxDelivery delivery = new OutboxDelivery(repos.outbox(),
                    new SqsRouterCommandQueue(sqs, stack.resources().queueUrl("RouterCommandsQueue")),
                    new SqsNotificationQueue(sqs, stack.resources().queueUrl("NotificationsQueue")));
            PaymentSettlement settlement = new PaymentSettlement(repos, delivery, new FeePolicy(500), new VoucherCodes(), clock);
            ProviderAdapters adapters = ProviderAdapters.create(SimulatedMerchants.endpointsOf(sim), new ProviderHttp(), clock);
            SecretsManagerCredentials credentials = new SecretsManagerCredentials(AwsClients.newSecretsManager());
            URI api = URI.create("http://127.0.0.1:9");
            WebhookProcessor webhook = new WebhookProcessor(adapters, credentials, repos, settlement, new LoggedSecurityLog(), clock);
            // The bench measures webhooks, not the portal's abuse limits: limits no run reaches.
            PortalLimits limits = new PortalLimits(new DynamoRequestCounter(dynamo, tables), repos.payments(),
                    new ProofOfWorkChallenge(16), new PortalLimits.Settings(Duration.ofMinutes(1), Integer.MAX_VALUE,
                    Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0), clock);
            PurchaseService purchases = new PurchaseService(repos, adapters, credentials, api, limits, clock);
            SimulatedMerchants merchants = new SimulatedMerchants(sim, secrets, api);

            Reseller reseller = Reseller.create("Bench Hotspot", ZoneId.of("Africa/Nairobi"), Currency.getInstance("KES"), clock);
            repos.resellers().create(reseller);
            Plan plan = Plan.builder().newId(clock).resellerId(reseller.id()).name("Daily").price(Money.of(5000, "KES"))
                    .validity(Duration.ofHours(24)).build();
            repos.plans().create(plan);
            repos.portals().create(new Portal("bench-portal", reseller.id(), "router-bench", clock.instant()));
            ProviderCredentials paystack = merchants.open(reseller.id(), PaymentProvider.PAYSTACK);
            ProviderCredentials mpesa = merchants.open(reseller.id(), PaymentProvider.MPESA);

            out.printf("setup: stack started in %d ms%n", stack.startupTime().toMillis());
            List<Prepared> warm = prepare(purchases, repos, sim, reseller, plan, "paystack", paystack, WARMUP);
            List<Prepared> measured = prepare(purchases, repos, sim, reseller, plan, "paystack", paystack, MEASURED);
            List<Prepared> mpesaMeasured = prepare(purchases, repos, sim, reseller, plan, "mpesa", mpesa, MEASURED / 2);
            List<Prepared> parallel = prepare(purchases, repos, sim, reseller, plan, "paystack", paystack, THROUGHPUT);

            for (Prepared p : warm) {
                require(webhook.handle("paystack", p.token(), p.request()));
            }
            int[] firstTrips = new int[measured.size()];
            int[] duplicateTrips = new int[measured.size()];
            int[] mpesaTrips = new int[mpesaMeasured.size()];
            long[] first = time(webhook, "paystack", measured, recorder, firstTrips);
            long[] duplicate = time(webhook, "paystack", measured, recorder, duplicateTrips);
            long[] mpesaFirst = time(webhook, "mpesa", mpesaMeasured, recorder, mpesaTrips);
            DynamoDbClient plainDynamo = AwsClients.newDynamoDbClient();
            double grantTransactionsPerSecond = grantSizedTransactionsPerSecond(plainDynamo, tables.entityTable());

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (Prepared p : parallel) {
                done.add(pool.submit(() -> require(webhook.handle("paystack", p.token(), p.request()))));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long aggregationStart = System.nanoTime();
            stack.awaitStreams(Duration.ofMinutes(5));
            double aggregationSeconds = (System.nanoTime() - aggregationStart) / 1e9;
            long ledgerSum = ledgerSum(repos, reseller, clock);
            long balance = repos.ledger().balance(reseller.id(), reseller.currency()).minorUnits();

            out.printf("paystack first delivery (verify + 2 batched reads + grant transaction + queue sends + outbox delete), %d warm: p50 %.1f ms, p99 %.1f ms%n",
                    MEASURED, ms(first, 50), ms(first, 99));
            out.printf("paystack duplicate delivery (dedup, no writes), %d: p50 %.1f ms, p99 %.1f ms%n",
                    MEASURED, ms(duplicate, 50), ms(duplicate, 99));
            out.printf("m-pesa first delivery (+ STK query to the stand-in), %d: p50 %.1f ms, p99 %.1f ms%n",
                    MEASURED / 2, ms(mpesaFirst, 50), ms(mpesaFirst, 99));
            out.printf("round trips per first delivery (sequential DynamoDB/SQS calls, overlapping ones as one): paystack max %d"
                    + " mean %.2f, m-pesa max %d mean %.2f; limit %d; ratio %.2f (max/limit)%n", max(firstTrips), mean(firstTrips),
                    max(mpesaTrips), mean(mpesaTrips), ROUND_TRIP_LIMIT, Math.max(max(firstTrips), max(mpesaTrips)) / (double) ROUND_TRIP_LIMIT);
            out.printf("round trips per redelivery: max %d mean %.2f; limit %d; ratio %.2f%n", max(duplicateTrips),
                    mean(duplicateTrips), ROUND_TRIP_LIMIT, max(duplicateTrips) / (double) ROUND_TRIP_LIMIT);
            out.printf("throughput: %d first deliveries of one reseller on %d threads in %.2f s = %.0f webhooks/s;"
                    + " limit: %.0f grant-sized transactions/s (%d fresh items each, same threads, same endpoint);"
                    + " ratio %.2f%n", THROUGHPUT, THREADS, seconds, THROUGHPUT / seconds, grantTransactionsPerSecond,
                    GRANT_ITEMS, (THROUGHPUT / seconds) / grantTransactionsPerSecond);
            out.printf("ledger stream aggregation: caught up %.2f s after the last sale; balance %d = ledger sum %d: %s%n",
                    aggregationSeconds, balance, ledgerSum, balance == ledgerSum ? "exact" : "NOT EXACT");
            out.printf("load average: %s%n", loadAverage());
            out.printf("ratios: duplicate/first p50 %.2f; m-pesa/paystack first p50 %.2f%n",
                    ms(duplicate, 50) / ms(first, 50), ms(mpesaFirst, 50) / ms(first, 50));
        }
    }

    private static List<Prepared> prepare(PurchaseService purchases, PaymentRepositories repos, ProviderSimulator sim,
                                          Reseller reseller, Plan plan, String provider, ProviderCredentials creds, int n) {
        List<Prepared> prepared = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String phone = "+2547" + String.format("%08d", i + (int) (System.nanoTime() % 10_000_000));
            PurchaseService.PurchaseStarted started = purchases.start("bench-portal",
                    new PurchaseService.PurchaseForm(plan.id(), phone, provider, "bench@example.com", null, null),
                    new PortalLimits.Requester("192.0.2.1", Optional.empty()));
            Payment payment = repos.payments().get(reseller.id(), started.paymentId());
            Callback callback = sim.pay(payment.providerReference().orElseThrow());
            prepared.add(new Prepared(creds.callbackPathToken(), new WebhookRequest(callback.headers(), callback.body())));
        }
        return prepared;
    }

    private static long[] time(WebhookProcessor webhook, String provider, List<Prepared> requests, RoundTripRecorder recorder,
                               int[] roundTrips) {
        long[] nanos = new long[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            Prepared p = requests.get(i);
            recorder.clear();
            long start = System.nanoTime();
            require(webhook.handle(provider, p.token(), p.request()));
            nanos[i] = System.nanoTime() - start;
            roundTrips[i] = recorder.sequentialRoundTrips();
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * The limit beside the throughput: transactions of {@link #GRANT_ITEMS} new items each (what a grant writes:
     * event, payment, voucher, grant, three ledger entries, three outbox messages), on the same threads and endpoint.
     */
    private static double grantSizedTransactionsPerSecond(DynamoDbClient dynamo, String table) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        String run = Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < THROUGHPUT; i++) {
            int n = i;
            done.add(pool.submit(() -> dynamo.transactWriteItems(b -> b.transactItems(java.util.stream.IntStream.range(0, GRANT_ITEMS)
                    .mapToObj(k -> TransactWriteItem.builder().put(p -> p.tableName(table).item(java.util.Map.of(
                            "PK", AttributeValue.fromS("BENCH#" + run + "-" + n + "-" + k), "SK", AttributeValue.fromS("#"),
                            "payload", AttributeValue.fromS("x".repeat(200))))
                            .conditionExpression("attribute_not_exists(PK)")).build()).toList()))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return THROUGHPUT / ((System.nanoTime() - start) / 1e9);
    }

    private static long ledgerSum(PaymentRepositories repos, Reseller reseller, Clock clock) {
        java.time.LocalDate today = reseller.calendar().dateOf(clock.instant());
        long sum = 0;
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            var result = repos.ledger().entries(reseller.id(), today.minusDays(1), today.plusDays(1), page);
            sum += result.items().stream().mapToLong(e -> e.amount().minorUnits()).sum();
            if (result.nextCursor().isEmpty()) {
                return sum;
            }
            page = page.next(result);
        }
    }

    private static int max(int[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double mean(int[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void require(WebhookProcessor.Reply reply) {
        if (reply.status() != 200) {
            throw new IllegalStateException("webhook answered " + reply.status() + ": " + reply.body());
        }
    }

    private static double ms(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
