package com.wispbill.payment;

import com.wispbill.adapters.dynamodb.DynamoLedgerAggregator;
import com.wispbill.adapters.repository.LedgerAggregator;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoPaybillRepository;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoRequestCounter;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.outbox.OutboxRelay;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.payment.adapters.DynamoPaymentRepositories;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.ProductionStage;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The payment functions' collaborators, built once per execution environment by the handlers' no-arg
 * constructors. One module serves four functions with different environments (the portal has no queue
 * URLs, the relay no provider settings): {@link #fromEnvironment()} reads what all four have, and each
 * handler then asks for its own part, which reads only its function's variables.
 */
public record PaymentWiring(TableNames tables, PaymentRepositories repositories, OperationalMetrics metrics, Clock clock) {
    /** A credentials read holds up a webhook or a purchase; seconds more means Secrets Manager is in trouble. */
    static final Duration SECRETS_READ_TIMEOUT = Duration.ofSeconds(10);

    /** Real clients: DynamoDB on the tables the template names, EMF metric lines, the system clock. */
    public static PaymentWiring fromEnvironment() {
        TableNames tables = TableNames.fromEnvironment();
        OperationalMetrics metrics = EmfMetricLines.fromEnvironment();
        Clock clock = Clock.systemUTC();
        return new PaymentWiring(tables, DynamoPaymentRepositories.on(AwsClients.dynamoDb(), tables, clock, metrics), metrics, clock);
    }

    /** {@code POST /webhooks/...}: provider settings, credentials, settlement with its fees and queues. */
    public WebhookProcessor webhookProcessor() {
        ProductionStage stage = productionStage();
        return new WebhookProcessor(providerAdapters(stage), credentials(stage), repositories, settlement(), new LoggedSecurityLog(),
                clock);
    }

    /** {@code POST /webhooks/paybill/...}: M-Pesa C2B callbacks, renewing through the webhook's own settlement. */
    public PaybillCallbacks paybillCallbacks() {
        return new PaybillCallbacks(credentials(productionStage()),
                paybillRenewals(),
                new LoggedSecurityLog());
    }

    /** The portal routes: provider settings, credentials, callback URL and abuse limits ({@code PORTAL_*}). */
    public PurchaseService purchaseService() {
        ProductionStage stage = productionStage();
        return new PurchaseService(repositories, providerAdapters(stage), credentials(stage),
                // Optional: empty on the first deploy (the API's URL is known only after it), and a function
                // whose initialisation fails cannot be published with SnapStart; purchases answer 503 until set.
                Env.optional("PAYMENT_CALLBACK_BASE_URL").filter(url -> !url.isBlank()).map(URI::create), portalLimits(), clock);
    }

    /** The scheduled reconciler: what the webhook needs, plus the alerts topic and when a payment is overdue. */
    public PaymentReconciler reconciler() {
        ProductionStage stage = productionStage();
        return new PaymentReconciler(repositories, providerAdapters(stage), credentials(stage), settlement(), paybillRenewals(),
                SnsAlertPublisher.fromEnvironment(), new DynamoAlertRepository(AwsClients.dynamoDb(), tables.entityTable()),
                Duration.ofMinutes(Long.parseLong(Env.require("RECONCILE_AFTER_MINUTES"))), codeVersion(), clock);
    }

    /**
     * The function version running (set by Lambda: a published version per deploy with SnapStart, "$LATEST"
     * locally); the hour bucket move starts a fresh pass under each new one.
     */
    private static String codeVersion() {
        return Env.optional("AWS_LAMBDA_FUNCTION_VERSION").orElse("$LATEST");
    }

    /** M-Pesa C2B renewals: the webhook's own settlement (the paybill callbacks and the reconciler). */
    private Paybill paybillRenewals() {
        return new Paybill(repositories, new DynamoPaybillRepository(AwsClients.dynamoDb(), tables), settlement(), clock);
    }

    /** The scheduled outbox relay: the two queues. */
    public OutboxRelay outboxRelay() {
        return new OutboxRelay(repositories.outbox(), outboxDelivery(), clock);
    }

    /** The ledger stream's aggregator: balances and revenue counters from the entries grants append. */
    public LedgerAggregator ledgerAggregator() {
        return new DynamoLedgerAggregator(AwsClients.dynamoDb(), tables, metrics, clock);
    }

    public PendingLedgerSweep pendingLedgerSweep() {
        return new PendingLedgerSweep(ledgerAggregator(),
                Duration.ofMinutes(Long.parseLong(Env.require("LEDGER_SWEEP_AFTER_MINUTES"))),
                Duration.ofHours(Long.parseLong(Env.require("LEDGER_SWEEP_LOOKBACK_HOURS"))), clock);
    }

    private OutboxDelivery outboxDelivery() {
        return new OutboxDelivery(repositories.outbox(), SqsRouterCommandQueue.fromEnvironment(), SqsNotificationQueue.fromEnvironment());
    }

    private PaymentSettlement settlement() {
        FeePolicy fees = new FeePolicy(Long.parseLong(Env.require("PLATFORM_FEE_BASIS_POINTS")),
                FeePolicy.parseMinimums(Env.require("PLATFORM_FEE_MINIMUMS")));
        return new PaymentSettlement(repositories, outboxDelivery(), fees, new VoucherCodes(), clock);
    }

    /** {@code STAGE}: in production the providers' test modes are refused. */
    private static ProductionStage productionStage() {
        return new ProductionStage(Env.require("STAGE"));
    }

    /** Provider API base URLs: each the provider's production host unless overridden (the local stand-ins). */
    private ProviderAdapters providerAdapters(ProductionStage stage) {
        ProviderAdapters.Endpoints production = ProviderAdapters.Endpoints.PRODUCTION;
        ProviderAdapters.Endpoints endpoints = new ProviderAdapters.Endpoints(
                Env.optional("MPESA_API_URL").map(URI::create).orElse(production.mpesa()),
                Env.optional("PAYSTACK_API_URL").map(URI::create).orElse(production.paystack()),
                Env.optional("STRIPE_API_URL").map(URI::create).orElse(production.stripe()),
                Env.optional("MIDTRANS_SNAP_URL").map(URI::create).orElse(production.midtransSnap()),
                Env.optional("MIDTRANS_API_URL").map(URI::create).orElse(production.midtransApi()));
        return ProviderAdapters.create(stage.check(endpoints), new ProviderHttp(), clock);
    }

    private static CredentialsSource credentials(ProductionStage stage) {
        return new SecretsManagerCredentials(AwsClients.newSecretsManager(SECRETS_READ_TIMEOUT), stage);
    }

    /** The portal's abuse limits ({@code PORTAL_*}), counted in the usage table. */
    private PortalLimits portalLimits() {
        PortalLimits.Settings settings = new PortalLimits.Settings(
                Duration.ofSeconds(Long.parseLong(Env.require("PORTAL_LIMIT_WINDOW_SECONDS"))),
                Integer.parseInt(Env.require("PORTAL_PURCHASES_PER_IP")),
                Integer.parseInt(Env.require("PORTAL_PURCHASES_PER_PORTAL")),
                Integer.parseInt(Env.require("PORTAL_PURCHASES_PER_PHONE")),
                Integer.parseInt(Env.require("PORTAL_PENDING_PER_PHONE")),
                Integer.parseInt(Env.require("PORTAL_CHALLENGE_AFTER_PER_IP")));
        ChallengeVerifier challenge = new ProofOfWorkChallenge(Integer.parseInt(Env.require("PORTAL_CHALLENGE_BITS")));
        return new PortalLimits(new DynamoRequestCounter(AwsClients.dynamoDb(), tables), repositories.payments(), challenge,
                settings, clock);
    }
}
