package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.WhatsAppSettingsRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Ids;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.WhatsAppTemplate;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Templates: {@code RESELLER#<rid>} / {@code WHATSAPPTEMPLATES}, one attribute per event holding
 * {@code <name>|<language>}, so a send reads one item. Opt-in: {@code RESELLER#<rid>} /
 * {@code WHATSAPPOPTIN#<phone>}, {@code status} {@code OPTED_IN}, {@code OPTED_OUT} (set through the API) or {@code STOPPED} (the customer wrote STOP).
 */
public final class DynamoWhatsAppSettingsRepository implements WhatsAppSettingsRepository {
    private static final String OPTED_IN = "OPTED_IN";
    private static final String STOPPED = "STOPPED";
    private static final String OPTED_OUT = "OPTED_OUT";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoWhatsAppSettingsRepository(DynamoDbClient dynamoDb, String entityTable) {
        this.dynamoDb = dynamoDb;
        this.table = entityTable;
    }

    @Override
    public Map<SmsTemplate, WhatsAppTemplate> templates(String resellerId) {
        Map<SmsTemplate, WhatsAppTemplate> templates = new EnumMap<>(SmsTemplate.class);
        get(resellerId, Keys.WHATSAPP_TEMPLATES).forEach((attribute, value) -> {
            for (SmsTemplate event : SmsTemplate.values()) {
                if (event.name().equals(attribute) && value.s() != null) {
                    String[] parts = value.s().split("\\|", 2);
                    templates.put(event, new WhatsAppTemplate(parts[0], parts.length > 1 ? parts[1] : ""));
                }
            }
        });
        return templates;
    }

    @Override
    public void saveTemplate(String resellerId, SmsTemplate event, WhatsAppTemplate template) {
        requireId(resellerId);
        if (event == null || template == null) {
            throw new ValidationException("template", "is required");
        }
        dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.WHATSAPP_TEMPLATES))
                .updateExpression("SET #type = :type, #t = :t")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#t", event.name()))
                .expressionAttributeValues(Map.of(":type", ItemBuilder.s("WHATSAPP_TEMPLATES"),
                        ":t", ItemBuilder.s(template.name() + "|" + template.language())))
                .build());
    }

    @Override
    public boolean optedIn(String resellerId, String phoneE164) {
        return OPTED_IN.equals(optInStatus(resellerId, phoneE164));
    }

    @Override
    public boolean stopped(String resellerId, String phoneE164) {
        return STOPPED.equals(optInStatus(resellerId, phoneE164));
    }

    private String optInStatus(String resellerId, String phoneE164) {
        PhoneNumbers.requireE164(phoneE164, "phoneE164");
        AttributeValue status = get(resellerId, Keys.whatsAppOptInSk(phoneE164)).get("status");
        return status == null ? null : status.s();
    }

    /** Refused once the customer wrote STOP: a reseller cannot undo the customer's own opt-out. */
    @Override
    public void optIn(String resellerId, String phoneE164) {
        setOptIn(resellerId, phoneE164, OPTED_IN, true);
    }

    /** Refused once the customer wrote STOP (it would send reminders by SMS again). */
    @Override
    public void optOut(String resellerId, String phoneE164) {
        setOptIn(resellerId, phoneE164, OPTED_OUT, true);
    }

    @Override
    public void stop(String resellerId, String phoneE164) {
        setOptIn(resellerId, phoneE164, STOPPED, false);
    }

    private void setOptIn(String resellerId, String phoneE164, String status, boolean unlessStopped) {
        requireId(resellerId);
        PhoneNumbers.requireE164(phoneE164, "phoneE164");
        UpdateItemRequest.Builder update = UpdateItemRequest.builder().tableName(table)
                .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.whatsAppOptInSk(phoneE164)))
                .updateExpression("SET #type = :type, #status = :status")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#status", "status"));
        if (unlessStopped) {
            update.conditionExpression("attribute_not_exists(#status) OR #status <> :stopped")
                    .expressionAttributeValues(Map.of(":type", ItemBuilder.s("WHATSAPP_OPT_IN"), ":status", ItemBuilder.s(status),
                            ":stopped", ItemBuilder.s(STOPPED)));
        } else {
            update.expressionAttributeValues(Map.of(":type", ItemBuilder.s("WHATSAPP_OPT_IN"), ":status", ItemBuilder.s(status)));
        }
        try {
            dynamoDb.updateItem(update.build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("the customer wrote STOP on WhatsApp; only the customer can change that");
        }
    }

    private Map<String, AttributeValue> get(String resellerId, String sk) {
        requireId(resellerId);
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(DynamoSupport.key(Keys.reseller(resellerId), sk)).consistentRead(true).build()).item();
        return item == null ? Map.of() : item;
    }

    private static void requireId(String resellerId) {
        if (!Ids.isValid(resellerId)) {
            throw new ValidationException("resellerId", "is not a valid id");
        }
    }
}
