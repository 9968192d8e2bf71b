package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.PaymentGrantRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.payment.PaymentGrant;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@code RESELLER#<id> / GRANT#<paymentId>}, written with {@code attribute_not_exists} in the payment's
 * transaction: at most one grant per payment, whatever else goes wrong.
 */
public final class DynamoPaymentGrantRepository extends DynamoSupport implements PaymentGrantRepository {

    public DynamoPaymentGrantRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void record(PaymentGrant grant, WriteTransaction tx) {
        Map<String, AttributeValue> item = ItemBuilder.item("PAYMENT_GRANT", Keys.reseller(grant.resellerId()),
                        Keys.grantSk(grant.paymentId()))
                .s("paymentId", grant.paymentId()).s("resellerId", grant.resellerId()).s("kind", grant.kind().name())
                .optS("voucherId", grant.voucherId()).optS("voucherCode", grant.voucherCode())
                .optS("subscriptionId", grant.subscriptionId()).optInstant("expiresAt", grant.expiresAt())
                .instant("grantedAt", grant.grantedAt()).s("grantStatus", grant.status().name())
                .optInstant("routerConfirmedAt", grant.routerConfirmedAt())
                .build();
        DynamoWriteTransaction.of(tx).add(putNewWrite(item), "payment " + grant.paymentId() + " was already granted");
    }

    @Override
    public Optional<PaymentGrant> find(String resellerId, String paymentId) {
        return getEntity(Keys.reseller(resellerId), Keys.grantSk(paymentId)).map(i -> i.map(() -> new PaymentGrant(
                i.s("paymentId"), i.s("resellerId"), i.enumValue("kind", PaymentGrant.Kind.class), i.optS("voucherId"),
                i.optS("voucherCode"), i.optS("subscriptionId"), i.optInstant("expiresAt"), i.instant("grantedAt"),
                // Grants stored before the state existed were usable at once.
                i.optS("grantStatus").map(PaymentGrant.Status::valueOf).orElse(PaymentGrant.Status.ACTIVE),
                i.optInstant("routerConfirmedAt"))));
    }

    @Override
    public boolean confirmOnRouter(PaymentGrant grant, Instant at) {
        if (!grant.isPendingRouter()) {
            return false;
        }
        // The voucher first: the grant's ACTIVE is the record that all is done. A voucher no longer NEW (used on the
        // router already, revoked) keeps its state.
        grant.voucherCode().ifPresent(code -> {
            try {
                dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                        .key(key(Keys.voucher(code), Keys.SINGLE))
                        .updateExpression("SET #status = :active")
                        .conditionExpression("#status = :new AND resellerId = :rid")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":active", ItemBuilder.s(VoucherStatus.ACTIVE.name()),
                                ":new", ItemBuilder.s(VoucherStatus.NEW.name()), ":rid", ItemBuilder.s(grant.resellerId())))
                        .build());
            } catch (ConditionalCheckFailedException e) {
                // Moved on already.
            }
        });
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                    .key(key(Keys.reseller(grant.resellerId()), Keys.grantSk(grant.paymentId())))
                    .updateExpression("SET grantStatus = :active, routerConfirmedAt = :at")
                    .conditionExpression("grantStatus = :pending")
                    .expressionAttributeValues(Map.of(":active", ItemBuilder.s(PaymentGrant.Status.ACTIVE.name()),
                            ":pending", ItemBuilder.s(PaymentGrant.Status.PENDING_ROUTER.name()),
                            ":at", ItemBuilder.s(DynamoInstants.format(at))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
