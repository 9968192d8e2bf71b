package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PaymentRepository;
import com.wispbill.adapters.repository.PendingIndexMove;
import com.wispbill.adapters.repository.PendingPayment;
import com.wispbill.adapters.repository.UnmatchedCallback;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.IllegalStateTransitionException;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Payments: {@code RESELLER#<id> / PAYMENT#<paymentId>} (ULID ids: a reverse query lists newest
 * first). GSI1 {@code RESELLER#<id>#PHONE#<e164> / PAYMENT#<createdAt>#<id>} lists a customer's
 * payments by phone (portal payments exist before any customer record). The provider reference is
 * claimed by a global item {@code PAYREF#<PROVIDER>#<reference> / #} holding reseller and payment id:
 * unique per provider, and the strongly consistent lookup a callback needs (a GSI could lag behind a
 * callback that arrives a second after the payment was started).
 *
 * <p>While a payment is PENDING it also carries GSI2 {@code PAYMENTS#PENDING#<shard of paymentId> /
 * <createdAt>#<resellerId>#<paymentId>}: a sparse index of open payments for the reconciler, read with one
 * range Query per shard. Every state change rewrites the whole item without those attributes, so closed
 * payments leave the index. Payments stored before the shards sit under {@code PAYMENTS#PENDING#<UTC creation
 * hour>} until the reconciler's one-time move ({@link PendingIndexMove}) rewrites their partition. The
 * reconciler's back-off ({@code nextCheckAt}, {@code lastCheckedAt}, {@code reconcilerChecks}) lives on
 * the same item and is updated only while it is PENDING.
 *
 * <p>Verified successes that matched no payment: {@code RESELLER#<id> / UNMATCHED#<PROVIDER>#<phone>#<reference>}
 * (TTL a week), read by payer phone.
 */
public final class DynamoPaymentRepository extends DynamoSupport implements PaymentRepository {
    /** Reconciler bookkeeping on a PENDING payment item (dropped by the next state change, which rewrites the item). */
    private static final String NEXT_CHECK_AT = "nextCheckAt";
    private static final String LAST_CHECKED_AT = "lastCheckedAt";
    private static final String CHECKS = "reconcilerChecks";
    private static final Duration UNMATCHED_RETENTION = Duration.ofDays(7);
    /** Attributes of the pending index move's record ({@link PendingIndexMove}). */
    private static final String MOVE_STARTED_AT = "startedAt";
    private static final String MOVE_NEXT_HOUR = "nextHour";
    private static final String MOVE_COMPLETED_AT = "completedAt";
    private static final String MOVE_CODE_VERSION = "codeVersion";
    private static final String MOVE_LAST_RUN_AT = "lastRunAt";

    public DynamoPaymentRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(Payment payment) {
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        create(payment, tx);
        tx.commit();
    }

    @Override
    public void create(Payment payment, WriteTransaction transaction) {
        DynamoWriteTransaction tx = DynamoWriteTransaction.of(transaction);
        tx.add(putNewWrite(toItem(payment)), "payment " + payment.id() + " already exists");
        payment.providerReference().ifPresent(ref -> tx.add(putNewWrite(referenceClaim(payment, ref)),
                referenceTaken(payment.provider(), ref)));
    }

    @Override
    public void attachProviderReference(Payment current, Payment withReference) {
        requireSamePayment(current, withReference);
        if (current.providerReference().isPresent()) {
            throw new IllegalArgumentException("payment " + current.id() + " already has a provider reference");
        }
        String reference = withReference.providerReference()
                .orElseThrow(() -> new IllegalArgumentException("withReference has no provider reference"));
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        tx.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.entityTable()).item(toItem(withReference))
                        .conditionExpression("attribute_exists(PK) AND attribute_not_exists(providerReference) AND #status = :status")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":status", ItemBuilder.s(current.status().name())))
                        .build()).build(),
                "payment " + current.id() + " already has a provider reference or changed status");
        tx.add(putNewWrite(referenceClaim(withReference, reference)), referenceTaken(current.provider(), reference));
        tx.commit();
    }

    @Override
    public void transition(Payment current, Payment next) {
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        transition(current, next, tx);
        tx.commit();
    }

    @Override
    public void transition(Payment current, Payment next, WriteTransaction tx) {
        requireSamePayment(current, next);
        if (!current.status().canTransitionTo(next.status())) {
            throw new IllegalStateTransitionException("Payment", current.status(), next.status());
        }
        if (!current.providerReference().equals(next.providerReference())) {
            throw new IllegalArgumentException("use attachProviderReference to set a provider reference");
        }
        Put put = Put.builder().tableName(tables.entityTable()).item(toItem(next))
                .conditionExpression("#status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", ItemBuilder.s(current.status().name())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        DynamoWriteTransaction.of(tx).add(TransactWriteItem.builder().put(put).build(), stored -> stored
                .map(s -> "payment " + current.id() + " is no longer " + current.status() + " (now " + s.s("status") + ")")
                .orElse("payment " + current.id() + " does not exist"));
    }

    @Override
    public Optional<Payment> find(String resellerId, String paymentId) {
        return getEntity(Keys.reseller(resellerId), Keys.paymentSk(paymentId)).map(DynamoPaymentRepository::fromItem);
    }

    @Override
    public void recordMpesaReceipt(Payment payment, String receipt, WriteTransaction tx) {
        // Free, or already this payment's (a redelivery): a receipt a paybill confirmation claimed first cancels the
        // settlement, which then closes the payment without granting again (PaymentSettlement).
        DynamoWriteTransaction.of(tx).add(TransactWriteItem.builder().put(Put.builder().tableName(tables.entityTable())
                .item(receiptClaim(payment, receipt))
                .conditionExpression("attribute_not_exists(PK) OR paymentId = :paymentId")
                .expressionAttributeValues(Map.of(":paymentId", ItemBuilder.s(payment.id()))).build()).build(),
                "M-Pesa receipt " + receipt + " already paid another payment");
    }

    @Override
    public void claimMpesaReceipt(Payment payment, String receipt, WriteTransaction tx) {
        DynamoWriteTransaction.of(tx).add(putNewWrite(receiptClaim(payment, receipt)),
                "M-Pesa receipt " + receipt + " already settled another payment");
    }

    @Override
    public Optional<Payment> findByMpesaReceipt(String receipt) {
        return getEntity(Keys.mpesaReceipt(receipt), Keys.SINGLE)
                .flatMap(claim -> find(claim.s("resellerId"), claim.s("paymentId")));
    }

    /** One item per M-Pesa receipt, global like the receipts (an STK receipt and a C2B TransID share one space). */
    private static Map<String, AttributeValue> receiptClaim(Payment p, String receipt) {
        return ItemBuilder.item("MPESA_RECEIPT", Keys.mpesaReceipt(receipt), Keys.SINGLE)
                .s("resellerId", p.resellerId()).s("paymentId", p.id()).s("receipt", receipt).build();
    }

    @Override
    public Optional<Payment> findByProviderReference(PaymentProvider provider, String providerReference) {
        if (providerReference == null || providerReference.isBlank() || providerReference.length() > Payment.MAX_REFERENCE_LENGTH) {
            return Optional.empty();
        }
        return getEntity(Keys.providerReference(provider, providerReference), Keys.SINGLE)
                .flatMap(claim -> find(claim.s("resellerId"), claim.s("paymentId")));
    }

    @Override
    public Page<Payment> listForPhone(String resellerId, String phone, PageRequest page) {
        String e164;
        try {
            e164 = PhoneNumbers.requireE164(phone, "phone");
        } catch (ValidationException e) {
            return new Page<>(List.of(), Optional.empty());
        }
        String partition = Keys.phonePayments(resellerId, e164);
        return queryPage(partitionQuery(Keys.GSI1, Keys.GSI1PK, partition, null, null).scanIndexForward(false), page,
                GSI1_KEYS, Keys.GSI1PK, partition, DynamoPaymentRepository::fromItem);
    }

    @Override
    public Page<Payment> list(String resellerId, PageRequest page) {
        String pk = Keys.reseller(resellerId);
        return queryPage(partitionQuery(null, Keys.PK, pk, Keys.SK, Keys.PAYMENT_PREFIX).scanIndexForward(false), page,
                TABLE_KEYS, Keys.PK, pk, DynamoPaymentRepository::fromItem);
    }

    @Override
    public List<PendingPayment> pendingCreatedBetween(Instant from, Instant before) {
        return everyShardBetween(Keys.GSI2, Keys.GSI2PK, Keys::pendingPaymentsShard, Keys.PENDING_PAYMENT_SHARDS, Keys.GSI2SK, from,
                before).stream().flatMap(List::stream)
                .map(DynamoPaymentRepository::pendingFromItem)
                .sorted(Comparator.comparing((PendingPayment p) -> p.payment().createdAt()).thenComparing(p -> p.payment().id()))
                .toList();
    }

    private static PendingPayment pendingFromItem(ItemReader item) {
        return new PendingPayment(fromItem(item), item.optInstant(NEXT_CHECK_AT), item.optN(CHECKS).orElse(0L));
    }

    @Override
    public Optional<PendingIndexMove> pendingIndexMove() {
        // A record without a version was stored before versions were recorded: no run's version matches it.
        return getEntity(Keys.PENDING_INDEX_MOVE, Keys.SINGLE).map(i -> i.map(() -> new PendingIndexMove(
                i.instant(MOVE_STARTED_AT), i.instant(MOVE_NEXT_HOUR), i.optInstant(MOVE_COMPLETED_AT),
                i.optS(MOVE_CODE_VERSION).orElse(""), i.optInstant(MOVE_LAST_RUN_AT).orElse(i.instant(MOVE_STARTED_AT)))));
    }

    @Override
    public PendingIndexMove startPendingIndexPass(Optional<PendingIndexMove> replaced, Instant now, Instant firstHour,
                                                  String codeVersion) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tables.entityTable())
                .item(ItemBuilder.item("PENDING_INDEX_MOVE", Keys.PENDING_INDEX_MOVE, Keys.SINGLE)
                        .instant(MOVE_STARTED_AT, now).instant(MOVE_NEXT_HOUR, Keys.hourFloor(firstHour))
                        .s(MOVE_CODE_VERSION, codeVersion).instant(MOVE_LAST_RUN_AT, now).build());
        // Replaces the whole record (completedAt included), only the one the run read.
        replaced.ifPresentOrElse(
                r -> put.conditionExpression("#started = :started").expressionAttributeNames(Map.of("#started", MOVE_STARTED_AT))
                        .expressionAttributeValues(Map.of(":started", ItemBuilder.s(DynamoInstants.format(r.startedAt())))),
                () -> put.conditionExpression("attribute_not_exists(PK)"));
        try {
            dynamoDb.putItem(put.build());
        } catch (ConditionalCheckFailedException e) {
            // Another run started a pass a moment ago: its record is the one.
        }
        return pendingIndexMove().orElseThrow(() -> new IllegalStateException("the pending index move record vanished"));
    }

    @Override
    public void recordPendingIndexMoveRun(Instant startedAt, Instant at) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                    .key(key(Keys.PENDING_INDEX_MOVE, Keys.SINGLE))
                    .updateExpression("SET #last = :at")
                    .conditionExpression("#started = :started")
                    .expressionAttributeNames(Map.of("#last", MOVE_LAST_RUN_AT, "#started", MOVE_STARTED_AT))
                    .expressionAttributeValues(Map.of(":at", ItemBuilder.s(DynamoInstants.format(at)),
                            ":started", ItemBuilder.s(DynamoInstants.format(startedAt))))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // A fresh pass replaced it: that pass's start counts as its last run.
        }
    }

    @Override
    public List<PendingPayment> moveFromHourBuckets(List<Instant> hours) {
        List<Callable<List<PendingPayment>>> buckets = new ArrayList<>();
        for (Instant hour : hours) {
            String bucket = Keys.pendingPaymentsHourBucket(hour);
            buckets.add(() -> {
                List<PendingPayment> moved = new ArrayList<>();
                forEachItem(partitionQuery(Keys.GSI2, Keys.GSI2PK, bucket, null, null),
                        item -> moveToShard(item, bucket).ifPresent(moved::add));
                return moved;
            });
        }
        return sideBySide(buckets, SHARD_QUERIES_IN_FLIGHT).stream().flatMap(List::stream).toList();
    }

    /** Only the GSI2 partition changes: the sort key has the same form, and the back-off stays on the item. */
    private Optional<PendingPayment> moveToShard(ItemReader listed, String hourBucket) {
        String paymentId = listed.s("id");
        try {
            Map<String, AttributeValue> moved = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                    .key(key(listed.s(Keys.PK), listed.s(Keys.SK)))
                    .updateExpression("SET #gsi2pk = :shard")
                    .conditionExpression("#status = :pending AND #gsi2pk = :hourBucket")
                    .expressionAttributeNames(Map.of("#gsi2pk", Keys.GSI2PK, "#status", "status"))
                    .expressionAttributeValues(Map.of(":shard", ItemBuilder.s(Keys.pendingPaymentsShardOf(paymentId)),
                            ":pending", ItemBuilder.s(PaymentStatus.PENDING.name()), ":hourBucket", ItemBuilder.s(hourBucket)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .build()).attributes();
            return Optional.of(pendingFromItem(new ItemReader(moved)));
        } catch (ConditionalCheckFailedException e) {
            // Settled meanwhile (the settlement's rewrite left the index), or another run moved it first.
            return Optional.empty();
        }
    }

    @Override
    public boolean advancePendingIndexMove(Instant startedAt, Instant from, Instant to, Optional<Instant> completedAt) {
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":from", ItemBuilder.s(DynamoInstants.format(from)),
                ":to", ItemBuilder.s(DynamoInstants.format(to)), ":started", ItemBuilder.s(DynamoInstants.format(startedAt))));
        completedAt.ifPresent(at -> values.put(":done", ItemBuilder.s(DynamoInstants.format(at))));
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                    .key(key(Keys.PENDING_INDEX_MOVE, Keys.SINGLE))
                    .updateExpression("SET #next = :to" + (completedAt.isPresent() ? ", #done = :done" : ""))
                    .conditionExpression("#next = :from AND #started = :started")
                    .expressionAttributeNames(completedAt.isPresent()
                            ? Map.of("#next", MOVE_NEXT_HOUR, "#started", MOVE_STARTED_AT, "#done", MOVE_COMPLETED_AT)
                            : Map.of("#next", MOVE_NEXT_HOUR, "#started", MOVE_STARTED_AT))
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean deferCheck(Payment pending, Instant checkedAt, Instant nextCheckAt) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                    .key(key(Keys.reseller(pending.resellerId()), Keys.paymentSk(pending.id())))
                    .updateExpression("SET #last = :last, #next = :next ADD #checks :one")
                    .conditionExpression("attribute_exists(PK) AND #status = :pending")
                    .expressionAttributeNames(Map.of("#last", LAST_CHECKED_AT, "#next", NEXT_CHECK_AT, "#checks", CHECKS,
                            "#status", "status"))
                    .expressionAttributeValues(Map.of(":last", ItemBuilder.s(DynamoInstants.format(checkedAt)),
                            ":next", ItemBuilder.s(DynamoInstants.format(nextCheckAt)), ":one", ItemBuilder.n(1),
                            ":pending", ItemBuilder.s(PaymentStatus.PENDING.name())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void recordUnmatchedCallback(UnmatchedCallback c) {
        Map<String, AttributeValue> item = ItemBuilder.item("UNMATCHED_CALLBACK", Keys.reseller(c.resellerId()),
                        Keys.unmatchedCallbackSk(c.provider(), c.phone(), c.reference()))
                .s("resellerId", c.resellerId()).s("provider", c.provider().name()).s("phone", c.phone())
                .s("providerReference", c.reference()).n("amountMinor", c.amount().minorUnits())
                .s("currency", c.amount().currency().getCurrencyCode()).instant("receivedAt", c.receivedAt())
                .n(Keys.TTL, c.receivedAt().plus(UNMATCHED_RETENTION).getEpochSecond())
                .build();
        try {
            putNew(item, "already recorded");
        } catch (ConflictException e) {
            // The provider delivered the same notification again: the first record stands.
        }
    }

    @Override
    public List<UnmatchedCallback> unmatchedCallbacks(String resellerId, PaymentProvider provider, String phone) {
        String pk = Keys.reseller(resellerId);
        List<UnmatchedCallback> found = new ArrayList<>();
        Map<String, AttributeValue> cursor = null;
        do {
            QueryRequest.Builder q = partitionQuery(null, Keys.PK, pk, Keys.SK, Keys.unmatchedCallbackPrefix(provider, phone))
                    .consistentRead(true);
            if (cursor != null) {
                q.exclusiveStartKey(cursor);
            }
            QueryResponse page = dynamoDb.query(q.build());
            page.items().stream().map(ItemReader::new).forEach(i -> found.add(i.map(() -> new UnmatchedCallback(
                    i.s("resellerId"), i.enumValue("provider", PaymentProvider.class), i.s("phone"), i.s("providerReference"),
                    new Money(i.n("amountMinor"), Currency.getInstance(i.s("currency"))), i.instant("receivedAt")))));
            cursor = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (cursor != null);
        found.sort(java.util.Comparator.comparing(UnmatchedCallback::receivedAt));
        return found;
    }

    private static void requireSamePayment(Payment current, Payment next) {
        if (!current.id().equals(next.id()) || !current.resellerId().equals(next.resellerId())
                || !current.amount().equals(next.amount()) || current.provider() != next.provider()
                || !current.planId().equals(next.planId())) {
            throw new IllegalArgumentException("next must be the same payment as current (same amount, plan and provider)");
        }
    }

    private static String referenceTaken(PaymentProvider provider, String reference) {
        return provider + " reference " + reference + " already belongs to another payment";
    }

    private static Map<String, AttributeValue> referenceClaim(Payment p, String reference) {
        return ItemBuilder.item("PAYMENT_REFERENCE", Keys.providerReference(p.provider(), reference), Keys.SINGLE)
                .s("resellerId", p.resellerId()).s("paymentId", p.id()).s("provider", p.provider().name())
                .s("providerReference", reference)
                // What the grant reads besides the payment, so a callback reads them beside it (DynamoSettlementReads).
                .s("planId", p.planId()).optS("subscriptionId", p.subscriptionId()).build();
    }

    static Map<String, AttributeValue> toItem(Payment p) {
        return ItemBuilder.item("PAYMENT", Keys.reseller(p.resellerId()), Keys.paymentSk(p.id()))
                .s(Keys.GSI1PK, Keys.phonePayments(p.resellerId(), p.customerPhone()))
                .s(Keys.GSI1SK, Keys.phonePaymentSortKey(p.createdAt(), p.id()))
                .s("id", p.id()).s("resellerId", p.resellerId()).s("customerPhone", p.customerPhone())
                .s("planId", p.planId()).n("amountMinor", p.amount().minorUnits())
                .s("currency", p.amount().currency().getCurrencyCode()).s("provider", p.provider().name())
                .optS("providerReference", p.providerReference()).s("status", p.status().name())
                .instant("createdAt", p.createdAt()).instant("updatedAt", p.updatedAt())
                .optS("failureReason", p.failureReason()).optS("subscriptionId", p.subscriptionId())
                .optS("routerId", p.routerId())
                .optS(Keys.GSI2PK, pending(p).map(x -> Keys.pendingPaymentsShardOf(x.id())))
                .optS(Keys.GSI2SK, pending(p).map(x -> Keys.pendingPaymentSortKey(x.createdAt(), x.resellerId(), x.id())))
                .build();
    }

    private static Optional<Payment> pending(Payment p) {
        return p.status() == PaymentStatus.PENDING ? Optional.of(p) : Optional.empty();
    }

    static Payment fromItem(ItemReader i) {
        return i.map(() -> new Payment(i.s("id"), i.s("resellerId"), i.s("customerPhone"), i.s("planId"),
                new Money(i.n("amountMinor"), Currency.getInstance(i.s("currency"))),
                i.enumValue("provider", PaymentProvider.class), i.optS("providerReference"),
                i.enumValue("status", PaymentStatus.class), i.instant("createdAt"), i.instant("updatedAt"),
                i.optS("failureReason"), i.optS("subscriptionId"), i.optS("routerId")));
    }
}
