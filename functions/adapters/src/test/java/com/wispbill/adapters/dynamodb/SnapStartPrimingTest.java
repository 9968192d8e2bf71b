package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What runs before SnapStart's snapshot: real DynamoDB calls that read a key no item has and write
 * nothing, and a failure that never stops the snapshot.
 */
class SnapStartPrimingTest {
    /**
     * Passes reads through to DynamoDB Local and records them; every other operation is the SDK
     * interface's default, which throws, so a write made while priming would fail a step.
     */
    private static final class ReadsOnly implements DynamoDbClient {
        private final DynamoDbClient delegate;
        final List<String> calls = new ArrayList<>();

        ReadsOnly(DynamoDbClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            calls.add("GetItem " + request.tableName() + " " + request.key().get("PK").s());
            return delegate.getItem(request);
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            calls.add("Query " + request.tableName() + " " + request.expressionAttributeValues().get(":pk").s());
            return delegate.query(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void primingReadsAKeyNoItemHasAndWritesNothing() {
        TableNames tables = LocalDynamoDb.newTables();
        ReadsOnly dynamoDb = new ReadsOnly(LocalDynamoDb.client());
        SnapStartPriming priming = new SnapStartPriming(SnapStartPrimingTest.class, dynamoDb, tables);

        assertEquals(4, priming.prime(), "every step completes; a write would have thrown");
        assertEquals(List.of("GetItem " + tables.entityTable() + " " + SnapStartPriming.PRIMING_KEY,
                "Query " + tables.entityTable() + " " + SnapStartPriming.PRIMING_KEY), dynamoDb.calls);
    }

    @Test
    void anUnreachableStoreFailsItsStepsButNotTheSnapshot() {
        try (DynamoDbClient unreachable = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build()) {
            SnapStartPriming priming = new SnapStartPriming(SnapStartPrimingTest.class, unreachable,
                    new TableNames("EntityTable-missing", "UsageTable-missing"));

            assertEquals(2, priming.prime(), "only the JSON steps complete, and nothing is thrown");
        }
    }
}
