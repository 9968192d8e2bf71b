package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wispbill.adapters.aws.AwsService;
import com.wispbill.adapters.aws.SecretsManagerApi;
import com.wispbill.adapters.aws.SignedAwsClient;
import com.wispbill.api.adapters.SecretsManagerResellerSecrets;
import com.wispbill.api.service.ResellerSecrets;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The compare-and-swap of resellers' secrets when Secrets Manager did the change but its answer never arrived: the
 * retry finds the change already made, which is this writer's success, not another writer's conflict.
 */
class SecretsManagerResellerSecretsTest {
    @BeforeAll
    static void start() {
        TestStack.get(); // the embedded stack, reached through the SDK's endpoint settings
    }

    @Test
    void aVersionMoveWhoseAnswerWasLostIsThisWritersSuccessNotAConflict() {
        SecretsManagerApi direct = SecretsManagerApi.create();
        String name = "wispbill/providers/test/lost-move-" + System.nanoTime();
        direct.createSecret(name, "{\"k\":\"v1\"}", Optional.empty(), "test", Map.of());
        String read = direct.getSecretValue(name).versionId();
        AnswerLosingHttp http = new AnswerLosingHttp(Set.of("UpdateSecretVersionStage"));
        ResellerSecrets secrets = new SecretsManagerResellerSecrets(new SecretsManagerApi(client(http)));

        String written = secrets.replace(name, "rsl_test", "{\"k\":\"v2\"}", Optional.of(read));

        assertEquals(List.of("UpdateSecretVersionStage"), http.lost());
        assertEquals(Optional.of("{\"k\":\"v2\"}"), direct.getSecretValue(name).value());
        assertEquals(written, direct.getSecretValue(name).versionId());
        assertThrows(ResellerSecrets.StaleVersionException.class,
                () -> secrets.replace(name, "rsl_test", "{\"k\":\"v3\"}", Optional.of(read)), "the version read before is stale now");
    }

    @Test
    void aFirstWriteWhoseAnswerWasLostIsThisWritersSuccessNotAConflict() {
        SecretsManagerApi direct = SecretsManagerApi.create();
        String name = "wispbill/providers/test/lost-create-" + System.nanoTime();
        AnswerLosingHttp http = new AnswerLosingHttp(Set.of("CreateSecret"));
        ResellerSecrets secrets = new SecretsManagerResellerSecrets(new SecretsManagerApi(client(http)));

        String written = secrets.replace(name, "rsl_test", "{\"k\":\"v1\"}", Optional.empty());

        assertEquals(List.of("CreateSecret"), http.lost());
        assertEquals(written, direct.getSecretValue(name).versionId());
        assertThrows(ResellerSecrets.StaleVersionException.class,
                () -> new SecretsManagerResellerSecrets(direct).replace(name, "rsl_test", "{\"k\":\"other\"}", Optional.empty()),
                "a first write by another writer is still a conflict");
    }

    /** A Secrets Manager client of the embedded stack over {@code http}. */
    static SignedAwsClient client(SdkHttpClient http) {
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        return new SignedAwsClient(AwsService.SECRETS_MANAGER, SignedAwsClient.Options.standard(),
                SignedAwsClient.endpoint(AwsService.SECRETS_MANAGER, region), region, DefaultCredentialsProvider.builder().build(),
                http, Clock.systemUTC());
    }

    /** The real HTTP client; the first call of each named operation reaches Secrets Manager, and then its answer is lost. */
    private static final class AnswerLosingHttp implements SdkHttpClient {
        private final SdkHttpClient http = SignedAwsClient.httpClient(SignedAwsClient.Options.standard());
        private final Set<String> operations;
        private final Set<String> lostOnce = ConcurrentHashMap.newKeySet();
        private final List<String> lost = new java.util.concurrent.CopyOnWriteArrayList<>();

        AnswerLosingHttp(Set<String> operations) {
            this.operations = operations;
        }

        List<String> lost() {
            return lost;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
            String operation = target.substring(target.indexOf('.') + 1);
            ExecutableHttpRequest call = http.prepareRequest(request);
            if (!operations.contains(operation) || !lostOnce.add(operation)) {
                return call;
            }
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    HttpExecuteResponse answer = call.call();
                    if (answer.responseBody().isPresent()) {
                        answer.responseBody().get().readAllBytes();
                        answer.responseBody().get().close();
                    }
                    lost.add(operation);
                    throw new IOException("the connection broke before the answer to " + operation + " arrived");
                }

                @Override
                public void abort() {
                    call.abort();
                }
            };
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
