package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.SmsDeliveryRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Ids;
import com.wispbill.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * SMS delivery records, {@code RESELLER#<rid>} / {@code SMS#<notificationId>}: {@code CLAIMED} (with
 * {@code claimToken} and {@code leaseUntil}) while a sender publishes, then {@code SENT}, or
 * {@code RELEASED} after a publish that surely failed (claimable again), or {@code UNCERTAIN} /
 * {@code OVER_QUOTA}. Final records expire (TTL) after {@link #SENT_RETENTION}, far longer than any
 * producer re-sends a request.
 */
public final class DynamoSmsDeliveryRepository implements SmsDeliveryRepository {
    static final Duration SENT_RETENTION = Duration.ofDays(90);
    private static final String CLAIMED = "CLAIMED";
    private static final String SENT = "SENT";
    private static final String RELEASED = "RELEASED";

    private final DynamoDbClient dynamoDb;
    private final String table;

    /** {@code entityTable}: the entity table's name ({@code ENTITY_TABLE}). */
    public DynamoSmsDeliveryRepository(DynamoDbClient dynamoDb, String entityTable) {
        this.dynamoDb = StoreFailureMapping.around(dynamoDb);
        this.table = entityTable;
    }

    @Override
    public Claim claim(String resellerId, String notificationId, Instant now, Duration lease) {
        validate(resellerId, notificationId);
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new ValidationException("lease", "must be positive");
        }
        String token = UUID.randomUUID().toString();
        try {
            var updated = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.smsDeliverySk(notificationId)))
                    .updateExpression("SET #type = :type, resellerId = :rid, notificationId = :nid, #status = :claimed,"
                            + " claimToken = :token, leaseUntil = :lease, claimedAt = :now ADD attempts :one")
                    // New, or given back after a publish that surely failed. A claim whose lease ran out is not
                    // taken: its sender may have published before it died (Claim.Abandoned).
                    .conditionExpression("attribute_not_exists(PK) OR #status = :released")
                    .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#status", "status"))
                    .expressionAttributeValues(Map.of(":type", ItemBuilder.s("SMS_DELIVERY"),
                            ":rid", ItemBuilder.s(resellerId), ":nid", ItemBuilder.s(notificationId),
                            ":claimed", ItemBuilder.s(CLAIMED), ":released", ItemBuilder.s(RELEASED),
                            ":token", ItemBuilder.s(token), ":lease", ItemBuilder.s(DynamoInstants.format(now.plus(lease))),
                            ":now", ItemBuilder.s(DynamoInstants.format(now)), ":one", ItemBuilder.n(1)))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new Claim.Claimed(token, (int) new ItemReader(updated.attributes()).n("attempts"));
        } catch (ConditionalCheckFailedException e) {
            ItemReader existing = DynamoSupport.oldItem(e)
                    .orElseThrow(() -> new IllegalStateException("claim refused but no item returned", e));
            String status = existing.s("status");
            if (SENT.equals(status)) {
                return new Claim.AlreadySent(existing.instant("sentAt"));
            }
            if (!CLAIMED.equals(status)) {
                return new Claim.Settled(Unsent.valueOf(status));
            }
            Instant leaseUntil = existing.instant("leaseUntil");
            return leaseUntil.isBefore(now) ? new Claim.Abandoned(leaseUntil) : new Claim.InFlight(leaseUntil);
        }
    }

    @Override
    public void markSent(String resellerId, String notificationId, String token, String messageId, Instant sentAt) {
        validate(resellerId, notificationId);
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.smsDeliverySk(notificationId)))
                    .updateExpression("SET #status = :sent, messageId = :mid, sentAt = :at, #ttl = :ttl REMOVE claimToken, leaseUntil")
                    .conditionExpression("#status = :claimed AND claimToken = :token")
                    .expressionAttributeNames(Map.of("#status", "status", "#ttl", Keys.TTL))
                    .expressionAttributeValues(Map.of(":sent", ItemBuilder.s(SENT), ":claimed", ItemBuilder.s(CLAIMED),
                            ":token", ItemBuilder.s(token), ":mid", ItemBuilder.s(messageId),
                            ":at", ItemBuilder.s(DynamoInstants.format(sentAt)),
                            ":ttl", ItemBuilder.n(sentAt.plus(SENT_RETENTION).getEpochSecond())))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("SMS " + notificationId + " was claimed by another sender before it was marked sent", e);
        }
    }

    @Override
    public void release(String resellerId, String notificationId, String token, Instant now) {
        validate(resellerId, notificationId);
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.smsDeliverySk(notificationId)))
                    .updateExpression("SET #status = :released, leaseUntil = :now REMOVE claimToken")
                    .conditionExpression("#status = :claimed AND claimToken = :token")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":claimed", ItemBuilder.s(CLAIMED), ":token", ItemBuilder.s(token),
                            ":released", ItemBuilder.s(RELEASED), ":now", ItemBuilder.s(DynamoInstants.format(now))))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Someone else holds it now: nothing of ours to give back.
        }
    }

    @Override
    public boolean settle(String resellerId, String notificationId, String token, Unsent how, Instant now) {
        validate(resellerId, notificationId);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":claimed", ItemBuilder.s(CLAIMED),
                ":how", ItemBuilder.s(how.name()), ":now", ItemBuilder.s(DynamoInstants.format(now)),
                ":ttl", ItemBuilder.n(now.plus(SENT_RETENTION).getEpochSecond())));
        if (token != null) {
            values.put(":token", ItemBuilder.s(token));
        }
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(DynamoSupport.key(Keys.reseller(resellerId), Keys.smsDeliverySk(notificationId)))
                    .updateExpression("SET #status = :how, settledAt = :now, #ttl = :ttl REMOVE claimToken, leaseUntil")
                    // Held by the caller, or abandoned: nobody renewed the lease before it ran out.
                    .conditionExpression(token == null ? "#status = :claimed AND leaseUntil < :now"
                            : "#status = :claimed AND claimToken = :token")
                    .expressionAttributeNames(Map.of("#status", "status", "#ttl", Keys.TTL))
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static void validate(String resellerId, String notificationId) {
        if (!Ids.isValid(resellerId)) {
            throw new ValidationException("resellerId", "is not a valid id");
        }
        if (notificationId == null || notificationId.isBlank() || notificationId.length() > 128) {
            throw new ValidationException("notificationId", "is required, at most 128 characters");
        }
    }
}
