package com.wispbill.api;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.CursorSeal;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.adapters.sqs.SqsVoucherBatchQueue;
import com.wispbill.api.adapters.AwsProbes;
import com.wispbill.api.adapters.HttpProviderCheck;
import com.wispbill.api.adapters.SecretsManagerResellerSecrets;
import com.wispbill.api.adapters.SecretsManagerWhatsAppCredentials;
import com.wispbill.api.health.HealthCheck;
import com.wispbill.domain.network.HostResolver;
import com.wispbill.payment.FeePolicy;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import com.wispbill.payment.provider.MpesaAdapter;
import com.wispbill.payment.provider.ProductionStage;
import com.wispbill.payment.provider.ProviderHttp;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import com.wispbill.adapters.aws.SecretsManagerApi;

/**
 * The reseller API module's collaborators, built once per execution environment by the handlers' no-arg
 * constructors. The module serves two functions with different environments (the health check has no API
 * limits or cursor key, the API not every queue): {@link #fromEnvironment()} reads what both have, and each
 * handler then asks for its own part, which reads only its function's variables.
 */
public record ResellerApiWiring(TableNames tables, Clock clock) {
    /** The tables the template names, the system clock. */
    public static ResellerApiWiring fromEnvironment() {
        return new ResellerApiWiring(TableNames.fromEnvironment(), Clock.systemUTC());
    }

    /**
     * The API over the shared clients: the store and the notifier's SMS settings on the tables, the two queues it
     * sends to, its limits ({@code API_REQUESTS_PER_MINUTE}, {@code VOUCHER_OUTSTANDING_LIMIT}), the cursor key
     * the router network ({@code ROUTER_TUNNEL_CIDR}, {@code HUB_TUNNEL_ADDRESS}, {@code VPC_CIDR}) and where resellers'
     * WhatsApp credentials are kept ({@code WHATSAPP_SECRETS_PREFIX}), where router logins go
     * ({@code ROUTER_SECRETS_PREFIX}) and the provider APIs that check resellers' keys ({@code MPESA_API_URL} ...).
     */
    public ResellerApi resellerApi() {
        // The cursor key's Secrets Manager round trip runs while the clients below are built, instead of after them.
        FutureTask<CursorSeal> cursorSeal = new FutureTask<>(CursorSeal::fromEnvironment);
        Thread.ofVirtual().name("cursor-key").start(cursorSeal);
        DynamoStore store = DynamoStore.fromEnvironment();
        SecretsManagerApi secretsManager = AwsClients.newSecretsManager();
        ApiSettings settings = new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES,
                Integer.parseInt(Env.require("API_REQUESTS_PER_MINUTE")), ApiSettings.DEFAULT_RATE_WINDOW,
                Long.parseLong(Env.require("VOUCHER_OUTSTANDING_LIMIT")), ApiSettings.DEFAULT_SIGN_INS_PER_IP,
                Env.optional("PAYMENT_CALLBACK_BASE_URL").filter(url -> !url.isBlank()).map(URI::create));
        RouterNetwork network = RouterNetwork.of(Env.require("ROUTER_TUNNEL_CIDR"), Env.require("HUB_TUNNEL_ADDRESS"),
                Env.require("VPC_CIDR"), HostResolver.system());
        ProviderHttp providerHttp = new ProviderHttp();
        return new ResellerApi(store, store.alerts(), new DynamoSmsTemplateRepository(AwsClients.dynamoDb(), tables.entityTable()),
                SqsVoucherBatchQueue.fromEnvironment(), SqsRouterCommandQueue.fromEnvironment(), settings, readCursorSeal(cursorSeal),
                network, new SecretsManagerWhatsAppCredentials(secretsManager, Env.require("WHATSAPP_SECRETS_PREFIX")),
                new OnboardingSecrets(new SecretsManagerResellerSecrets(secretsManager), Env.require("ROUTER_SECRETS_PREFIX"),
                        new HttpProviderCheck(providerEndpoints(), providerHttp)), paybillSetup(secretsManager, providerHttp), clock);
    }

    /**
     * The cursor key read on its own thread, or that read's failure as it was thrown there (a missing secret stops
     * the start, {@code MissingConfigurationException} naming the variable), with where it was awaited added.
     */
    static CursorSeal readCursorSeal(FutureTask<CursorSeal> read) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            failure.addSuppressed(new IllegalStateException("awaited while building the reseller API"));
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("reading the cursor key failed", failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the cursor key", e);
        }
    }

    /** Provider API base URLs, as the payment functions have them (production hosts, or the local stand-ins). */
    private static HttpProviderCheck.Endpoints providerEndpoints() {
        return new HttpProviderCheck.Endpoints(URI.create(Env.require("MPESA_API_URL")),
                URI.create(Env.require("PAYSTACK_API_URL")), URI.create(Env.require("STRIPE_API_URL")),
                URI.create(Env.require("MIDTRANS_API_URL")));
    }

    /**
     * The paybill routes' M-Pesa side, as the payment webhook has it: {@code STAGE} (test keys refused in
     * production), {@code MPESA_API_URL} (Daraja's host unless overridden), the platform fee
     * ({@code PLATFORM_FEE_BASIS_POINTS}, {@code PLATFORM_FEE_MINIMUMS}) an assigned payment's settlement books.
     */
    private PaybillSetup paybillSetup(SecretsManagerApi secretsManager, ProviderHttp providerHttp) {
        ProductionStage stage = new ProductionStage(Env.require("STAGE"));
        URI daraja = URI.create(Env.require("MPESA_API_URL"));
        return new PaybillSetup(new SecretsManagerCredentials(secretsManager, stage),
                new MpesaAdapter(daraja, providerHttp, clock),
                new FeePolicy(Long.parseLong(Env.require("PLATFORM_FEE_BASIS_POINTS")),
                        FeePolicy.parseMinimums(Env.require("PLATFORM_FEE_MINIMUMS"))));
    }

    /** {@code GET /health}: both tables, the four work queues and Secrets Manager, with the build version. */
    public HealthCheck healthCheck() {
        return new HealthCheck(List.of(
                AwsProbes.table("entityTable", AwsClients.dynamoDb(), tables.entityTable()),
                AwsProbes.table("usageTable", AwsClients.dynamoDb(), tables.usageTable()),
                AwsProbes.queue("routerCommandsQueue", AwsClients.sqs(), Env.require("ROUTER_COMMANDS_QUEUE_URL")),
                AwsProbes.queue("voucherBatchesQueue", AwsClients.sqs(), Env.require("VOUCHER_BATCHES_QUEUE_URL")),
                AwsProbes.queue("usageSamplesQueue", AwsClients.sqs(), Env.require("USAGE_SAMPLES_QUEUE_URL")),
                AwsProbes.queue("notificationsQueue", AwsClients.sqs(), Env.require("NOTIFICATIONS_QUEUE_URL")),
                AwsProbes.secretsManager("secretsManager", AwsClients.newSecretsManager())),
                HealthHandler.buildVersion());
    }
}
