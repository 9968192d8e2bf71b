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
import com.wispbill.payment.Log4jSecurityLog;
import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.payment.PaymentRepositories;
import com.wispbill.payment.PaymentSettlement;
import com.wispbill.payment.PurchaseService;
import com.wispbill.payment.PortalLimits;
import com.wispbill.payment.ProofOfWorkChallenge;
import com.wispbill.payment.WebhookProcessor;
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
 * grant, ledger, counters and outbox, queue sends), of a duplicate delivery, and sustained webhooks/s.
 * Figures are relative to this machine and run; compare the ratios.
 */
public final class PaymentBench implements BenchmarkSuite {
    private static final int WARMUP = 100;
    private static final int MEASURED = 400;
    private static final int THROUGHPUT = 400;
    private static final int THREADS = 4;

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
                     .schedulesEnabled(false).sqsPollingEnabled(false))) {
            DynamoDbClient dynamo = AwsClients.newDynamoDbClient();
            SqsClient sqs = AwsClients.newSqsClient();
            SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            TableNames tables = new TableNames(stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable"));
            PaymentRepositories repos = DynamoPaymentRepositories.on(dynamo, tables, clock);
            OutboxDelivery delivery = new OutboxDelivery(repos.outbox(),
                    new SqsRouterCommandQueue(sqs, stack.resources().queueUrl("RouterCommandsQueue")),
                    new SqsNotificationQueue(sqs, stack.resources().queueUrl("NotificationsQueue")));
            PaymentSettlement settlement = new PaymentSettlement(repos, delivery, new FeePolicy(500), new VoucherCodes(), clock);
            ProviderAdapters adapters = ProviderAdapters.create(SimulatedMerchants.endpointsOf(sim), new ProviderHttp(), clock);
            SecretsManagerCredentials credentials = new SecretsManagerCredentials(secrets);
            URI api = URI.create("http://127.0.0.1:9");
            WebhookProcessor webhook = new WebhookProcessor(adapters, credentials, repos, settlement, new Log4jSecurityLog(), clock);
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
            long[] first = time(webhook, "paystack", measured);
            long[] duplicate = time(webhook, "paystack", measured);
            long[] mpesaFirst = time(webhook, "mpesa", mpesaMeasured);

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

            out.printf("paystack first delivery (verify + grant transaction + 2 queue sends), %d warm: p50 %.1f ms, p99 %.1f ms%n",
                    MEASURED, ms(first, 50), ms(first, 99));
            out.printf("paystack duplicate delivery (dedup, no writes), %d: p50 %.1f ms, p99 %.1f ms%n",
                    MEASURED, ms(duplicate, 50), ms(duplicate, 99));
            out.printf("m-pesa first delivery (+ STK query to the stand-in), %d: p50 %.1f ms, p99 %.1f ms%n",
                    MEASURED / 2, ms(mpesaFirst, 50), ms(mpesaFirst, 99));
            out.printf("throughput: %d first deliveries on %d threads in %.2f s = %.0f webhooks/s%n",
                    THROUGHPUT, THREADS, seconds, THROUGHPUT / seconds);
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

    private static long[] time(WebhookProcessor webhook, String provider, List<Prepared> requests) {
        long[] nanos = new long[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            Prepared p = requests.get(i);
            long start = System.nanoTime();
            require(webhook.handle(provider, p.token(), p.request()));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
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
