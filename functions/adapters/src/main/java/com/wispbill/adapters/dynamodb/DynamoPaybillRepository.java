package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PaybillRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Money;
import com.wispbill.domain.paybill.PaybillPayment;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Paybill payments: {@code RESELLER#<id> / PAYBILL#<transId>} (created on condition it does not exist: one
 * item per M-Pesa transaction, however often Safaricom sends it), in the sparse GSI2 partition
 * {@code RESELLER#<id>#PAYBILLREVIEW} while waiting for review; the setting
 * {@code RESELLER#<id> / PAYBILLSETTINGS}.
 */
public final class DynamoPaybillRepository extends DynamoSupport implements PaybillRepository {

    public DynamoPaybillRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(PaybillPayment payment, WriteTransaction tx) {
        DynamoWriteTransaction.of(tx).add(putNewWrite(toItem(payment)),
                "M-Pesa transaction " + payment.transId() + " was recorded already");
    }

    @Override
    public Optional<PaybillPayment> find(String resellerId, String transId) {
        return getEntity(Keys.reseller(resellerId), Keys.paybillSk(transId)).map(DynamoPaybillRepository::fromItem);
    }

    @Override
    public void replace(PaybillPayment current, PaybillPayment next, WriteTransaction tx) {
        if (!current.transId().equals(next.transId()) || !current.resellerId().equals(next.resellerId())) {
            throw new IllegalArgumentException("next must be the same paybill payment as current");
        }
        Put put = Put.builder().tableName(tables.entityTable()).item(toItem(next))
                .conditionExpression("#status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", ItemBuilder.s(current.status().name()))).build();
        DynamoWriteTransaction.of(tx).add(TransactWriteItem.builder().put(put).build(),
                "paybill payment " + current.transId() + " was changed concurrently");
    }

    @Override
    public Page<PaybillPayment> listForReview(String resellerId, PageRequest page) {
        String partition = Keys.paybillReview(resellerId);
        return queryPage(partitionQuery(Keys.GSI2, Keys.GSI2PK, partition, null, null), page, GSI2_KEYS, Keys.GSI2PK,
                partition, DynamoPaybillRepository::fromItem);
    }

    @Override
    public boolean refusesUnknownAccounts(String resellerId) {
        return getEntity(Keys.reseller(resellerId), Keys.PAYBILL_SETTINGS_SK)
                .map(i -> i.bool("refuseUnknownAccounts")).orElse(false);
    }

    @Override
    public void setRefusesUnknownAccounts(String resellerId, boolean refuse) {
        dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable())
                .item(ItemBuilder.item("PAYBILL_SETTINGS", Keys.reseller(resellerId), Keys.PAYBILL_SETTINGS_SK)
                        .bool("refuseUnknownAccounts", refuse).build()).build());
    }

    static Map<String, AttributeValue> toItem(PaybillPayment p) {
        ItemBuilder b = ItemBuilder.item("PAYBILL_PAYMENT", Keys.reseller(p.resellerId()), Keys.paybillSk(p.transId()))
                .s("resellerId", p.resellerId()).s("transId", p.transId()).s("transactionType", p.transactionType())
                .optN("amountMinor", p.amount().map(Money::minorUnits))
                .optS("currency", p.amount().map(a -> a.currency().getCurrencyCode()))
                .s("billRef", p.billRef()).s("msisdn", p.msisdn()).s("shortCode", p.shortCode())
                .optS("payerName", p.payerName()).instant("receivedAt", p.receivedAt()).s("status", p.status().name())
                .optS("reason", p.reason().map(Enum::name)).optS("subscriptionId", p.subscriptionId())
                .optS("paymentId", p.paymentId()).optS("note", p.note())
                .optS("problem", p.problem()).optS("raw", p.raw());
        if (p.status() == PaybillPayment.Status.REVIEW) {
            b.s(Keys.GSI2PK, Keys.paybillReview(p.resellerId()))
                    .s(Keys.GSI2SK, DynamoInstants.format(p.receivedAt()) + "#" + p.transId());
        }
        return b.build();
    }

    static PaybillPayment fromItem(ItemReader i) {
        return i.map(() -> new PaybillPayment(i.s("resellerId"), i.s("transId"), i.s("transactionType"),
                i.optN("amountMinor").map(minor -> new Money(minor, Currency.getInstance(i.s("currency")))),
                i.s("billRef"), i.s("msisdn"),
                i.s("shortCode"), i.optS("payerName"), i.instant("receivedAt"),
                i.enumValue("status", PaybillPayment.Status.class),
                i.optS("reason").map(PaybillPayment.Reason::valueOf), i.optS("subscriptionId"), i.optS("paymentId"),
                i.optS("note"), i.optS("problem"), i.optS("raw")));
    }
}
