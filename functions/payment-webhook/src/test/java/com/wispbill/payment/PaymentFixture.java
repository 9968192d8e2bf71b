package com.wispbill.payment;

import com.wispbill.payment.adapters.DynamoPaymentRepositories;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.outbox.OutboxRelay;
import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.testing.MutableClock;
import com.wispbill.testing.FaultyDynamoDb;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.wispbill.adapters.dynamodb.DynamoLedgerAggregator;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoPaybillRepository;
import com.wispbill.adapters.dynamodb.DynamoRequestCounter;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import com.wispbill.domain.messages.AlertPublisher;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.payment.Portal;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderHttp;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One embedded stack (DynamoDB Local, ElasticMQ, Secrets Manager) for all payment tests in the JVM,
 * with the payment functions wired to the template's HTTP routes, the provider stand-ins, and a clock
 * the tests move. Tests isolate themselves by creating their own reseller ({@link #tenant}).
 */
final class PaymentFixture {
    static final Instant START = Instant.parse("2026-11-22T11:05:00Z");
    private static PaymentFixture instance;
    private static final AtomicInteger TENANTS = new AtomicInteger();

    final MutableClock clock = new MutableClock(START);
    final ProviderSimulator simulator = ProviderSimulator.start(clock);
    final RecordingSecurityLog security = new RecordingSecurityLog();
    /** How often the webhook asked for a reseller's provider credentials. */
    final AtomicInteger webhookCredentialLookups = new AtomicInteger();
    /** Set to make every queue send fail after the commit: the process "dies" before sending anything. */
    final AtomicBoolean routerQueueDown = new AtomicBoolean();
    final EmbeddedStack stack;
    final URI api;
    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final SecretsManagerClient secrets;
    final TableNames tables;
    final PaymentRepositories repos;
    final SimulatedMerchants merchants;
    final PaymentSettlement settlement;
    final WebhookProcessor webhook;
    final PurchaseService purchases;
    final ProviderAdapters adapters;
    final SecretsManagerCredentials credentials;
    final PaymentReconciler reconciler;
    final Paybill paybill;
    /** The notifications queue the fixture's settlement sends to (fails while the queues are "down"). */
    final NotificationQueue notifications;
    final AlertPublisher alertPublisher;
    final OutboxRelay relay;
    private final DeferredRoute webhookRoute = new DeferredRoute();
    private final DeferredRoute portalRoutes = new DeferredRoute();
    private final DeferredSchedule reconcilerSchedule = new DeferredSchedule();
    private final DeferredSchedule relaySchedule = new DeferredSchedule();
    private final DeferredStream ledgerStream = new DeferredStream();
    private final DeferredSchedule ledgerSweepSchedule = new DeferredSchedule();
    /** The stream aggregator's DynamoDB client: a test makes its next transaction fail (before or after it commits). */
    final FaultyDynamoDb aggregatorDynamo;
    /** The pending ledger sweep's DynamoDB client: a test makes its transactions for some reseller fail. */
    final FaultyDynamoDb sweepDynamo;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, List<String>> received = new java.util.concurrent.ConcurrentHashMap<>();

    static synchronized PaymentFixture get() {
        if (instance == null) {
            instance = new PaymentFixture();
        }
        return instance;
    }

    private PaymentFixture() {
        int port = freePort();
        api = URI.create("http://127.0.0.1:" + port);
        stack = EmbeddedStack.start(EmbeddedStack.options()
                .httpApiPort(port)
                .schedulesEnabled(false)
                .skipFunctionsWithoutHandlerClass()
                // On the test classpath for PortalSaleWhatsAppTest, which runs its own: the queue is the tests' to read.
                .excludeFunctions("NotifierFunction", "WhatsAppWebhookFunction",
                        // On the test classpath for IsolationRestoredByPaymentTest (the driver's operations
                        // on a simulated router): the router-commands queue is the tests' to read.
                        "RouterDriverFunction", "RouterPollFunction")
                .handler("PaymentWebhookFunction", webhookRoute)
                .handler("PortalFunction", portalRoutes)
                .handler("PaymentReconcilerFunction", reconcilerSchedule)
                .handler("OutboxRelayFunction", relaySchedule)
                .handler("LedgerAggregatorFunction", ledgerStream)
                .handler("PendingLedgerSweepFunction", ledgerSweepSchedule));
        dynamo = AwsClients.newDynamoDbClient();
        sqs = AwsClients.newSqsClient();
        secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        tables = new TableNames(stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable"));
        repos = DynamoPaymentRepositories.on(dynamo, tables, clock);
        merchants = new SimulatedMerchants(simulator, secrets, api);
        RouterCommandQueue realRouterQueue = new SqsRouterCommandQueue(sqs, stack.resources().queueUrl("RouterCommandsQueue"));
        RouterCommandQueue routerQueue = (List<RouterCommandEnvelope> commands) -> {
            crashIfDown();
            realRouterQueue.send(commands);
        };
        NotificationQueue realNotifications = new SqsNotificationQueue(sqs, stack.resources().queueUrl("NotificationsQueue"));
        notifications = new NotificationQueue() {
            @Override
            public void send(SmsRequest sms) {
                crashIfDown();
                realNotifications.send(sms);
            }

            @Override
            public void send(Alert alert) {
                crashIfDown();
                realNotifications.send(alert);
            }
        };
        OutboxDelivery delivery = new OutboxDelivery(repos.outbox(), routerQueue, notifications);
        settlement = new PaymentSettlement(repos, delivery, new FeePolicy(500), new VoucherCodes(), clock);
        adapters = ProviderAdapters.create(SimulatedMerchants.endpointsOf(simulator),
                new ProviderHttp(Duration.ofSeconds(2), Duration.ofSeconds(3)), clock);
        credentials = new SecretsManagerCredentials(AwsClients.newSecretsManager());
        // Counted: a refused oversized callback must not even look a secret up (cached or not).
        CredentialsSource countedCredentials = (resellerId, provider) -> {
            webhookCredentialLookups.incrementAndGet();
            return credentials.find(resellerId, provider);
        };
        webhook = new WebhookProcessor(adapters, countedCredentials, repos, settlement, security, clock);
        purchases = new PurchaseService(repos, adapters, credentials, api, generousPortalLimits(), clock);
        alertPublisher = new SnsAlertPublisher(AwsClients.newSns(), stack.resources().topicArn("AlertsTopic"));
        paybill = new Paybill(repos, new DynamoPaybillRepository(dynamo, tables), settlement, clock);
        reconciler = new PaymentReconciler(repos, adapters, credentials, settlement, paybill, alertPublisher,
                new DynamoAlertRepository(dynamo, tables.entityTable()), Duration.ofMinutes(3), "$LATEST", clock);
        OutboxDelivery relayDelivery = new OutboxDelivery(repos.outbox(), realRouterQueue, realNotifications);
        relay = new OutboxRelay(repos.outbox(), relayDelivery, clock);
        webhookRoute.delegate = new PaymentWebhookHandler(webhook);
        portalRoutes.delegate = new PortalHandler(purchases);
        reconcilerSchedule.delegate = new PaymentReconcilerHandler(reconciler);
        relaySchedule.delegate = new OutboxRelayHandler(relay);
        aggregatorDynamo = new FaultyDynamoDb(AwsClients.newDynamoDbClient());
        ledgerStream.delegate = new LedgerStreamHandler(new DynamoLedgerAggregator(aggregatorDynamo, tables,
                OperationalMetrics.DISCARD, java.time.Clock.systemUTC()));
        // The sweep runs as deployed (waits 5 minutes, looks back 72 hours), 10 minutes after the fixture's clock:
        // every entry written so far is old enough for it, so a test decides when it runs (invokeScheduleNow).
        sweepDynamo = new FaultyDynamoDb(AwsClients.newDynamoDbClient());
        ledgerSweepSchedule.delegate = new PendingLedgerSweepHandler(new PendingLedgerSweep(new DynamoLedgerAggregator(sweepDynamo,
                tables, OperationalMetrics.DISCARD, java.time.Clock.systemUTC()), Duration.ofMinutes(5), Duration.ofHours(72),
                java.time.Clock.offset(clock, Duration.ofMinutes(10))));
    }

    /** The ledger stream's handler, registered before the stack starts, like {@link DeferredRoute}. */
    static final class DeferredStream implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        volatile RequestHandler<DynamodbEvent, StreamsEventResponse> delegate;

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
            if (delegate == null) {
                throw new IllegalStateException("the fixture is still starting: the stream retries this batch");
            }
            return delegate.handleRequest(event, context);
        }
    }

    /**
     * The webhook over clients of its own whose every AWS call {@code recorder} sees (the real stack behind
     * them), as the function runs: repositories, settlement and outbox delivery on those clients.
     */
    WebhookProcessor recordedWebhook(RoundTripRecorder recorder) {
        DynamoDbClient recordedDynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
        SqsClient recordedSqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
        PaymentRepositories recordedRepos = DynamoPaymentRepositories.on(recordedDynamo, tables, clock);
        OutboxDelivery recordedDelivery = new OutboxDelivery(recordedRepos.outbox(),
                new SqsRouterCommandQueue(recordedSqs, stack.resources().queueUrl("RouterCommandsQueue")),
                new SqsNotificationQueue(recordedSqs, stack.resources().queueUrl("NotificationsQueue")));
        PaymentSettlement recordedSettlement = new PaymentSettlement(recordedRepos, recordedDelivery, new FeePolicy(500),
                new VoucherCodes(), clock);
        return new WebhookProcessor(adapters, credentials, recordedRepos, recordedSettlement, security, clock);
    }

    /** The portal's purchase service over a DynamoDB client of its own whose every call {@code recorder} sees. */
    PurchaseService recordedPurchases(RoundTripRecorder recorder) {
        DynamoDbClient recordedDynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
        return new PurchaseService(DynamoPaymentRepositories.on(recordedDynamo, tables, clock), adapters, credentials, api,
                generousPortalLimits(), clock);
    }

    /** A route's handler, registered before the stack starts; the real one is set once the fixture's fields are. */
    static final class DeferredRoute implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        volatile RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate;

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return delegate.handleRequest(event, context);
        }
    }

    /** A schedule's handler, registered before the stack starts, like {@link DeferredRoute}. */
    static final class DeferredSchedule implements RequestStreamHandler {
        volatile RequestStreamHandler delegate;

        @Override
        public void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
            delegate.handleRequest(event, output, context);
        }
    }

    private void crashIfDown() {
        if (routerQueueDown.get()) {
            throw new IllegalStateException("simulated crash: the process died after the commit");
        }
    }

    /** A customer's phone on a hotspot, as the portal route sees it (every test posts from 127.0.0.1). */
    static final PortalLimits.Requester LOCAL_REQUESTER = new PortalLimits.Requester("127.0.0.1", java.util.Optional.empty());

    /** Generous limits for the shared route (every test posts from 127.0.0.1); PortalLimitsTest wires tight ones. */
    PortalLimits generousPortalLimits() {
        return portalLimits(new PortalLimits.Settings(Duration.ofMinutes(1), 100_000, 100_000, 100_000, 100_000, 0),
                new ProofOfWorkChallenge(8));
    }

    /**
     * Portal limits counted in the stack's usage table, as deployed. Their clock stands an hour after the real
     * time, not at {@link #START}: the counters carry a TTL at their window's end, and DynamoDB Local's TTL
     * sweep deletes items whose TTL is past, at moments of its own, which would reset a count mid-test.
     */
    PortalLimits portalLimits(PortalLimits.Settings settings, ChallengeVerifier challenges) {
        return new PortalLimits(new DynamoRequestCounter(dynamo, tables), repos.payments(), challenges, settings, limitsClock);
    }

    private final MutableClock limitsClock = new MutableClock(Instant.now().plus(Duration.ofHours(1)));

    /** A reseller with one plan priced {@code price} minor units, a router, a portal and merchants at every provider. */
    record Tenant(Reseller reseller, Plan plan, String routerId, String portalId, Map<PaymentProvider, ProviderCredentials> credentials) {
        String id() {
            return reseller.id();
        }

        String token(PaymentProvider provider) {
            return credentials.get(provider).callbackPathToken();
        }
    }

    Tenant tenant(String currency, long price) {
        return tenant(currency, price, EnumSet.allOf(PaymentProvider.class));
    }

    /** A reseller that has set up only {@code providers}. */
    Tenant tenant(String currency, long price, Set<PaymentProvider> providers) {
        int n = TENANTS.incrementAndGet();
        String suffix = Long.toString(System.nanoTime(), 36) + n;
        Reseller reseller = new Reseller("res-" + suffix, "Hotspot " + n, ZoneId.of("Africa/Nairobi"),
                Currency.getInstance(currency), ResellerStatus.ACTIVE, 10, clock.instant());
        repos.resellers().create(reseller);
        Plan plan = Plan.builder().id("plan-" + suffix).resellerId(reseller.id()).name("Daily " + n)
                .price(Money.of(price, currency)).validity(Duration.ofHours(24)).rateLimit("2M/5M")
                .dataLimit("5GB").createdAt(clock.instant()).build();
        repos.plans().create(plan);
        String routerId = "router-" + suffix;
        String portalId = ("p-" + suffix).toLowerCase(Locale.ROOT);
        repos.portals().create(new Portal(portalId, reseller.id(), routerId, clock.instant()));
        // Sold on only once reached: the router answered a poll, as the poll records it.
        repos.routers().recordHealth(RouterHealth.reachable(reseller.id(), routerId, clock.instant(), "7.16", 0));
        Map<PaymentProvider, ProviderCredentials> creds = new EnumMap<>(PaymentProvider.class);
        for (PaymentProvider provider : providers) {
            creds.put(provider, merchants.open(reseller.id(), provider));
        }
        return new Tenant(reseller, plan, routerId, portalId, creds);
    }

    Tenant kenyanTenant() {
        return tenant("KES", 5000);
    }

    // ------------------------------------------------------------------ HTTP

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return Json.LENIENT.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).GET());
    }

    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts a voucher purchase through the portal route and returns the payment id. */
    String startPurchase(Tenant tenant, PaymentProvider provider, String phone) {
        String body = "{\"planId\":\"" + tenant.plan().id() + "\",\"phone\":\"" + phone + "\",\"provider\":\""
                + provider.slug() + "\",\"email\":\"customer@example.com\"}";
        Reply reply = post("/portal/" + tenant.portalId() + "/purchases", body);
        if (reply.status() != 202) {
            throw new AssertionError("purchase start answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().path("paymentId").asText();
    }

    String referenceOf(Tenant tenant, String paymentId) {
        return repos.payments().get(tenant.id(), paymentId).providerReference().orElseThrow();
    }

    // ------------------------------------------------------------------ queues

    /** Messages on a queue that mention {@code needle} (a payment id), received so far in this JVM. */
    List<String> messages(String queueLogicalId, String needle) {
        String url = stack.resources().queueUrl(queueLogicalId);
        List<String> all = received.computeIfAbsent(queueLogicalId, k -> new CopyOnWriteArrayList<>());
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(600)).messages();
            if (batch.isEmpty()) {
                break;
            }
            for (Message m : batch) {
                all.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return all.stream().filter(body -> body.contains(needle)).toList();
    }

    /** Router commands sent so far whose message mentions {@code needle}, bulk messages opened. */
    List<RouterCommandEnvelope> routerCommands(String needle) {
        return messages("RouterCommandsQueue", needle).stream()
                .flatMap(body -> MessageCodec.decodeRouterCommands(body).commands().stream()).toList();
    }

    /** The router command {@code commandId}, sent alone or in a bulk message. */
    RouterCommandEnvelope routerCommand(String commandId) {
        return routerCommands(commandId).stream().filter(c -> c.commandId().equals(commandId)).findFirst()
                .orElseThrow(() -> new AssertionError("no router command " + commandId));
    }

    // ------------------------------------------------------------------ table

    /** Runs the pending ledger sweep now, through the stack's schedule of PendingLedgerSweepFunction; its summary. */
    String sweepPendingLedger() {
        // A stream handler answers its summary as a JSON string.
        return ((com.fasterxml.jackson.databind.JsonNode) stack.invokeScheduleNow("PendingLedgerSweepFunction")).asText();
    }

    /** Waits until the ledger stream's aggregator has added every entry written so far (balances, revenue). */
    void aggregatesCaughtUp() {
        stack.awaitStreams(Duration.ofSeconds(60));
    }

    /** The reseller's balance once the aggregator has caught up: what the reseller API reads. */
    Money balance(String resellerId, Currency currency) {
        aggregatesCaughtUp();
        return repos.ledger().balance(resellerId, currency);
    }

    /**
     * Every item of the entity table. Tests only: it proves that a refused callback wrote nothing at all,
     * which no key-based read could (production code never scans; SourceRulesTest checks main sources).
     */
    List<Map<String, AttributeValue>> everything() {
        aggregatesCaughtUp(); // the stream's aggregator writes too: compare states it has finished with
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(tables.entityTable()).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
