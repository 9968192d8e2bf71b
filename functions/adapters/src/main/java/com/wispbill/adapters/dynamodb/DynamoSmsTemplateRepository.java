package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.domain.Ids;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.domain.notify.SmsTemplates;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * SMS settings ({@code RESELLER#<rid>} / {@code SMSSETTINGS}) and overrides, one item per language
 * ({@code RESELLER#<rid>} / {@code SMSTEMPLATES#<lang>}) with one string attribute per template name,
 * so a send reads two items whatever the number of templates.
 */
public final class DynamoSmsTemplateRepository implements SmsTemplateRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    /** {@code entityTable}: the entity table's name ({@code ENTITY_TABLE}). */
    public DynamoSmsTemplateRepository(DynamoDbClient dynamoDb, String entityTable) {
        this.dynamoDb = dynamoDb;
        this.table = entityTable;
    }

    @Override
    public SmsSettings settings(String resellerId) {
        requireId(resellerId);
        return get(Keys.reseller(resellerId), NotifierKeys.SMS_SETTINGS)
                .map(i -> i.map(() -> new SmsSettings(i.s("language"), i.optS("senderId"))))
                .orElse(SmsSettings.DEFAULT);
    }

    @Override
    public void saveSettings(String resellerId, SmsSettings settings) {
        requireId(resellerId);
        if (settings == null) {
            throw new ValidationException("settings", "is required");
        }
        dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                .item(ItemBuilder.item("SMS_SETTINGS", Keys.reseller(resellerId), NotifierKeys.SMS_SETTINGS)
                        .s("resellerId", resellerId).s("language", settings.language())
                        .optS("senderId", settings.senderId()).build())
                .build());
    }

    @Override
    public Map<SmsTemplate, String> overrides(String resellerId, String language) {
        requireId(resellerId);
        requireLanguage(language);
        Map<SmsTemplate, String> overrides = new EnumMap<>(SmsTemplate.class);
        get(Keys.reseller(resellerId), NotifierKeys.smsTemplatesSk(language)).ifPresent(item -> {
            for (SmsTemplate template : SmsTemplate.values()) {
                item.optS(template.name()).ifPresent(text -> overrides.put(template, text));
            }
        });
        return overrides;
    }

    @Override
    public void saveOverride(String resellerId, String language, SmsTemplate template, String text) {
        requireId(resellerId);
        requireLanguage(language);
        String valid = SmsTemplates.validateOverride(template, text);
        dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(DynamoSupport.key(Keys.reseller(resellerId), NotifierKeys.smsTemplatesSk(language)))
                .updateExpression("SET #type = :type, resellerId = :rid, #lang = :lang, #t = :text")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#lang", "language", "#t", template.name()))
                .expressionAttributeValues(Map.of(":type", ItemBuilder.s("SMS_TEMPLATES"), ":rid", ItemBuilder.s(resellerId),
                        ":lang", ItemBuilder.s(language), ":text", ItemBuilder.s(valid)))
                .build());
    }

    @Override
    public void removeOverride(String resellerId, String language, SmsTemplate template) {
        requireId(resellerId);
        requireLanguage(language);
        if (template == null) {
            throw new ValidationException("template", "is required");
        }
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(DynamoSupport.key(Keys.reseller(resellerId), NotifierKeys.smsTemplatesSk(language)))
                    .updateExpression("REMOVE #t")
                    // Without the condition, removing from a language with no overrides would create an empty item.
                    .conditionExpression(DynamoSupport.EXISTS)
                    .expressionAttributeNames(Map.of("#t", template.name()))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // No overrides in that language: already the built-in text.
        }
    }

    private Optional<ItemReader> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(DynamoSupport.key(pk, sk)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(new ItemReader(item));
    }

    private static void requireId(String resellerId) {
        if (!Ids.isValid(resellerId)) {
            throw new ValidationException("resellerId", "is not a valid id");
        }
    }

    private static void requireLanguage(String language) {
        // The settings record owns the language rule; reuse it rather than repeat the pattern.
        new SmsSettings(language, Optional.empty());
    }
}
