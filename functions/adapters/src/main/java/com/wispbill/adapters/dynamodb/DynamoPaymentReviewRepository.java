package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PaymentReviewRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.payment.PaymentReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code RESELLER#<id> / REVIEW#<PROVIDER>#<key>}: one item per provider notification needing review,
 * written once ({@code attribute_not_exists}), so a provider retrying it does not pile up copies. The
 * review's dashboard alert ({@link PaymentReview#alert()}) is put in the outbox in the same
 * transaction: whoever records a review, it reaches the reseller's open alerts (sent by the writer or,
 * at the latest, by the outbox relay). Each new review logs one "needs review" WARN line, whoever recorded
 * it: the "reviews opened" metric filter in template.yaml counts those lines.
 */
public final class DynamoPaymentReviewRepository extends DynamoSupport implements PaymentReviewRepository {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoPaymentReviewRepository.class);
    private final DynamoOutboxRepository outbox;

    public DynamoPaymentReviewRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
        this.outbox = new DynamoOutboxRepository(dynamoDb, tables);
    }

    @Override
    public boolean recordIfNew(PaymentReview r) {
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        tx.add(putNewWrite(ItemBuilder.item("PAYMENT_REVIEW", Keys.reseller(r.resellerId()), Keys.reviewSk(r.provider(), r.key()))
                .s("resellerId", r.resellerId()).s("provider", r.provider().name()).s("reviewKey", r.key())
                .s("reason", r.reason().name()).optS("paymentId", r.paymentId())
                .optS("providerReference", r.providerReference()).s("detail", r.detail())
                .instant("recordedAt", r.recordedAt())
                .build()), "review " + r.key() + " is already recorded");
        outbox.add(OutboxMessage.of(r.alert()), tx);
        try {
            tx.commit();
            LOG.warn("payment {} of reseller {} needs review: {} ({})", r.paymentId().orElse("-"), r.resellerId(),
                    r.reason(), r.key());
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    @Override
    public Page<PaymentReview> list(String resellerId, PageRequest page) {
        String pk = Keys.reseller(resellerId);
        return queryPage(partitionQuery(null, Keys.PK, pk, Keys.SK, Keys.REVIEW_PREFIX), page, TABLE_KEYS, Keys.PK, pk,
                i -> i.map(() -> new PaymentReview(i.s("resellerId"), i.enumValue("provider", PaymentProvider.class),
                        i.s("reviewKey"), i.enumValue("reason", PaymentReview.Reason.class), i.optS("paymentId"),
                        i.optS("providerReference"), i.optS("detail").orElse(""), i.instant("recordedAt"))));
    }
}
