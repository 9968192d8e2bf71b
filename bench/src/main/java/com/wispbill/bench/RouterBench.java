package com.wispbill.bench;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.DynamoRouterDriverStateRepository;
import com.wispbill.adapters.dynamodb.DynamoRouterRepository;
import com.wispbill.adapters.dynamodb.DynamoVoucherBatchRepository;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routerdriver.RouterCircuit;
import com.wispbill.domain.routerdriver.RouterDrift;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.router.RouterDriverWiring;
import com.wispbill.router.adapters.SecretsManagerRouterCredentials;
import com.wispbill.router.driver.InboundCommand;
import com.wispbill.router.driver.RouterCommandProcessor;
import com.wispbill.router.driver.RouterConnections;
import com.wispbill.router.operations.RouterOperations;
import com.wispbill.router.poll.Reconciler;
import com.wispbill.router.routeros.MikrotikRouterOsConnector;
import com.wispbill.router.routeros.RouterOsClientSettings;
import com.wispbill.router.routeros.RouterOsCommand;
import com.wispbill.router.routeros.RouterOsSession;
import com.wispbill.router.routeros.RouterSessionPool;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The router driver against simulated routers (RouterOS 7.19, api-ssl with the certificate pinned, as in
 * production) and the embedded stack:
 * <ul>
 *   <li>commands/s on one connection: API round trips ({@code /system/identity/print}) and idempotent
 *       ensures of new hotspot users (a print and an add each);</li>
 *   <li>time to provision N hotspot users (default 5,000): on one connection alone (the limit), and end
 *       to end through the command consumer (decode, tenant check, one batched journal read per bulk,
 *       circuit, journal write and apply per command, one done record per bulk) in bulks of 100, ten
 *       messages per invocation as SQS delivers them, with DynamoDB items written per command counted;</li>
 *   <li>time to reconcile a router with those N users: with no drift, and with 10% removed and 10% added
 *       behind billing's back.</li>
 * </ul>
 * {@code -Dwispbill.bench.routerUsers=N} changes N.
 */
public final class RouterBench implements BenchmarkSuite {
    private static final String USER = "wispbill";
    private static final String PASSWORD = "bench pass";

    @Override
    public String name() {
        return "router";
    }

