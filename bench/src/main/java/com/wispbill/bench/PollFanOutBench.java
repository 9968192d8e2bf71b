package com.wispbill.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.DynamoRouterDriverStateRepository;
import com.wispbill.adapters.dynamodb.DynamoRouterRepository;
import com.wispbill.adapters.dynamodb.DynamoVoucherBatchRepository;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import com.wispbill.adapters.sqs.SqsRouterPollQueue;
import com.wispbill.adapters.sqs.SqsUsageSampleQueue;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.domain.routerdriver.RouterCircuit;
import com.wispbill.domain.routerdriver.RouterDrift;
import com.wispbill.domain.routerdriver.RouterVitals;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.router.RouterDriverWiring;
import com.wispbill.router.RouterPollWorkerHandler;
import com.wispbill.router.adapters.SecretsManagerRouterCredentials;
import com.wispbill.router.poll.PollScheduler;
import com.wispbill.router.poll.RouterPoller;
import com.wispbill.router.routeros.MikrotikRouterOsConnector;
import com.wispbill.router.routeros.RouterOsClientSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The poll fan-out: N simulated routers (api-ssl, certificate pinned) x 50 active hotspot sessions,
 * routers spread over a few simulator processes' worth of listeners. The schedule's handler queues
 * one job per router on router-polls; C workers (as Lambda runs C invocations under MaximumConcurrency,
 * one job each) take jobs off the queue and poll: count, list, usage message, health. Reported as
 * routers polled per minute at each concurrency, against the routers that must be polled in one.
 */
final class PollFanOutBench {
    private static final String USER = "wispbill";
    private static final String PASSWORD = "bench pass";
    private static final int SESSIONS = 50;
    private static final int ROUTERS_PER_SIMULATOR = 50;

