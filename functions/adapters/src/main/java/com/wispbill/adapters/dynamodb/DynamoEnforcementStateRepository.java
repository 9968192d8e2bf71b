package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.EnforcementStateRepository;
import com.wispbill.domain.Ids;
import com.wispbill.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * EntityTable items: {@code SWEEP#<name> / #} (checkpoint {@code sweptUntil}), {@code REMINDER#<id> / #}
 * (a sent reminder, with TTL), {@code RESELLER#<id> / SETTINGS#ENFORCEMENT} ({@code reminderLeadMinutes})
 * and {@code SETTINGS#REMINDER_LEADS / #} (number set {@code leadMinutes}: every lead in use).
 */
public final class DynamoEnforcementStateRepository extends DynamoSupport implements EnforcementStateRepository {

    public DynamoEnforcementStateRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public Optional<Instant> sweptUntil(String sweep) {
        return getEntity(Keys.sweepCheckpoint(Ids.require(sweep, "sweep")), Keys.SINGLE).map(i -> i.instant("sweptUntil"));
    }

    @Override
    public void advanceSweptUntil(String sweep, Instant until) {
        Map<String, AttributeValue> item = ItemBuilder.item("SWEEP_CHECKPOINT", Keys.sweepCheckpoint(Ids.require(sweep, "sweep")),
                Keys.SINGLE).instant("sweptUntil", until).build();
        try {
            dynamoDb.putItem(b -> b.tableName(tables.entityTable()).item(item)
                    .conditionExpression(NOT_EXISTS + " OR sweptUntil < :until")
                    .expressionAttributeValues(Map.of(":until", item.get("sweptUntil"))));
        } catch (ConditionalCheckFailedException e) {
            // Another run already got at least this far.
        }
    }

    @Override
    public boolean reminderSent(String notificationId) {
        return getEntity(Keys.reminderMarker(notificationId), Keys.SINGLE).isPresent();
    }

    @Override
    public void markReminderSent(String notificationId, Instant keepUntil) {
        Map<String, AttributeValue> item = ItemBuilder.item("REMINDER_SENT", Keys.reminderMarker(notificationId), Keys.SINGLE)
                .n(Keys.TTL, keepUntil.getEpochSecond()).build();
        try {
            putNew(item, "reminder already recorded");
        } catch (com.wispbill.domain.ConflictException e) {
            // Recorded by a concurrent run: the same reminder, already sent under the same id.
        }
    }

    @Override
    public Duration reminderLead(String resellerId) {
        return getEntity(Keys.reseller(Ids.require(resellerId, "resellerId")), Keys.ENFORCEMENT_SETTINGS_SK)
                .flatMap(i -> i.optN("reminderLeadMinutes"))
                .map(Duration::ofMinutes)
                .orElse(DEFAULT_REMINDER_LEAD);
    }

    @Override
    public void setReminderLead(String resellerId, Duration lead) {
        Ids.require(resellerId, "resellerId");
        if (lead == null || lead.compareTo(Duration.ofMinutes(1)) < 0 || lead.compareTo(MAX_REMINDER_LEAD) > 0
                || lead.toSecondsPart() != 0 || lead.toNanosPart() != 0) {
            throw new ValidationException("reminderLead", "must be whole minutes between 1 minute and "
                    + MAX_REMINDER_LEAD.toDays() + " days");
        }
        long minutes = lead.toMinutes();
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        tx.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.entityTable())
                .item(ItemBuilder.item("ENFORCEMENT_SETTINGS", Keys.reseller(resellerId), Keys.ENFORCEMENT_SETTINGS_SK)
                        .n("reminderLeadMinutes", minutes).build()).build()).build(), "settings");
        tx.add(TransactWriteItem.builder().update(Update.builder().tableName(tables.entityTable())
                .key(key(Keys.REMINDER_LEADS, Keys.SINGLE))
                .updateExpression("ADD leadMinutes :lead SET #type = :type")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE))
                .expressionAttributeValues(Map.of(":lead", AttributeValue.fromNs(java.util.List.of(Long.toString(minutes))),
                        ":type", ItemBuilder.s("REMINDER_LEADS")))
                .build()).build(), "leads");
        tx.commit();
    }

    @Override
    public Set<Duration> reminderLeadsInUse() {
        Set<Duration> leads = new TreeSet<>();
        leads.add(DEFAULT_REMINDER_LEAD);
        getEntity(Keys.REMINDER_LEADS, Keys.SINGLE)
                .filter(i -> i.raw().get("leadMinutes") != null && i.raw().get("leadMinutes").hasNs())
                .ifPresent(i -> i.raw().get("leadMinutes").ns().forEach(m -> leads.add(Duration.ofMinutes(Long.parseLong(m)))));
        return leads;
    }
}
