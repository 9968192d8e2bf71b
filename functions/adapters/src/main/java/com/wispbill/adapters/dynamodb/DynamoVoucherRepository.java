package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.VoucherStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Vouchers are keyed by their normalised code, {@code VOUCHER#<code> / #}, which makes codes globally
 * unique through {@code attribute_not_exists} (BatchWriteItem cannot be conditional, so it is never
 * used here) and makes redemption one strongly consistent read. The item carries {@code resellerId},
 * checked on every read. Indexes: GSI1 {@code RESELLER#<id>#BATCH#<batchId> / <voucherId>} (a batch's
 * vouchers, paged), GSI2 {@code RESELLER#<id>#VOUCHER#<voucherId>} (by id, for APIs that must not put
 * codes in URLs) and, while the voucher is running with a known expiry, the ExpiryIndex.
 */
public final class DynamoVoucherRepository extends DynamoSupport implements VoucherRepository {
    /** One transaction: up to 99 vouchers plus the part's record. */
    static final int VOUCHERS_PER_TRANSACTION = WriteTransaction.MAX_WRITES - 1;
    /** A part's record is read only by a run resuming the batch's generation, which takes minutes, not weeks. */
    private static final java.time.Duration PART_RECORD_RETENTION = java.time.Duration.ofDays(30);

    private final Clock clock;

    public DynamoVoucherRepository(DynamoDbClient dynamoDb, TableNames tables, Clock clock) {
        super(dynamoDb, tables);
        this.clock = clock;
    }

    /** The vouchers are NEW, of the batch (GENERATING), and no code appears twice. */
    private static void validateNewOfBatch(VoucherBatch batch, List<Voucher> vouchers) {
        if (batch.status() != VoucherBatchStatus.GENERATING) {
            throw new IllegalArgumentException("vouchers are stored for a GENERATING batch, batch " + batch.id()
                    + " is " + batch.status());
        }
        Set<String> codes = new HashSet<>();
        for (Voucher v : vouchers) {
            if (!v.resellerId().equals(batch.resellerId()) || !v.batchId().equals(batch.id())
                    || !v.planId().equals(batch.planId()) || !batch.routerIds().contains(v.routerId())) {
                throw new IllegalArgumentException("voucher " + v.id() + " does not belong to batch " + batch.id());
            }
            if (v.status() != VoucherStatus.NEW) {
                throw new IllegalArgumentException("voucher " + v.id() + " is " + v.status() + ", new vouchers are NEW");
            }
            if (!codes.add(v.code())) {
                throw new IllegalArgumentException("the same code appears twice in one insert");
            }
        }
    }

    @Override
    public PartInsert insertPart(VoucherBatch batch, int part, List<Voucher> vouchers) {
        validateNewOfBatch(batch, vouchers);
        if (part < 0 || vouchers.size() > VOUCHERS_PER_TRANSACTION) {
            throw new IllegalArgumentException("part " + part + " of batch " + batch.id() + " with " + vouchers.size()
                    + " vouchers: parts are numbered from 0 and hold up to " + VOUCHERS_PER_TRANSACTION);
        }
        List<TransactWriteItem> writes = new ArrayList<>(vouchers.size() + 1);
        vouchers.forEach(v -> writes.add(putNewWrite(toItem(v))));
        // The part's record, not the batch item: parts stored side by side would conflict on one shared item.
        writes.add(putNewWrite(partRecord(batch, part, vouchers.stream().map(Voucher::id).toList(), List.of())));
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
            return new PartInsert(List.of());
        } catch (TransactionCanceledException e) {
            List<Integer> failed = DynamoWriteTransaction.failedConditions(e);
            if (failed.isEmpty()) {
                throw e;
            }
            if (failed.contains(vouchers.size())) {
                throw new ConflictException("part " + part + " of voucher batch " + batch.id()
                        + " was stored by another worker", e);
            }
            return new PartInsert(failed.stream().map(i -> vouchers.get(i).code()).toList());
        }
    }

    @Override
    public void recordEarlierPart(VoucherBatch batch, int part, List<String> voucherIds, List<Integer> earlierPerRouter) {
        if (part < 0 || voucherIds.isEmpty() || voucherIds.size() > VOUCHERS_PER_TRANSACTION
                || earlierPerRouter.size() != batch.routerIds().size()) {
            throw new IllegalArgumentException("part " + part + " of batch " + batch.id() + " with " + voucherIds.size()
                    + " earlier vouchers and counts for " + earlierPerRouter.size() + " routers");
        }
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable())
                    .item(partRecord(batch, part, voucherIds, earlierPerRouter)).conditionExpression(NOT_EXISTS).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("part " + part + " of voucher batch " + batch.id() + " was recorded by another worker", e);
        }
    }

    /** Names the part's vouchers; a part of earlier vouchers also says how many each router had. */
    private Map<String, AttributeValue> partRecord(VoucherBatch batch, int part, List<String> voucherIds,
                                                   List<Integer> earlierPerRouter) {
        Instant now = clock.instant();
        ItemBuilder record = ItemBuilder.item("VOUCHER_BATCH_PART", Keys.reseller(batch.resellerId()),
                        Keys.batchPartSk(batch.id(), part))
                .s("batchId", batch.id()).n("part", part).strings("voucherIds", voucherIds)
                .instant("storedAt", now).n(Keys.TTL, now.plus(PART_RECORD_RETENTION).getEpochSecond());
        if (!earlierPerRouter.isEmpty()) {
            record.strings("earlierPerRouter", earlierPerRouter.stream().map(String::valueOf).toList());
        }
        return record.build();
    }

    @Override
    public StoredParts storedParts(String resellerId, String batchId) {
        Map<Integer, List<String>> parts = new TreeMap<>();
        List<Integer> earlierPerRouter = List.of();
        QueryRequest query = prefixQuery(tables.entityTable(), Keys.reseller(resellerId), Keys.batchPartsPrefix(batchId));
        QueryResponse page;
        do {
            page = dynamoDb.query(query);
            for (Map<String, AttributeValue> item : page.items()) {
                ItemReader i = new ItemReader(item);
                parts.put((int) i.n("part"), i.strings("voucherIds"));
                if (item.containsKey("earlierPerRouter")) {
                    earlierPerRouter = i.strings("earlierPerRouter").stream().map(Integer::valueOf).toList();
                }
            }
            query = query.toBuilder().exclusiveStartKey(page.lastEvaluatedKey()).build();
        } while (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty());
        return new StoredParts(parts, earlierPerRouter);
    }

    @Override
    public void insert(Voucher voucher, WriteTransaction tx) {
        // ACTIVE when the same transaction queues its hotspot user (a portal sale's outbox).
        if (voucher.status() != VoucherStatus.NEW && voucher.status() != VoucherStatus.ACTIVE) {
            throw new IllegalArgumentException("voucher " + voucher.id() + " is " + voucher.status()
                    + ", new vouchers are NEW or ACTIVE");
        }
        DynamoWriteTransaction.of(tx).add(putNewWrite(toItem(voucher)), "voucher code of " + voucher.id() + " already exists");
    }

    @Override
    public Optional<Voucher> findByCode(String resellerId, String code) {
        String canonical;
        try {
            canonical = VoucherCodes.normalize(code);
        } catch (ValidationException e) {
            // Not a possible code: no voucher has it. Callers answer "invalid code" either way.
            return Optional.empty();
        }
        return getEntity(Keys.voucher(canonical), Keys.SINGLE)
                .filter(i -> resellerId.equals(i.s("resellerId")))
                .map(DynamoVoucherRepository::fromItem);
    }

    @Override
    public Optional<Voucher> findById(String resellerId, String voucherId) {
        String partition = Keys.voucherById(resellerId, voucherId);
        return dynamoDb.query(partitionQuery(Keys.GSI2, Keys.GSI2PK, partition, null, null).limit(1).build())
                .items().stream().findFirst().map(ItemReader::new)
                .filter(i -> resellerId.equals(i.s("resellerId")))
                .map(DynamoVoucherRepository::fromItem);
    }

    @Override
    public Page<Voucher> listBatch(String resellerId, String batchId, PageRequest page) {
        String partition = Keys.batchVouchers(resellerId, batchId);
        return queryPage(partitionQuery(Keys.GSI1, Keys.GSI1PK, partition, null, null), page, GSI1_KEYS,
                Keys.GSI1PK, partition, DynamoVoucherRepository::fromItem);
    }

    @Override
    public void transition(Voucher current, Voucher next) {
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        transition(current, next, tx);
        tx.commit();
    }

    @Override
    public void transition(Voucher current, Voucher next, WriteTransaction tx) {
        if (!current.code().equals(next.code()) || !current.id().equals(next.id())
                || !current.resellerId().equals(next.resellerId())) {
            throw new IllegalArgumentException("next must be the same voucher as current");
        }
        if (current.status() != next.status() && !current.status().canTransitionTo(next.status())) {
            throw new com.wispbill.domain.IllegalStateTransitionException("Voucher", current.status(), next.status());
        }
        // Optimistic concurrency on every field that changes over a voucher's life: whoever read an
        // older state (a second redemption, a sweep racing a first login) loses.
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", ItemBuilder.s(current.status().name()),
                ":rid", ItemBuilder.s(current.resellerId())));
        StringBuilder condition = new StringBuilder("#status = :status AND resellerId = :rid");
        appendOptionalEquals(condition, names, values, "soldAt", current.soldAt());
        appendOptionalEquals(condition, names, values, "firstUsedAt", current.firstUsedAt());
        appendOptionalEquals(condition, names, values, "expiresAt", current.expiresAt());
        Put put = Put.builder().tableName(tables.entityTable()).item(toItem(next))
                .conditionExpression(condition.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        DynamoWriteTransaction.of(tx).add(TransactWriteItem.builder().put(put).build(), stored -> stored
                .map(s -> conflictMessage(current, next, s.s("status")))
                .orElse("voucher " + current.id() + " does not exist"));
    }

    static void appendOptionalEquals(StringBuilder condition, Map<String, String> names,
                                     Map<String, AttributeValue> values, String attribute, Optional<Instant> expected) {
        String name = "#" + attribute;
        names.put(name, attribute);
        if (expected.isPresent()) {
            condition.append(" AND ").append(name).append(" = :").append(attribute);
            values.put(":" + attribute, ItemBuilder.s(DynamoInstants.format(expected.get())));
        } else {
            condition.append(" AND attribute_not_exists(").append(name).append(")");
        }
    }

    private static String conflictMessage(Voucher current, Voucher next, String storedStatus) {
        if (next.status() == VoucherStatus.USED && VoucherStatus.USED.name().equals(storedStatus)) {
            return "voucher " + current.id() + " already redeemed";
        }
        if (!storedStatus.equals(current.status().name())) {
            return "voucher " + current.id() + " is " + storedStatus + ", not " + current.status();
        }
        return "voucher " + current.id() + " was changed concurrently";
    }

    @Override
    public Page<Voucher> findDue(Instant from, Instant dueBy, PageRequest page) {
        return ExpiryIndexQuery.due(dynamoDb, tables.entityTable(), Keys.EXPIRY_KIND_VOUCHER, from, dueBy, page)
                .map(DynamoVoucherRepository::fromItem);
    }

    static Map<String, AttributeValue> toItem(Voucher v) {
        ItemBuilder b = ItemBuilder.item("VOUCHER", Keys.voucher(v.code()), Keys.SINGLE)
                .s(Keys.GSI1PK, Keys.batchVouchers(v.resellerId(), v.batchId())).s(Keys.GSI1SK, v.id())
                .s(Keys.GSI2PK, Keys.voucherById(v.resellerId(), v.id())).s(Keys.GSI2SK, Keys.SINGLE)
                .s("code", v.code()).s("id", v.id()).s("resellerId", v.resellerId()).s("batchId", v.batchId())
                .s("planId", v.planId()).s("routerId", v.routerId()).s("status", v.status().name())
                .instant("createdAt", v.createdAt()).optInstant("soldAt", v.soldAt())
                .optInstant("firstUsedAt", v.firstUsedAt()).optInstant("expiresAt", v.expiresAt())
                .optS("revokeReason", v.revokeReason());
        if (!v.status().isFinal() && v.expiresAt().isPresent()) {
            Instant expiresAt = v.expiresAt().get();
            b.s(Keys.EXPIRY_BUCKET, Keys.expiryBucket(Keys.EXPIRY_KIND_VOUCHER, expiresAt))
                    .s(Keys.EXPIRES_AT_KEY, Keys.expiresAtKey(expiresAt, v.id()));
        }
        return b.build();
    }

    static Voucher fromItem(ItemReader i) {
        return i.map(() -> new Voucher(i.s("code"), i.s("id"), i.s("resellerId"), i.s("batchId"), i.s("planId"),
                i.s("routerId"), i.enumValue("status", VoucherStatus.class), i.instant("createdAt"),
                i.optInstant("soldAt"), i.optInstant("firstUsedAt"), i.optInstant("expiresAt"), i.optS("revokeReason")));
    }
}
