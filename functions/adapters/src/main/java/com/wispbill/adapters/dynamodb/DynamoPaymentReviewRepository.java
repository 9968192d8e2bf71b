package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PaymentReviewRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.payment.PaymentReview;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code RESELLER#<id> / REVIEW#<PROVIDER>#<key>}: one item per provider notification needing review,
 * written once ({@code attribute_not_exists}), so a provider retrying it does not pile up copies.
 */
public final class DynamoPaymentReviewRepository extends DynamoSupport implements PaymentReviewRepository {

    public DynamoPaymentReviewRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public boolean recordIfNew(PaymentReview r) {
        try {
            putNew(ItemBuilder.item("PAYMENT_REVIEW", Keys.reseller(r.resellerId()), Keys.reviewSk(r.provider(), r.key()))
                    .s("resellerId", r.resellerId()).s("provider", r.provider().name()).s("reviewKey", r.key())
                    .s("reason", r.reason().name()).optS("paymentId", r.paymentId())
                    .optS("providerReference", r.providerReference()).s("detail", r.detail())
                    .instant("recordedAt", r.recordedAt())
                    .build(), "review " + r.key() + " is already recorded");
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    @Override
    public Page<PaymentReview> list(String resellerId, PageRequest page) {
        String pk = Keys.reseller(resellerId);
        return queryPage(partitionQuery(null, Keys.PK, pk, Keys.SK, "REVIEW#"), page, TABLE_KEYS, Keys.PK, pk,
                i -> i.map(() -> new PaymentReview(i.s("resellerId"), i.enumValue("provider", PaymentProvider.class),
                        i.s("reviewKey"), i.enumValue("reason", PaymentReview.Reason.class), i.optS("paymentId"),
                        i.optS("providerReference"), i.optS("detail").orElse(""), i.instant("recordedAt"))));
    }
}