    void run(PrintStream out) throws Exception {
        int routerCount = Integer.getInteger("wispbill.bench.pollRouters", 1_000);
        List<Integer> concurrencies = List.of(8, 32);
        List<RouterOsSimulator> simulators = new ArrayList<>();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options()
                .onlyFunctions("PollWorkerFunction").sqsPollingEnabled(false).schedulesEnabled(false))) {
            Clock clock = Clock.systemUTC();
            TableNames tables = new TableNames(stack.resources().tableName("EntityTable"),
                    stack.resources().tableName("UsageTable"));
            var dynamoDb = AwsClients.newDynamoDbClient();
            DynamoRouterRepository routers = new DynamoRouterRepository(dynamoDb, tables);
            SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            RouterOsClientSettings settings = RouterOsClientSettings.DEFAULT;
            RouterDriverWiring wiring = new RouterDriverWiring(routers, new DynamoRouterDriverStateRepository(dynamoDb, tables),
                    new DynamoVoucherBatchRepository(dynamoDb, tables),
                    new com.wispbill.adapters.dynamodb.DynamoPaymentGrantRepository(dynamoDb, tables), new SecretsManagerRouterCredentials(AwsClients.newSecretsManager(), "wispbill/routers/"), new MikrotikRouterOsConnector(settings),
                    settings, new SnsAlertPublisher(AwsClients.newSns(), stack.resources().topicArn("AlertsTopic")),
                    clock, RouterCircuit.Policy.DEFAULT);
            SqsClient sqs = AwsClients.newSqsClient();
            String pollsQueue = stack.resources().queueUrl("RouterPollsQueue");
            RouterPoller poller = wiring.poller(new SqsUsageSampleQueue(sqs, stack.resources().queueUrl("UsageSamplesQueue")),
                    (router, drift) -> { }, new RouterPoller.Settings(5_000, Duration.ofMinutes(15), 2));
            RouterPollWorkerHandler worker = new RouterPollWorkerHandler(routers, poller, clock,
                    wiring.timeNeededPerRouter(), OperationalMetrics.DISCARD);
            PollScheduler scheduler = new PollScheduler(routers, new SqsRouterPollQueue(sqs, pollsQueue), clock);

            long setupStarted = System.nanoTime();
            for (int i = 0; i < routerCount; i++) {
                if (i % ROUTERS_PER_SIMULATOR == 0) {
                    simulators.add(simulator());
                }
                register(routers, secrets, "bench-reseller-" + (i % 7), "bench-poll-" + i, simulators.getLast(), clock);
            }
            out.printf(Locale.ROOT, "router poll fan-out: %,d simulated routers x %d sessions (api-ssl), %d routers per "
                    + "simulator listener, set up in %.0f s%n", routerCount, SESSIONS, ROUTERS_PER_SIMULATOR,
                    (System.nanoTime() - setupStarted) / 1e9);

            round(scheduler, worker, sqs, pollsQueue, 32);   // warm: credentials cached, JIT, pools
            for (int concurrency : concurrencies) {
                Round r = round(scheduler, worker, sqs, pollsQueue, concurrency);
                double perMinute = r.polled() / r.seconds() * 60;
                out.printf(Locale.ROOT, "  concurrency %2d: %,d routers polled in %.1f s = %,.0f routers/minute "
                        + "(limit %,d in one minute, ratio %.2f); %d failed%n", concurrency, r.polled(), r.seconds(),
                        perMinute, routerCount, perMinute / routerCount, r.failed());
            }
        } finally {
            simulators.forEach(RouterOsSimulator::close);
        }
    }

    private record Round(int polled, int failed, double seconds) {
    }

    /** Queues every router, then {@code concurrency} workers take one job at a time until the queue is empty. */
    private static Round round(PollScheduler scheduler, RouterPollWorkerHandler worker, SqsClient sqs, String queue,
                               int concurrency) throws Exception {
        long started = System.nanoTime();
        int jobs = scheduler.enqueueAll();
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    while (taken.get() < jobs) {
                        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(1)
                                .waitTimeSeconds(1)).messages();
                        for (Message m : messages) {
                            taken.incrementAndGet();
                            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                            record.setMessageId(m.messageId());
                            record.setBody(m.body());
                            SQSEvent event = new SQSEvent();
                            event.setRecords(List.of(record));
                            failed.addAndGet(worker.handleRequest(event, null)
                                    .getBatchItemFailures().size());
                            sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Round(jobs, failed.get(), (System.nanoTime() - started) / 1e9);
    }

    private static RouterOsSimulator simulator() throws Exception {
        RouterOsSimulator simulator = RouterOsSimulator.builder().version(RouterOsVersion.V7_19)
                .credentials(USER, PASSWORD).tls(true).start();
        for (int s = 0; s < SESSIONS; s++) {
            String name = "SIM" + s;
            simulator.state().addHotspotUser(Map.of("name", name, "password", "x"));
            simulator.login(name, "10.5." + (s / 200) + "." + (s % 200 + 1), "AA:BB:CC:00:00:" + String.format("%02X", s));
        }
        simulator.advance(Duration.ofMinutes(1), 1_000, 10_000);
        return simulator;
    }

    /** A router, its secret, and a recent reconcile on its health item (these polls read usage only). */
    private static void register(DynamoRouterRepository routers, SecretsManagerClient secrets, String resellerId,
                                 String id, RouterOsSimulator simulator, Clock clock) throws Exception {
        Router router = Router.builder().id(id).resellerId(resellerId).name(id).host(simulator.host())
                .apiPort(simulator.tlsPort()).useTls(true).status(RouterStatus.ACTIVE).createdAt(clock.instant()).build();
        routers.create(router);
        String pem = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(simulator.tlsCertificate().getEncoded()) + "\n-----END CERTIFICATE-----\n";
        String json = Json.MAPPER.writeValueAsString(Map.of("username", USER, "password", PASSWORD, "caCertificatePem", pem));
        secrets.createSecret(b -> b.name("wispbill/routers/" + resellerId + "/" + id).secretString(json));
        Instant now = clock.instant();
        routers.recordHealth(RouterHealth.reachable(resellerId, id, now.minusSeconds(30), "7.19", SESSIONS),
                new RouterVitals(Duration.ofMillis(1), 1, 1, 2, Duration.ofHours(1), id,
                        Optional.of(new RouterDrift(0, 0, 0, 0, 0, 0, now.plus(Duration.ofHours(1))))));
    }
}
