package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.SmsQuota;
import com.wispbill.domain.Ids;
import com.wispbill.domain.ValidationException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@code RESELLER#<rid>} / {@code SMSDAY#<UTC date>}: {@code sent} (ADD, conditional on staying within
 * the limit) and {@code refused} (ADD, returning the new count); expires 35 days after the day.
 */
public final class DynamoSmsQuota implements SmsQuota {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoSmsQuota(DynamoDbClient dynamoDb, String entityTable) {
        this.dynamoDb = StoreFailureMapping.around(dynamoDb);
        this.table = entityTable;
    }

    @Override
    public Verdict take(String resellerId, LocalDate day, long limit) {
        if (!Ids.isValid(resellerId)) {
            throw new ValidationException("resellerId", "is not a valid id");
        }
        var key = DynamoSupport.key(Keys.reseller(resellerId), Keys.smsDaySk(day));
        long ttl = day.plusDays(35).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(key)
                    .updateExpression("SET #type = :type, resellerId = :rid, #ttl = :ttl ADD sent :one")
                    // A limit of 0 sends nothing: the first of the day must be refused too.
                    .conditionExpression(":limit > :zero AND (attribute_not_exists(sent) OR sent < :limit)")
                    .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#ttl", Keys.TTL))
                    .expressionAttributeValues(Map.of(":type", ItemBuilder.s("SMS_DAY"), ":rid", ItemBuilder.s(resellerId),
                            ":ttl", ItemBuilder.n(ttl), ":one", ItemBuilder.n(1), ":limit", ItemBuilder.n(limit),
                            ":zero", ItemBuilder.n(0)))
                    .build());
            return new Verdict(true, false);
        } catch (ConditionalCheckFailedException e) {
            var refused = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(key)
                    .updateExpression("ADD refused :one")
                    .expressionAttributeValues(Map.of(":one", ItemBuilder.n(1)))
                    .returnValues(ReturnValue.UPDATED_NEW).build());
            return new Verdict(false, new ItemReader(refused.attributes()).n("refused") == 1);
        }
    }
}
