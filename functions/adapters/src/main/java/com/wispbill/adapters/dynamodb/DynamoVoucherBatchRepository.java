package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Voucher batches: {@code RESELLER#<id> / BATCH#<batchId>}; ULID ids make a reverse query newest-first. */
public final class DynamoVoucherBatchRepository extends DynamoSupport implements VoucherBatchRepository {

    public DynamoVoucherBatchRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(VoucherBatch batch) {
        putNew(toItem(batch), "voucher batch " + batch.id() + " already exists");
    }

    @Override
    public void create(VoucherBatch batch, WriteTransaction tx) {
        DynamoWriteTransaction.of(tx).add(putNewWrite(toItem(batch)), "voucher batch " + batch.id() + " already exists");
    }

    @Override
    public void update(VoucherBatch current, VoucherBatch next) {
        requireSameBatch(current, next);
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                    .key(key(Keys.reseller(current.resellerId()), Keys.batchSk(current.id())))
                    .updateExpression(updateExpression(next)).conditionExpression(UPDATE_CONDITION)
                    .expressionAttributeNames(UPDATE_NAMES).expressionAttributeValues(updateValues(current, next))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException(oldItem(e)
                    .map(old -> "voucher batch " + current.id() + " was changed by another worker (now "
                            + old.s("status") + ", " + old.n("generatedCount") + " generated)")
                    .orElse("voucher batch " + current.id() + " does not exist"), e);
        }
    }

    @Override
    public void update(VoucherBatch current, VoucherBatch next, WriteTransaction tx) {
        requireSameBatch(current, next);
        DynamoWriteTransaction.of(tx).add(TransactWriteItem.builder().update(Update.builder()
                .tableName(tables.entityTable()).key(key(Keys.reseller(current.resellerId()), Keys.batchSk(current.id())))
                .updateExpression(updateExpression(next)).conditionExpression(UPDATE_CONDITION)
                .expressionAttributeNames(UPDATE_NAMES).expressionAttributeValues(updateValues(current, next))
                .build()).build(), "voucher batch " + current.id() + " was changed by another worker");
    }

    /*
     * Updates set the batch's own fields and never touch confirmedParts: the router driver adds to that set
     * at any time (also while the generator still moves the batch), so a whole-item put could lose a part.
     */
    private static final String UPDATE_CONDITION = "#status = :status AND generatedCount = :count";
    private static final Map<String, String> UPDATE_NAMES = Map.of("#status", "status");

    private static String updateExpression(VoucherBatch next) {
        StringBuilder set = new StringBuilder("SET #status = :next, generatedCount = :generated, updatedAt = :updatedAt, "
                + "provisioningParts = :parts");
        StringBuilder remove = new StringBuilder();
        if (next.failureReason().isPresent()) {
            set.append(", failureReason = :failure");
        } else {
            remove.append("failureReason");
        }
        if (next.pendingReason().isPresent()) {
            set.append(", pendingReason = :pending");
        } else {
            remove.append(remove.isEmpty() ? "" : ", ").append("pendingReason");
        }
        return set + (remove.isEmpty() ? "" : " REMOVE " + remove);
    }

    private static Map<String, AttributeValue> updateValues(VoucherBatch current, VoucherBatch next) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", ItemBuilder.s(current.status().name()), ":count", ItemBuilder.n(current.generatedCount()),
                ":next", ItemBuilder.s(next.status().name()), ":generated", ItemBuilder.n(next.generatedCount()),
                ":updatedAt", ItemBuilder.s(DynamoInstants.format(next.updatedAt())),
                ":parts", ItemBuilder.n(next.provisioningParts())));
        next.failureReason().ifPresent(r -> values.put(":failure", ItemBuilder.s(r)));
        next.pendingReason().ifPresent(r -> values.put(":pending", ItemBuilder.s(r)));
        return values;
    }

    @Override
    public Optional<VoucherBatch> confirmPart(String resellerId, String batchId, int part, Instant at) {
        try {
            Map<String, AttributeValue> after = dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tables.entityTable()).key(key(Keys.reseller(resellerId), Keys.batchSk(batchId)))
                    // A set: confirming a part twice (a redelivered bulk) adds nothing.
                    .updateExpression("ADD confirmedParts :part SET updatedAt = :at")
                    .conditionExpression(EXISTS)
                    .expressionAttributeValues(Map.of(":part", AttributeValue.fromNs(List.of(Integer.toString(part))),
                            ":at", ItemBuilder.s(DynamoInstants.format(at))))
                    .returnValues(ReturnValue.ALL_NEW).build()).attributes();
            return Optional.of(fromItem(new ItemReader(after)));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isPartConfirmed(String resellerId, String batchId, int part) {
        return getEntity(Keys.reseller(resellerId), Keys.batchSk(batchId))
                .map(i -> i.raw().get("confirmedParts"))
                .filter(AttributeValue::hasNs)
                .map(parts -> parts.ns().contains(Integer.toString(part)))
                .orElse(false);
    }

    @Override
    public void recordPendingReason(String resellerId, String batchId, String reason, Instant at) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                    .key(key(Keys.reseller(resellerId), Keys.batchSk(batchId)))
                    .updateExpression("SET pendingReason = :reason, updatedAt = :at")
                    // Only while waiting, and only when it says something new (a retried failure writes nothing).
                    .conditionExpression("#status IN (:generating, :pending) AND "
                            + "(attribute_not_exists(pendingReason) OR pendingReason <> :reason)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":reason", ItemBuilder.s(reason),
                            ":at", ItemBuilder.s(DynamoInstants.format(at)),
                            ":generating", ItemBuilder.s(VoucherBatchStatus.GENERATING.name()),
                            ":pending", ItemBuilder.s(VoucherBatchStatus.PENDING_ROUTER.name())))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // READY or FAILED meanwhile, or the same reason is shown already.
        }
    }

    @Override
    public Optional<VoucherBatch> find(String resellerId, String batchId) {
        return getEntity(Keys.reseller(resellerId), Keys.batchSk(batchId)).map(DynamoVoucherBatchRepository::fromItem);
    }

    @Override
    public Page<VoucherBatch> list(String resellerId, PageRequest page) {
        String pk = Keys.reseller(resellerId);
        return queryPage(partitionQuery(null, Keys.PK, pk, Keys.SK, Keys.BATCH_PREFIX).scanIndexForward(false), page,
                TABLE_KEYS, Keys.PK, pk, DynamoVoucherBatchRepository::fromItem);
    }

    static void requireSameBatch(VoucherBatch current, VoucherBatch next) {
        if (!current.id().equals(next.id()) || !current.resellerId().equals(next.resellerId())) {
            throw new IllegalArgumentException("next must be the same batch as current");
        }
    }

    static Map<String, AttributeValue> toItem(VoucherBatch b) {
        return ItemBuilder.item("VOUCHER_BATCH", Keys.reseller(b.resellerId()), Keys.batchSk(b.id()))
                .s("id", b.id()).s("resellerId", b.resellerId()).s("planId", b.planId()).strings("routerIds", b.routerIds())
                .n("quantity", b.quantity()).s("status", b.status().name()).n("generatedCount", b.generatedCount())
                .optS("failureReason", b.failureReason()).instant("createdAt", b.createdAt())
                .instant("updatedAt", b.updatedAt()).n("provisioningParts", b.provisioningParts())
                .optS("pendingReason", b.pendingReason())
                .build();
    }

    static VoucherBatch fromItem(ItemReader i) {
        return i.map(() -> new VoucherBatch(i.s("id"), i.s("resellerId"), i.s("planId"), i.strings("routerIds"),
                (int) i.n("quantity"), i.enumValue("status", VoucherBatchStatus.class), (int) i.n("generatedCount"),
                i.optS("failureReason"), i.instant("createdAt"), i.instant("updatedAt"),
                i.optN("provisioningParts").orElse(0L).intValue(), confirmedParts(i), i.optS("pendingReason")));
    }

    private static int confirmedParts(ItemReader i) {
        AttributeValue parts = i.raw().get("confirmedParts");
        return parts == null || !parts.hasNs() ? 0 : parts.ns().size();
    }
}