    @Override
    public String description() {
        return "router driver: commands/s on one connection, provisioning and reconciling N hotspot users";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        int users = Integer.getInteger("wispbill.bench.routerUsers", 5_000);
        out.println("load average at start: " + LoadAverage.now());
        RouterOsClientSettings settings = RouterOsClientSettings.DEFAULT;
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options()
                .onlyFunctions("RouterDriverFunction", "RouterPollFunction")
                .sqsPollingEnabled(false).schedulesEnabled(false));
             RouterOsSimulator raw = simulator();
             RouterOsSimulator direct = simulator();
             RouterOsSimulator endToEnd = simulator()) {
            Clock clock = Clock.systemUTC();
            TableNames tables = new TableNames(stack.resources().tableName("EntityTable"),
                    stack.resources().tableName("UsageTable"));
            CountingDynamoDb dynamoDb = new CountingDynamoDb(AwsClients.newDynamoDbClient());
            DynamoRouterRepository routers = new DynamoRouterRepository(dynamoDb, tables);
            DynamoRouterDriverStateRepository state = new DynamoRouterDriverStateRepository(dynamoDb, tables);
            SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            RouterDriverWiring wiring = new RouterDriverWiring(routers, state, new DynamoVoucherBatchRepository(dynamoDb, tables),
                    new com.wispbill.adapters.dynamodb.DynamoPaymentGrantRepository(dynamoDb, tables),
                    new SecretsManagerRouterCredentials(AwsClients.newSecretsManager(), "wispbill/routers/"), new MikrotikRouterOsConnector(settings),
                    settings, new SnsAlertPublisher(AwsClients.newSns(), stack.resources().topicArn("AlertsTopic")),
                    clock, RouterCircuit.Policy.DEFAULT);
            Router rawRouter = register(routers, secrets, "bench-raw", raw);
            Router directRouter = register(routers, secrets, "bench-direct", direct);
            Router e2eRouter = register(routers, secrets, "bench-e2e", endToEnd);

            try (RouterConnections connections = wiring.newConnections()) {
                RouterOsSession session = connections.session(rawRouter);
                RouterOsCommand identity = RouterOsCommand.of("/system/identity/print");
                for (int i = 0; i < 500; i++) {
                    session.execute(identity);
                }
                int roundTrips = 5_000;
                long started = System.nanoTime();
                for (int i = 0; i < roundTrips; i++) {
                    session.execute(identity);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("one connection, API round trips (/system/identity/print): %,d in %.2f s = %,.0f commands/s%n",
                        roundTrips, seconds, roundTrips / seconds);
            }

            double directSeconds;
            double ensureRate;
            try (RouterConnections connections = wiring.newConnections()) {
                RouterOperations operations = new RouterOperations(connections.session(directRouter));
                long started = System.nanoTime();
                for (int i = 0; i < users; i++) {
                    operations.ensureHotspotUser(voucher(i));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                directSeconds = seconds;
                ensureRate = users / seconds;
                out.printf("one connection, ensure new hotspot user (print + add): %,d in %.2f s = %,.0f ensures/s "
                        + "(%,.0f API commands/s)%n", users, seconds, users / seconds, 2 * users / seconds);
                started = System.nanoTime();
                for (int i = 0; i < users; i++) {
                    operations.ensureHotspotUser(voucher(i));
                }
                seconds = (System.nanoTime() - started) / 1e9;
                out.printf("one connection, ensure existing unchanged user (print only): %,d in %.2f s = %,.0f ensures/s%n",
                        users, seconds, users / seconds);
            }

            // End to end: bulks of 100 commands (what producers send), 10 messages per invocation (the
            // queue's BatchSize), one processor for the run (a warm execution environment and its session pool).
            RouterSessionPool pool = new RouterSessionPool(new MikrotikRouterOsConnector(settings));
            RouterCommandProcessor processor = wiring.commandProcessor(5, pool);
            List<RouterCommandEnvelope> envelopes = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                envelopes.add(RouterCommandEnvelope.issue(e2eRouter.resellerId(), e2eRouter.id(), voucher(i), clock));
            }
            List<RouterCommandBulk> bulks = RouterCommandBulk.group(envelopes);
            dynamoDb.reset();
            long started = System.nanoTime();
            int invocations = 0;
            for (int from = 0; from < bulks.size(); from += 10) {
                List<InboundCommand> batch = new ArrayList<>();
                for (int b = from; b < Math.min(bulks.size(), from + 10); b++) {
                    batch.add(new InboundCommand("m-" + b, Optional.of(e2eRouter.id()), 1, MessageCodec.encode(bulks.get(b))));
                }
                Set<String> failed = processor.process(batch, () -> 60_000);
                invocations++;
                if (!failed.isEmpty()) {
                    throw new IllegalStateException("benchmark commands failed: " + failed);
                }
            }
            double provisionSeconds = (System.nanoTime() - started) / 1e9;
            double endToEndRate = users / provisionSeconds;
            out.printf("provision %,d hotspot users end to end (consumer, bulks of %d, %d messages per invocation, "
                            + "DynamoDB Local): %.2f s = %,.0f users/s%n", users, RouterCommandBulk.MAX_COMMANDS,
                    10, provisionSeconds, endToEndRate);
            out.printf("  end to end / one-connection ensure rate (limit, same run) = %,.0f / %,.0f = %.2f (goal >= 0.5)%n",
                    endToEndRate, ensureRate, endToEndRate / ensureRate);
            out.printf("  DynamoDB items written per command %.3f (%,d items for %,d commands, %,d write requests); "
                            + "items read per command %.3f%n", (double) dynamoDb.itemsWritten() / users,
                    dynamoDb.itemsWritten(), users, dynamoDb.writeRequests(), (double) dynamoDb.itemsRead() / users);
            out.printf("  logins: %d for %d invocations (sessions kept between invocations)%n", pool.logins(), invocations);

            Reconciler reconciler = new Reconciler(state, Clock.offset(clock, Duration.ofMinutes(1)));
            try (RouterConnections connections = wiring.newConnections()) {
                RouterOperations operations = new RouterOperations(connections.session(e2eRouter));
                started = System.nanoTime();
                RouterDrift clean = reconciler.reconcile(e2eRouter, operations);
                double cleanSeconds = (System.nanoTime() - started) / 1e9;
                out.printf("reconcile a router with %,d users, no drift: %.2f s (drift %d)%n", users, cleanSeconds,
                        clean.total());
                int tenth = users / 10;
                for (int i = 0; i < tenth; i++) {
                    endToEnd.state().removeHotspotUser(voucher(i).name());
                    endToEnd.addHotspotUserBehindBillingsBack("ROGUE" + String.format("%05d", i), "x", "default");
                }
                started = System.nanoTime();
                RouterDrift drifted = reconciler.reconcile(e2eRouter, operations);
                double driftSeconds = (System.nanoTime() - started) / 1e9;
                out.printf("reconcile a router with %,d users, %,d removed and %,d added behind billing's back: "
                                + "%.2f s (%d missing, %d unknown fixed)%n", users, tenth, tenth, driftSeconds,
                        drifted.missing(), drifted.unknown());
                out.printf("ratios: end-to-end provisioning / connection alone = %.1f; drifted / clean reconcile = %.1f%n",
                        provisionSeconds / directSeconds, driftSeconds / cleanSeconds);
                out.println("load average at end: " + LoadAverage.now());
            }
        }
    }

    private static RouterOsSimulator simulator() throws java.io.IOException {
        return RouterOsSimulator.builder().version(RouterOsVersion.V7_19).credentials(USER, PASSWORD).tls(true).start();
    }

    private static Router register(DynamoRouterRepository routers, SecretsManagerClient secrets, String id,
                                   RouterOsSimulator simulator) throws Exception {
        Router router = Router.builder().id(id).resellerId("bench-reseller").name(id).host(simulator.host())
                .apiPort(simulator.tlsPort()).useTls(true).status(RouterStatus.ACTIVE)
                .createdAt(java.time.Instant.now()).build();
        routers.create(router);
        String pem = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(simulator.tlsCertificate().getEncoded()) + "\n-----END CERTIFICATE-----\n";
        String json = Json.MAPPER.writeValueAsString(Map.of("username", USER, "password", PASSWORD, "caCertificatePem", pem));
        secrets.createSecret(b -> b.name("wispbill/routers/" + router.resellerId() + "/" + router.id()).secretString(json));
        return router;
    }

    private static EnsureHotspotUser voucher(int i) {
        return new EnsureHotspotUser(String.format("BENCH%05d", i), "", "default", Optional.of(Duration.ofHours(1)),
                OptionalLong.empty(), "bench");
    }
}
