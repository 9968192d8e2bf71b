package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.VoucherQuota;
import com.wispbill.adapters.repository.WriteTransaction;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The quota item {@code RESELLER#<id> / VOUCHERQUOTA}: {@code outstanding} (ADD) and an optional
 * {@code limit} set by the operator. Reservations go through {@link DynamoWriteTransaction#increment},
 * so they commit together with the batch they are for.
 */
public final class DynamoVoucherQuota extends DynamoSupport implements VoucherQuota {

    public DynamoVoucherQuota(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public Usage usage(String resellerId, long defaultLimit) {
        return getEntity(Keys.reseller(resellerId), Keys.VOUCHER_QUOTA)
                .map(i -> new Usage(i.counter("outstanding"), i.optN("limit").orElse(defaultLimit)))
                .orElse(new Usage(0, defaultLimit));
    }

    @Override
    public void setLimit(String resellerId, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a voucher limit is not negative");
        }
        dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                .key(key(Keys.reseller(resellerId), Keys.VOUCHER_QUOTA))
                .updateExpression("SET #limit = :limit, #type = :type, resellerId = :rid")
                .expressionAttributeNames(Map.of("#limit", "limit", "#type", Keys.TYPE))
                .expressionAttributeValues(Map.of(":limit", ItemBuilder.n(limit), ":type", ItemBuilder.s("VOUCHER_QUOTA"),
                        ":rid", ItemBuilder.s(resellerId)))
                .build());
    }

    @Override
    public void reserve(String resellerId, int quantity, Usage usage, WriteTransaction tx) {
        if (quantity < 1) {
            throw new IllegalArgumentException("reserve at least one voucher");
        }
        DynamoWriteTransaction.of(tx).increment(tables.entityTable(), Keys.reseller(resellerId), Keys.VOUCHER_QUOTA,
                Map.of("outstanding", (long) quantity), sets(resellerId),
                "attribute_not_exists(outstanding) OR outstanding <= :cmax",
                Map.of(":cmax", ItemBuilder.n(usage.limit() - quantity)),
                "the outstanding voucher quota of reseller " + resellerId + " was used by another order; read it again");
    }

    @Override
    public void release(String resellerId, int count, WriteTransaction tx) {
        if (count < 1) {
            throw new IllegalArgumentException("release at least one voucher");
        }
        DynamoWriteTransaction.of(tx).increment(tables.entityTable(), Keys.reseller(resellerId), Keys.VOUCHER_QUOTA,
                Map.of("outstanding", -(long) count), sets(resellerId), null, Map.of(),
                "the outstanding voucher count of reseller " + resellerId + " could not be updated");
    }

    private static Map<String, AttributeValue> sets(String resellerId) {
        return Map.of(Keys.TYPE, ItemBuilder.s("VOUCHER_QUOTA"), "resellerId", ItemBuilder.s(resellerId));
    }
}
