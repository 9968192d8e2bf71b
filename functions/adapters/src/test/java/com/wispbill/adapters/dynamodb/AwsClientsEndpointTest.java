package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * {@link AwsClients} sets no endpoint in code; the SDK must take it from {@code aws.endpointUrlDynamoDb}.
 * If it did not, these calls would go to real AWS with fake credentials and fail.
 */
class AwsClientsEndpointTest {

    @Test
    void clientFindsDynamoDbLocalThroughTheSdkEndpointProperty() {
        TableNames tables = LocalDynamoDb.newTables();
        try (DynamoDbClient fresh = AwsClients.newDynamoDbClient()) {
            assertTrue(fresh.listTables().tableNames().contains(tables.entityTable()));
            DescribeTableResponse entity = fresh.describeTable(b -> b.tableName(tables.entityTable()));
            assertEquals(3, entity.table().globalSecondaryIndexes().size());
            entity.table().globalSecondaryIndexes()
                    .forEach(gsi -> assertEquals(ProjectionType.ALL, gsi.projection().projectionType()));
            assertEquals("ttl", fresh.describeTimeToLive(b -> b.tableName(tables.usageTable()))
                    .timeToLiveDescription().attributeName());
        }
    }
}
