package com.wispbill.adapters;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.repository.StoreUnavailableException;
import com.wispbill.adapters.sqs.QueueSendException;
import com.wispbill.adapters.sqs.SqsSender;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The adapters report a service they cannot reach with their port's exception, not the SDK's, so no code
 * outside the adapters needs SDK types to tell "try again later" from a bug (the API answers 503).
 */
class UnreachableServicesTest {
    private static URI nowhere;

    @BeforeAll
    static void aPortNothingListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void anUnreachableStoreIsStoreUnavailable() {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(nowhere).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            DynamoStore store = new DynamoStore(dynamoDb, new TableNames("entity", "usage"), Clock.systemUTC());

            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> store.resellers().find("r1"));
            assertInstanceOf(SdkClientException.class, e.getCause());
        }
    }

    @Test
    void anUnreachableQueueIsAFailedSend() {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(nowhere).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            SqsSender sender = new SqsSender(sqs, nowhere + "/000000000000/work");

            QueueSendException e = assertThrows(QueueSendException.class,
                    () -> sender.send(List.of(SqsSender.OutgoingMessage.standard("{}"))));
            assertInstanceOf(SdkClientException.class, e.getCause());
        }
    }
}
