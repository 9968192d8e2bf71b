package com.wispbill.adapters;

import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import com.wispbill.adapters.aws.AwsService;
import com.wispbill.adapters.aws.SecretsManagerApi;
import com.wispbill.adapters.aws.SignedAwsClient;
import com.wispbill.adapters.aws.SnsApi;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS clients, built once per Lambda execution environment (clients are thread-safe and expensive to
 * create) with the small URL-connection HTTP client for cold-start time. DynamoDB and SQS use their
 * SDK clients; SNS and Secrets Manager are called through {@link SignedAwsClient} (no generated client:
 * docs/architecture.md), which resolves its endpoint as the SDK would (also {@code AWS_ENDPOINT_URL_SECRETS_MANAGER},
 * {@code aws.endpointUrlSecretsManager}).
 *
 * <p>Nothing here names a region or an endpoint. Region and credentials come from the SDK's default
 * chains (in Lambda: {@code AWS_REGION} and the execution role). Endpoints are overridden by the SDK
 * itself when configured (verified against SDK 2.40.2's {@code AwsClientEndpointProvider} and the
 * generated client builders): environment variables {@code AWS_ENDPOINT_URL} (all services) and
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_SNS}; or the
 * system properties {@code aws.endpointUrl} and {@code aws.endpointUrlDynamoDb} (note the capital D in
 * "Db"), {@code aws.endpointUrlSqs}, {@code aws.endpointUrlSns}. So the same code runs against AWS,
 * LocalStack and the embedded local stack.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbHolder.CLIENT;
    }

    public static SqsClient sqs() {
        return SqsHolder.CLIENT;
    }

    public static SnsApi sns() {
        return SnsHolder.CLIENT;
    }

    /**
     * A new DynamoDB client configured like {@link #dynamoDb()}. For tests and local tooling that must
     * pick up endpoint settings made after the shared client was created; functions use {@link #dynamoDb()}.
     */
    public static DynamoDbClient newDynamoDbClient() {
        return DynamoDbClient.builder().httpClient(httpClient()).build();
    }

    public static SqsClient newSqsClient() {
        return SqsClient.builder().httpClient(httpClient()).build();
    }

    /** SNS through {@link SignedAwsClient} (no generated client: see docs/architecture.md), retrying as the SDK does. */
    public static SnsApi newSns() {
        return new SnsApi(new SignedAwsClient(AwsService.SNS, SignedAwsClient.Options.standard()));
    }

    /**
     * SNS that never retries by itself: for SMS, where a retry after an answer was lost would send the
     * text twice. The caller sees every failure and decides (docs/notifier.md).
     */
    public static SnsApi newSnsWithoutRetries() {
        return new SnsApi(new SignedAwsClient(AwsService.SNS, SignedAwsClient.Options.standard().withoutRetries()));
    }

    public static SecretsManagerApi newSecretsManager() {
        return SecretsManagerApi.create();
    }

    /** With a shorter read limit, for secrets read while a request waits (credentials). */
    public static SecretsManagerApi newSecretsManager(Duration socketTimeout) {
        return SecretsManagerApi.create(SignedAwsClient.Options.standard().withSocketTimeout(socketTimeout));
    }

    /** The HTTP client of the SDK clients, with the limits of every AWS call ({@link SignedAwsClient.Options#standard()}). */
    private static SdkHttpClient httpClient() {
        return SignedAwsClient.httpClient(SignedAwsClient.Options.standard());
    }

    // Holder classes: each client is created on first use only, so a function that never touches SNS
    // never pays for an SNS client, and creation is thread-safe without locks.
    private static final class DynamoDbHolder {
        static final DynamoDbClient CLIENT = newDynamoDbClient();
    }

    private static final class SqsHolder {
        static final SqsClient CLIENT = newSqsClient();
    }

    private static final class SnsHolder {
        static final SnsApi CLIENT = newSns();
    }
}
