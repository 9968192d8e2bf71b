package com.wispbill.api;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.CursorSeal;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.adapters.sqs.SqsVoucherBatchQueue;
import com.wispbill.api.adapters.HttpProviderCheck;
import com.wispbill.api.adapters.SecretsManagerResellerSecrets;
import com.wispbill.api.service.ResellerSecrets;
import com.wispbill.api.adapters.SecretsManagerWhatsAppCredentials;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.api.service.ResellerAdmin;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.network.HostResolver;
import com.wispbill.local.stack.EmbeddedStack;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One embedded stack (DynamoDB Local, ElasticMQ, the template's HTTP API) for all tests of this
 * module, started on first use and stopped when the JVM exits: the stack allows one per JVM, and
 * starting it once keeps the suite fast on a busy machine. The template's ResellerApiFunction is the
 * real handler built by its no-arg constructor, and so is LedgerAggregatorFunction (on the table's stream, as on
 * AWS: balances and revenue follow cash entries within seconds, {@link #aggregatesCaughtUp}); tests also build
 * their own {@link ResellerApi} over the same store when they need other limits or clocks.
 */
final class TestStack {
    static final String WHATSAPP_SECRETS_PREFIX = "wispbill/whatsapp/";
    static final String ROUTER_SECRETS_PREFIX = "wispbill/routers/";
    private static TestStack instance;
    private static ProviderSimulator providers;

    final EmbeddedStack stack;
    final DynamoDbClient dynamoDb;
    final SqsClient sqs;
    final TableNames tables;
    final DynamoStore store;
    final String batchQueueUrl;
    final String commandQueueUrl;
    /** The payment webhook route of the HTTP API ({@link EmbeddedStack#httpApiEndpoint()}); 503 until a test sets it. */
    final WebhookRoute webhookRoute = new WebhookRoute();

    private TestStack() {
        // The router driver (simulated routers) and the notifier (WhatsAppSettingsEndToEndTest builds its own) are on the
        // test classpath but must not consume the messages the tests read.
        // The payment functions are on the classpath for the paybill routes: only the webhook route is served, by the
        // handler a test sets (PaybillTest), which calls the provider stand-ins instead of the real providers.
        stack = EmbeddedStack.start(EmbeddedStack.options().skipFunctionsWithoutHandlerClass()
                .excludeFunctions("RouterDriverFunction", "RouterPollFunction", "PollWorkerFunction",
                        "NotifierFunction", "WhatsAppWebhookFunction", "PortalFunction", "PaymentReconcilerFunction",
                        "OutboxRelayFunction")
                .handler("PaymentWebhookFunction", webhookRoute).schedulesEnabled(false));
        dynamoDb = AwsClients.newDynamoDbClient();
        sqs = AwsClients.newSqsClient();
        tables = new TableNames(stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable"));
        store = new DynamoStore(dynamoDb, tables, Clock.systemUTC());
        batchQueueUrl = stack.resources().queueUrl("VoucherBatchesQueue");
        commandQueueUrl = stack.resources().queueUrl("RouterCommandsQueue");
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
    }

    /** The webhook route's handler, set by the test that serves it. */
    static final class WebhookRoute implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        volatile RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate;

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = delegate;
            return handler == null ? APIGatewayV2HTTPResponse.builder().withStatusCode(503).build()
                    : handler.handleRequest(event, context);
        }
    }

    static synchronized TestStack get() {
        if (instance == null) {
            instance = new TestStack();
        }
        return instance;
    }

    ResellerApi api(ApiSettings settings, Clock clock) {
        return api(settings, clock, batchQueueUrl, commandQueueUrl);
    }

    /** With other queue URLs, e.g. of a queue that does not exist, to see what a failing send leaves behind. */
    ResellerApi api(ApiSettings settings, Clock clock, String batchQueue, String commandQueue) {
        return api(settings, clock, dynamoDb, batchQueue, commandQueue);
    }

    /** Over another DynamoDB client, e.g. one that fails a chosen transaction. */
    ResellerApi api(ApiSettings settings, Clock clock, DynamoDbClient client, String batchQueue, String commandQueue) {
        return new ResellerApi(new DynamoStore(client, tables, clock), alerts(), smsTemplates(),
                new SqsVoucherBatchQueue(sqs, batchQueue),
                new SqsRouterCommandQueue(sqs, commandQueue), settings, CursorSeal.fromEnvironment(), routerNetwork(),
                whatsAppCredentials(), onboardingSecrets(), clock);
    }

    /** With resellers' secrets kept through {@code secrets}, e.g. over an HTTP client that fails a chosen call. */
    ResellerApi api(ApiSettings settings, Clock clock, ResellerSecrets secrets) {
        return new ResellerApi(new DynamoStore(dynamoDb, tables, clock), alerts(), smsTemplates(),
                new SqsVoucherBatchQueue(sqs, batchQueueUrl),
                new SqsRouterCommandQueue(sqs, commandQueueUrl), settings, CursorSeal.fromEnvironment(), routerNetwork(),
                whatsAppCredentials(), onboardingSecrets(secrets), clock);
    }

    /** With the paybill's M-Pesa side of {@code paybill} (the stand-in's Daraja). */
    ResellerApi api(ApiSettings settings, Clock clock, PaybillSetup paybill) {
        return new ResellerApi(new DynamoStore(dynamoDb, tables, clock), alerts(), smsTemplates(),
                new SqsVoucherBatchQueue(sqs, batchQueueUrl),
                new SqsRouterCommandQueue(sqs, commandQueueUrl), settings, CursorSeal.fromEnvironment(), routerNetwork(),
                whatsAppCredentials(), onboardingSecrets(), paybill, clock);
    }

    /** The alert items as the notifier writes them (it stores every alert from the alerts topic through this). */
    DynamoAlertRepository alerts() {
        return new DynamoAlertRepository(dynamoDb, tables.entityTable());
    }

    /** The SMS settings and overrides as the notifier reads them. */
    DynamoSmsTemplateRepository smsTemplates() {
        return new DynamoSmsTemplateRepository(dynamoDb, tables.entityTable());
    }

    /** Resellers' WhatsApp credentials where the notifier reads them (the template's prefix). */
    static SecretsManagerWhatsAppCredentials whatsAppCredentials() {
        return new SecretsManagerWhatsAppCredentials(AwsClients.newSecretsManager(), WHATSAPP_SECRETS_PREFIX);
    }

    /** Router logins where the router driver reads them (the template's prefix); provider keys checked at the stand-ins. */
    static OnboardingSecrets onboardingSecrets() {
        return onboardingSecrets(new SecretsManagerResellerSecrets(AwsClients.newSecretsManager()));
    }

    static OnboardingSecrets onboardingSecrets(ResellerSecrets secrets) {
        return new OnboardingSecrets(secrets, ROUTER_SECRETS_PREFIX, new HttpProviderCheck(providerEndpoints()));
    }

    /** The provider stand-ins the API checks resellers' keys with (one per JVM, like the stack). */
    static synchronized ProviderSimulator providers() {
        if (providers == null) {
            providers = ProviderSimulator.start();
            Runtime.getRuntime().addShutdownHook(new Thread(providers::close));
        }
        return providers;
    }

    static HttpProviderCheck.Endpoints providerEndpoints() {
        ProviderSimulator sims = providers();
        return new HttpProviderCheck.Endpoints(sims.mpesaBaseUrl(), sims.paystackBaseUrl(), sims.stripeBaseUrl(),
                sims.midtransBaseUrl());
    }

    /** The router network of the template's defaults (infra/network.yaml's), with the system resolver. */
    static RouterNetwork routerNetwork() {
        return RouterNetwork.of("10.41.0.0/16", "10.41.0.1", "10.40.0.0/16", HostResolver.system());
    }

    /** Generous limits, so only the tests about limits meet them. */
    static ApiSettings roomySettings() {
        return new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, 100_000, ApiSettings.DEFAULT_RATE_WINDOW, 50_000, 100_000);
    }

    ResellerAdmin admin() {
        return ResellerAdmin.of(store, Clock.systemUTC());
    }

    /** A new reseller with a key of {@code role}; returns the key's secret and the reseller id. */
    Tenant onboard(String name, ApiKeyRole role) {
        ResellerAdmin.Onboarded o = admin().onboard(name, "Africa/Nairobi", "KES", role);
        return new Tenant(o.reseller().id(), o.key().secret(), o.key().key().keyId());
    }

    /**
     * A new reseller with the id {@code resellerId} (one whose letters spell something, say) stored as
     * {@link ResellerAdmin#createReseller} stores one, and a key of {@code role}.
     */
    Tenant onboardWithId(String resellerId, String name, ApiKeyRole role) {
        com.wispbill.domain.Reseller reseller = new com.wispbill.domain.Reseller(resellerId, name,
                java.time.ZoneId.of("Africa/Nairobi"), java.util.Currency.getInstance("KES"),
                com.wispbill.domain.ResellerStatus.ACTIVE, com.wispbill.domain.VoucherCodes.DEFAULT_LENGTH, Clock.systemUTC().instant());
        store.resellers().create(reseller);
        var key = admin().issueKey(resellerId, role);
        return new Tenant(resellerId, key.secret(), key.key().keyId());
    }

    record Tenant(String resellerId, String key, String keyId) {
    }

    /** Receives and deletes every message now on {@code queueUrl}. */
    List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (got.isEmpty()) {
                return all;
            }
            for (Message m : got) {
                all.add(m);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /**
     * Everything stored, as text: every entity item, every usage item except rate-limit counters
     * (which count refused requests too, by design), and the message counts of the queues this API
     * sends to. Two equal snapshots mean nothing was written in between. A test-only Scan of the
     * local tables: production code never scans.
     */
    /**
     * Waits until the template's ledger aggregator (LedgerAggregatorFunction, on the table's stream) has added every
     * ledger entry written so far to balances and revenue counters, as it does within seconds on AWS.
     */
    void aggregatesCaughtUp() {
        stack.awaitStreams(java.time.Duration.ofSeconds(60));
    }

    /** The tables and queues, once the ledger aggregator has finished with what was written (it writes too). */
    Snapshot snapshot() {
        aggregatesCaughtUp();
        return new Snapshot(items(tables.entityTable()), items(tables.usageTable()).stream()
                .filter(i -> !i.startsWith("RATELIMIT#")).toList(),
                Map.of("batches", messages(batchQueueUrl), "commands", messages(commandQueueUrl)));
    }

    record Snapshot(List<String> entityItems, List<String> usageItems, Map<String, String> queues) {
    }

    private List<String> items(String table) {
        TreeSet<String> all = new TreeSet<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table).consistentRead(true);
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = dynamoDb.scan(scan.build());
            page.items().forEach(item -> all.add(item.get("PK").s() + "|" + item.get("SK").s() + "|" + new TreeMap<>(item)));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new ArrayList<>(all);
    }

    private String messages(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) + "/"
                + attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }
}
