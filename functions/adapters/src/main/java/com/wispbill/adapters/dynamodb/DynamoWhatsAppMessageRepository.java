package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.WhatsAppMessageRepository;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.WhatsAppMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@code RESELLER#<rid>} / {@code WAMSG#<E.164>#<wamid>}: the key a status webhook can build from its
 * {@code recipient_id} and {@code id}, and a customer's messages are one Query on the prefix.
 * {@code rank} orders statuses so a late {@code delivered} never overwrites {@code read}. TTL 90 days.
 */
public final class DynamoWhatsAppMessageRepository implements WhatsAppMessageRepository {
    private static final long KEEP_SECONDS = 90L * 24 * 3600;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoWhatsAppMessageRepository(DynamoDbClient dynamoDb, String entityTable) {
        this.dynamoDb = dynamoDb;
        this.table = entityTable;
    }

    @Override
    public void recordSent(String resellerId, String phoneE164, String messageId, String notificationId, SmsTemplate template,
                           Map<String, String> parameters, Instant sentAt) {
        PhoneNumbers.requireE164(phoneE164, "phoneE164");
        Map<String, AttributeValue> item = new HashMap<>(
                ItemBuilder.item("WHATSAPP_MESSAGE", Keys.reseller(resellerId), Keys.whatsAppMessageSk(phoneE164, messageId))
                        .s("messageId", messageId).s("notificationId", notificationId).s("template", template.name())
                        .s("status", WhatsAppMessage.Status.SENT.name()).n("rank", WhatsAppMessage.Status.SENT.ordinal())
                        .instant("sentAt", sentAt).instant("statusAt", sentAt)
                        .n(Keys.TTL, sentAt.getEpochSecond() + KEEP_SECONDS).build());
        Map<String, AttributeValue> values = new HashMap<>();
        parameters.forEach((name, value) -> values.put(name, ItemBuilder.s(value)));
        item.put("parameters", AttributeValue.fromM(values));
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression(DynamoSupport.NOT_EXISTS).build());
    }

    @Override
    public Optional<Failed> failed(String resellerId, String phoneE164, String messageId) {
        PhoneNumbers.requireE164(phoneE164, "phoneE164");
        var found = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.whatsAppMessageSk(phoneE164, messageId)))
                .consistentRead(true).build());
        if (!found.hasItem() || found.item().isEmpty()) {
            return Optional.empty();
        }
        ItemReader item = new ItemReader(found.item());
        if (!WhatsAppMessage.Status.FAILED.name().equals(item.s("status"))) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        AttributeValue stored = found.item().get("parameters");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, value) -> parameters.put(name, value.s()));
        }
        return Optional.of(new Failed(item.s("notificationId"), SmsTemplate.valueOf(item.s("template")), parameters));
    }

    @Override
    public boolean applyStatus(String resellerId, String phoneE164, String messageId, WhatsAppMessage.Status status, Instant at) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.whatsAppMessageSk(phoneE164, messageId)))
                    .updateExpression("SET #status = :status, #rank = :rank, statusAt = :at")
                    .conditionExpression(DynamoSupport.EXISTS + " AND #rank < :rank")
                    .expressionAttributeNames(Map.of("#status", "status", "#rank", "rank"))
                    .expressionAttributeValues(Map.of(":status", ItemBuilder.s(status.name()),
                            ":rank", ItemBuilder.n(status.ordinal()), ":at", ItemBuilder.s(DynamoInstants.format(at))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<WhatsAppMessage> messages(String resellerId, String phoneE164, int limit) {
        PhoneNumbers.requireE164(phoneE164, "phoneE164");
        return dynamoDb.query(DynamoSupport.prefixQuery(table, Keys.reseller(resellerId), Keys.whatsAppMessageSk(phoneE164, "")))
                .items().stream().map(ItemReader::new)
                .map(i -> new WhatsAppMessage(i.s("messageId"), i.s("notificationId"), SmsTemplate.valueOf(i.s("template")),
                        WhatsAppMessage.Status.valueOf(i.s("status")), i.instant("sentAt"), i.instant("statusAt")))
                .sorted((a, b) -> b.sentAt().compareTo(a.sentAt()))
                .limit(limit).toList();
    }
}
