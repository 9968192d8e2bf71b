package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.SmsMessageRepository;
import com.wispbill.domain.Ids;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@code RESELLER#<rid>} / {@code SMSMSG#<E.164>#<MessageId>} (a customer's SMS are one Query on the
 * prefix) and the pointer {@code SNSMSG#<MessageId>} / {@code SNSMSG} (reseller and number: SNS's
 * delivery log names only the MessageId and the destination). {@code rank} orders statuses so a
 * repeated record never moves one back. Both expire (TTL) after 90 days, like the WhatsApp messages.
 */
public final class DynamoSmsMessageRepository implements SmsMessageRepository {
    private static final long KEEP_SECONDS = 90L * 24 * 3600;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoSmsMessageRepository(DynamoDbClient dynamoDb, String entityTable) {
        this.dynamoDb = StoreFailureMapping.around(dynamoDb);
        this.table = entityTable;
    }

    @Override
    public void recordSent(String resellerId, String phoneE164, String messageId, String notificationId, SmsTemplate template,
                           Instant sentAt) {
        validate(resellerId, phoneE164, messageId);
        long ttl = sentAt.getEpochSecond() + KEEP_SECONDS;
        // The pointer first: a status that finds the pointer but no message yet is ignored, never misfiled.
        dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                .item(ItemBuilder.item("SNS_MESSAGE", Keys.snsMessage(messageId), Keys.SNS_MESSAGE_SK)
                        .s("resellerId", resellerId).s("phoneE164", phoneE164).n(Keys.TTL, ttl).build())
                .build());
        dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                .item(ItemBuilder.item("SMS_MESSAGE", Keys.reseller(resellerId), Keys.smsMessageSk(phoneE164, messageId))
                        .s("messageId", messageId).s("notificationId", notificationId).s("template", template.name())
                        .s("status", SmsMessage.Status.SENT.name()).n("rank", SmsMessage.Status.SENT.rank())
                        .instant("sentAt", sentAt).instant("statusAt", sentAt).n(Keys.TTL, ttl).build())
                .conditionExpression(DynamoSupport.NOT_EXISTS).build());
    }

    @Override
    public Applied applyStatus(String messageId, String destinationE164, SmsMessage.Status status, String providerResponse, Instant at) {
        if (messageId == null || messageId.isBlank() || messageId.length() > 128 || !PhoneNumbers.isE164(destinationE164)) {
            return Applied.UNKNOWN;
        }
        var pointer = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(DynamoSupport.key(Keys.snsMessage(messageId), Keys.SNS_MESSAGE_SK)).consistentRead(true).build());
        if (!pointer.hasItem() || pointer.item().isEmpty()) {
            return Applied.UNKNOWN;
        }
        ItemReader sent = new ItemReader(pointer.item());
        if (!sent.s("phoneE164").equals(destinationE164)) {
            // The record names another number than the one this MessageId went to: not a record of that SMS.
            return Applied.UNKNOWN;
        }
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(DynamoSupport.key(Keys.reseller(sent.s("resellerId")), Keys.smsMessageSk(destinationE164, messageId)))
                    .updateExpression("SET #status = :status, #rank = :rank, statusAt = :at, providerResponse = :response")
                    .conditionExpression(DynamoSupport.EXISTS + " AND #rank < :rank")
                    .expressionAttributeNames(Map.of("#status", "status", "#rank", "rank"))
                    .expressionAttributeValues(Map.of(":status", ItemBuilder.s(status.name()),
                            ":rank", ItemBuilder.n(status.rank()), ":at", ItemBuilder.s(DynamoInstants.format(at)),
                            ":response", ItemBuilder.s(providerResponse == null ? "" : limit(providerResponse))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Applied.STORED;
        } catch (ConditionalCheckFailedException e) {
            return DynamoSupport.oldItem(e).isPresent() ? Applied.STALE : Applied.UNKNOWN;
        }
    }

    @Override
    public List<SmsMessage> messages(String resellerId, String phoneE164, int limit) {
        PhoneNumbers.requireE164(phoneE164, "phoneE164");
        return dynamoDb.query(DynamoSupport.prefixQuery(table, Keys.reseller(resellerId), Keys.smsMessageSk(phoneE164, "")))
                .items().stream().map(ItemReader::new)
                .map(i -> new SmsMessage(i.s("messageId"), i.s("notificationId"), SmsTemplate.valueOf(i.s("template")),
                        SmsMessage.Status.valueOf(i.s("status")), i.instant("sentAt"), i.instant("statusAt"),
                        i.optS("providerResponse").filter(r -> !r.isEmpty())))
                .sorted((a, b) -> b.sentAt().compareTo(a.sentAt()))
                .limit(limit).toList();
    }

    /** Carriers' answers are short; a long one is cut so a record can never bloat the item. */
    private static String limit(String text) {
        return text.length() <= 256 ? text : text.substring(0, 256);
    }

    private static void validate(String resellerId, String phoneE164, String messageId) {
        if (!Ids.isValid(resellerId)) {
            throw new ValidationException("resellerId", "is not a valid id");
        }
        PhoneNumbers.requireE164(phoneE164, "phoneE164");
        if (messageId == null || messageId.isBlank() || messageId.length() > 128) {
            throw new ValidationException("messageId", "is required, at most 128 characters");
        }
    }
}
