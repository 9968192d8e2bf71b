package com.wispbill.adapters.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The two tables exactly as template.yaml defines them (see docs/data-model.md): EntityTable with
 * PK/SK, GSI1, GSI2 and ExpiryIndex (all projecting ALL), TTL on {@code ttl}, a NEW_AND_OLD_IMAGES
 * stream; UsageTable with PK/SK, UnflushedIndex (keys and sweptAt) and TTL. Both on-demand.
 */
final class TableDefinitions {
    private TableDefinitions() {
    }

    static void create(DynamoDbClient dynamoDb, TableNames names) {
        dynamoDb.createTable(CreateTableRequest.builder()
                .tableName(names.entityTable())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string("PK"), string("SK"), string("GSI1PK"), string("GSI1SK"), string("GSI2PK"), string("GSI2SK"),
                        string("expiryBucket"), string("expiresAtKey"))
                .keySchema(hash("PK"), range("SK"))
                .globalSecondaryIndexes(
                        index("GSI1", "GSI1PK", "GSI1SK"),
                        index("GSI2", "GSI2PK", "GSI2SK"),
                        index("ExpiryIndex", "expiryBucket", "expiresAtKey"))
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build());
        dynamoDb.createTable(CreateTableRequest.builder()
                .tableName(names.usageTable())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("PK"), string("SK"), string(DynamoUsageRepository.UNFLUSHED_SHARD),
                        string(DynamoUsageRepository.UNFLUSHED_SINCE))
                .keySchema(hash("PK"), range("SK"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(Keys.UNFLUSHED_INDEX)
                        .keySchema(hash(DynamoUsageRepository.UNFLUSHED_SHARD), range(DynamoUsageRepository.UNFLUSHED_SINCE))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes(DynamoUsageRepository.SWEPT_AT).build()).build())
                .build());
        for (String table : List.of(names.entityTable(), names.usageTable())) {
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
            dynamoDb.updateTimeToLive(UpdateTimeToLiveRequest.builder().tableName(table)
                    .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(true).attributeName("ttl").build())
                    .build());
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    private static GlobalSecondaryIndex index(String name, String hashKey, String rangeKey) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(hash(hashKey), range(rangeKey))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build();
    }
}
