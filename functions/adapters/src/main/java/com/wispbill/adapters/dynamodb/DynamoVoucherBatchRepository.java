package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

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
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(toItem(next))
                    .conditionExpression("#status = :status AND generatedCount = :count")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":status", ItemBuilder.s(current.status().name()),
                            ":count", ItemBuilder.n(current.generatedCount())))
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
        DynamoWriteTransaction.of(tx).add(TransactWriteItem.builder().put(Put.builder().tableName(tables.entityTable())
                .item(toItem(next))
                .conditionExpression("#status = :status AND generatedCount = :count")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", ItemBuilder.s(current.status().name()),
                        ":count", ItemBuilder.n(current.generatedCount())))
                .build()).build(), "voucher batch " + current.id() + " was changed by another worker");
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
                .instant("updatedAt", b.updatedAt())
                .build();
    }

    static VoucherBatch fromItem(ItemReader i) {
        return i.map(() -> new VoucherBatch(i.s("id"), i.s("resellerId"), i.s("planId"), i.strings("routerIds"),
                (int) i.n("quantity"), i.enumValue("status", VoucherBatchStatus.class), (int) i.n("generatedCount"),
                i.optS("failureReason"), i.instant("createdAt"), i.instant("updatedAt")));
    }
}
