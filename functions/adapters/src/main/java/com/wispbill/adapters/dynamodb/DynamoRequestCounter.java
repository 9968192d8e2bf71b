package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.RequestCounter;
import com.wispbill.domain.Ids;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Request counters in the usage table ({@code RATELIMIT#<keyId> / WINDOW#<window start>}, {@code ADD}
 * and a TTL): high-write, short-lived items that must not land on the entity table's stream.
 */
public final class DynamoRequestCounter extends DynamoSupport implements RequestCounter {

    public DynamoRequestCounter(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public long increment(String keyId, Instant windowStart, Instant expiresAt) {
        Ids.require(keyId, "keyId");
        Map<String, AttributeValue> updated = dynamoDb.updateItem(
                UpdateItemRequest.builder().tableName(tables.usageTable())
                        .key(key(Keys.rateLimit(keyId), Keys.rateWindowSk(windowStart)))
                        .updateExpression("ADD requests :one SET #type = :type, #ttl = :ttl")
                        .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#ttl", Keys.TTL))
                        .expressionAttributeValues(Map.of(":one", ItemBuilder.n(1), ":type", ItemBuilder.s("RATE_LIMIT_WINDOW"),
                                ":ttl", ItemBuilder.n(expiresAt.getEpochSecond())))
                        .returnValues(ReturnValue.UPDATED_NEW)
                        .build()).attributes();
        return new ItemReader(updated).counter("requests");
    }
}
