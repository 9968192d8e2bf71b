package com.wispbill.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import com.wispbill.api.OnboardingSecrets;
import com.wispbill.api.adapters.HttpProviderCheck;
import com.wispbill.api.adapters.SecretsManagerResellerSecrets;
import com.wispbill.api.adapters.SecretsManagerWhatsAppCredentials;
import com.wispbill.domain.network.HostResolver;
import com.wispbill.api.RouterNetwork;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.CursorSeal;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.adapters.sqs.SqsVoucherBatchQueue;
import com.wispbill.api.ApiSettings;
import com.wispbill.api.ResellerApi;
import com.wispbill.adapters.http.HttpRequest;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.api.service.ResellerAdmin;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.local.stack.EmbeddedStack;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Requests per second through the reseller API (in process, on the embedded stack), and what the
 * per-request key lookup, reseller read and shared rate-limit counter cost: the ratio of an
 * authenticated read to the unauthenticated OpenAPI document, and of a batch order (two reads, a
 * transaction and a queue send) to a plan listing.
 */
public final class ResellerApiBench implements BenchmarkSuite {
    private static final int WARMUP = 200;
    private static final int ROUNDS = 1_000;

    @Override
    public String name() {
        return "reseller-api";
    }

    @Override
    public String description() {
        return "reseller API requests/s on the embedded stack: public vs authenticated reads vs batch orders";
    }

    @Override
    public void run(PrintStream out) {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions("ResellerApiFunction")
                .schedulesEnabled(false).sqsPollingEnabled(false))) {
            Clock clock = Clock.systemUTC();
            DynamoDbClient dynamoDb = AwsClients.newDynamoDbClient();
            TableNames tables = new TableNames(stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable"));
            DynamoStore store = new DynamoStore(dynamoDb, tables, clock);
            SqsClient sqs = AwsClients.newSqsClient();
            ResellerApi api = new ResellerApi(store, store.alerts(), new DynamoSmsTemplateRepository(dynamoDb, tables.entityTable()),
                    new SqsVoucherBatchQueue(sqs, stack.resources().queueUrl("VoucherBatchesQueue")),
                    new SqsRouterCommandQueue(sqs, stack.resources().queueUrl("RouterCommandsQueue")),
                    new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, 10_000_000, Duration.ofMinutes(1), 100_000_000L),
                    CursorSeal.fromEnvironment(),
                    RouterNetwork.of("10.41.0.0/16", "10.41.0.1", "10.40.0.0/16", HostResolver.system()),
                    new SecretsManagerWhatsAppCredentials(AwsClients.newSecretsManager(), "wispbill/whatsapp/"),
                    new OnboardingSecrets(new SecretsManagerResellerSecrets(AwsClients.newSecretsManager()), "wispbill/routers/",
                            new HttpProviderCheck(HttpProviderCheck.Endpoints.PRODUCTION)), clock);
            String key = ResellerAdmin.of(store, clock).onboard("Bench WiFi", "Africa/Nairobi", "KES", ApiKeyRole.RESELLER)
                    .key().secret();
            String planId = id(api.handle(request("POST", "/v1/plans", key, """
                    {"name": "Daily", "priceMinor": 5000, "validity": {"type": "FIXED", "duration": "PT24H"}}""")));
            String routerId = id(api.handle(request("POST", "/v1/routers", key, "{\"name\": \"R1\", \"host\": \"10.8.0.2\"}")));
            String order = "{\"planId\": \"" + planId + "\", \"routerIds\": [\"" + routerId + "\"], \"quantity\": 10}";

            double open = perSecond(() -> api.handle(request("GET", "/v1/openapi.json", null, null)));
            double list = perSecond(() -> api.handle(request("GET", "/v1/plans", key, null)));
            double batch = perSecond(() -> api.handle(request("POST", "/v1/voucher-batches", key, order)));
            out.printf("GET /v1/openapi.json (no key, no I/O)  %8.0f req/s%n", open);
            out.printf("GET /v1/plans (key, rate limit, query)  %8.1f req/s  (1/%.0f of the no-I/O floor)%n", list, open / list);
            out.printf("POST /v1/voucher-batches (202)          %8.1f req/s  (%.2fx a plan listing)%n", batch, batch / list);
        }
    }

    private static HttpRequest request(String method, String path, String key, String body) {
        Map<String, String> headers = key == null ? Map.of() : Map.of("authorization", "Bearer " + key);
        return new HttpRequest(method, path, headers, Map.of(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static String id(HttpResponse created) {
        if (created.status() != 201) {
            throw new IllegalStateException("setup failed: " + created.body());
        }
        int at = created.body().indexOf("\"id\":\"") + 6;
        return created.body().substring(at, created.body().indexOf('"', at));
    }

    private static double perSecond(Supplier<HttpResponse> call) {
        for (int i = 0; i < WARMUP; i++) {
            check(call.get());
        }
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            check(call.get());
        }
        return ROUNDS / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(HttpResponse response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("benchmark request failed: " + response.status() + " " + response.body());
        }
    }
}
