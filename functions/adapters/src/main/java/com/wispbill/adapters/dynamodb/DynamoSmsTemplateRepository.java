package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.domain.Ids;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsApprovals;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.domain.notify.SmsTemplates;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * SMS settings ({@code RESELLER#<rid>} / {@code SMSSETTINGS}) and overrides, one item per language
 * ({@code RESELLER#<rid>} / {@code SMSTEMPLATES#<lang>}) with one string attribute per template name,
 * so a send reads two items whatever the number of templates. The operator's approvals
 * ({@code approvedSenderIds}, {@code linksAllowed}) live on the settings item too: the sender id is checked
 * against them in the same read and, when saved, in the same conditional write. The reseller's writes set
 * only its own attributes and the operator's only theirs.
 */
public final class DynamoSmsTemplateRepository implements SmsTemplateRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    /** {@code entityTable}: the entity table's name ({@code ENTITY_TABLE}). */
    public DynamoSmsTemplateRepository(DynamoDbClient dynamoDb, String entityTable) {
        this.dynamoDb = StoreFailureMapping.around(dynamoDb);
        this.table = entityTable;
    }

    @Override
    public SmsSettings settings(String resellerId) {
        requireId(resellerId);
        return get(Keys.reseller(resellerId), Keys.SMS_SETTINGS)
                .filter(i -> i.has("language"))
                .map(i -> i.map(() -> new SmsSettings(i.s("language"),
                        i.optS("senderId").filter(approvalsOf(i)::allowsSenderId))))
                .orElse(SmsSettings.DEFAULT);
    }

    @Override
    public void saveSettings(String resellerId, SmsSettings settings) {
        requireId(resellerId);
        if (settings == null) {
            throw new ValidationException("settings", "is required");
        }
        Map<String, String> names = new HashMap<>(Map.of("#type", Keys.TYPE, "#lang", "language", "#sid", "senderId"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":type", ItemBuilder.s("SMS_SETTINGS"),
                ":rid", ItemBuilder.s(resellerId), ":lang", ItemBuilder.s(settings.language())));
        UpdateItemRequest.Builder update = UpdateItemRequest.builder().tableName(table)
                .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.SMS_SETTINGS));
        if (settings.senderId().isPresent()) {
            values.put(":sid", ItemBuilder.s(settings.senderId().get()));
            names.put("#approved", "approvedSenderIds");
            update.updateExpression("SET #type = :type, resellerId = :rid, #lang = :lang, #sid = :sid")
                    .conditionExpression("contains(#approved, :sid)");
        } else {
            update.updateExpression("SET #type = :type, resellerId = :rid, #lang = :lang REMOVE #sid");
        }
        try {
            dynamoDb.updateItem(update.expressionAttributeNames(names).expressionAttributeValues(values).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ValidationException("senderId", "is not approved by the operator for this account");
        }
    }

    @Override
    public SmsApprovals approvals(String resellerId) {
        requireId(resellerId);
        return get(Keys.reseller(resellerId), Keys.SMS_SETTINGS).map(DynamoSmsTemplateRepository::approvalsOf)
                .orElse(SmsApprovals.NONE);
    }

    @Override
    public void saveApprovals(String resellerId, SmsApprovals approvals) {
        requireId(resellerId);
        dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.SMS_SETTINGS))
                .updateExpression("SET #type = :type, resellerId = :rid, approvedSenderIds = :ids, linksAllowed = :links")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE))
                .expressionAttributeValues(Map.of(":type", ItemBuilder.s("SMS_SETTINGS"), ":rid", ItemBuilder.s(resellerId),
                        ":ids", AttributeValue.fromL(approvals.senderIds().stream().map(ItemBuilder::s).toList()),
                        ":links", AttributeValue.fromBool(approvals.linksAllowed())))
                .build());
        if (!approvals.linksAllowed()) {
            removeOverridesWithLinks(resellerId);
        }
    }

    /** Every override holding a link goes back to the built-in text: one query of the reseller's template items. */
    private void removeOverridesWithLinks(String resellerId) {
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", ItemBuilder.s(Keys.reseller(resellerId)),
                            ":prefix", ItemBuilder.s(Keys.SMS_TEMPLATES_PREFIX)));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(q.build());
            for (Map<String, AttributeValue> raw : page.items()) {
                ItemReader item = new ItemReader(raw);
                for (SmsTemplate template : SmsTemplate.values()) {
                    if (item.optS(template.name()).flatMap(SmsApprovals::findLink).isPresent()) {
                        removeOverride(resellerId, item.s("language"), template);
                    }
                }
            }
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private static SmsApprovals approvalsOf(ItemReader item) {
        return item.has("approvedSenderIds") || item.has("linksAllowed")
                ? new SmsApprovals(item.has("approvedSenderIds") ? item.strings("approvedSenderIds") : java.util.List.of(),
                        item.has("linksAllowed") && item.bool("linksAllowed"))
                : SmsApprovals.NONE;
    }

    @Override
    public Map<SmsTemplate, String> overrides(String resellerId, String language) {
        requireId(resellerId);
        requireLanguage(language);
        Map<SmsTemplate, String> overrides = new EnumMap<>(SmsTemplate.class);
        get(Keys.reseller(resellerId), Keys.smsTemplatesSk(language)).ifPresent(item -> {
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
                .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.smsTemplatesSk(language)))
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
                    .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.smsTemplatesSk(language)))
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
