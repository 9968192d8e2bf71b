package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.PaymentGrantRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.payment.PaymentGrant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
                .instant("grantedAt", grant.grantedAt())
                .build();
        DynamoWriteTransaction.of(tx).add(putNewWrite(item), "payment " + grant.paymentId() + " was already granted");
    }

    @Override
    public Optional<PaymentGrant> find(String resellerId, String paymentId) {
        return getEntity(Keys.reseller(resellerId), Keys.grantSk(paymentId)).map(i -> i.map(() -> new PaymentGrant(
                i.s("paymentId"), i.s("resellerId"), i.enumValue("kind", PaymentGrant.Kind.class), i.optS("voucherId"),
                i.optS("voucherCode"), i.optS("subscriptionId"), i.optInstant("expiresAt"), i.instant("grantedAt"))));
    }
}
