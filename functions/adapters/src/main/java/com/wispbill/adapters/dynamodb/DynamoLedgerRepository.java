package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.ValidationException;
import java.time.LocalDate;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Optional;
import com.wispbill.adapters.repository.LedgerAggregator;
import com.wispbill.domain.Ids;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Ledger entries: {@code RESELLER#<id> / LEDGER#<entryId>}, written with {@code attribute_not_exists}
 * so an entry id is recorded once, marked {@code aggregation = PENDING} for {@link DynamoLedgerAggregator},
 * which adds it to the balance item {@code RESELLER#<id> / BALANCE#<currency>} (and revenue counters) from
 * the table's stream: the balance equals the sum of the entries within seconds. Nothing else writes the
 * balance item.
 * GSI2 {@code RESELLER#<id>#LEDGER / <businessDate>#<at>#<entryId>} makes a day (or a range of days)
 * of transactions one Query in time order.
 * While an entry is PENDING it also carries GSI1 {@code LEDGER#PENDING#<shard of resellerId> / <at>#<resellerId>#<entryId>}:
 * a sparse index of the entries the stream has not added (yet), for the sweep; the aggregator's
 * PENDING → DONE write removes those attributes, so added entries leave the index.
 */
public final class DynamoLedgerRepository extends DynamoSupport implements LedgerRepository {
    /** Longest range one listing may span; reports page through longer periods month by month. */
    static final int MAX_DAYS = 366;
    /** On entries appended with {@link #appendAggregatedLater}: PENDING until the aggregator added them, then DONE. */
    static final String AGGREGATION = "aggregation";
    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String REVENUE_PLAN_ID = "revenuePlanId";

    public DynamoLedgerRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void appendAggregatedLater(LedgerEntry entry, Optional<String> revenuePlanId, WriteTransaction tx) {
        revenuePlanId.ifPresent(planId -> {
            Ids.require(planId, "revenuePlanId");
            if (!countsAsRevenue(entry)) {
                throw new ValidationException("revenuePlanId", "only a sale, a paid extension or a refund is revenue of a plan, not "
                        + entry.type() + " of " + entry.amount().format());
            }
        });
        Map<String, AttributeValue> item = new LinkedHashMap<>(toItem(entry));
        item.put(AGGREGATION, ItemBuilder.s(PENDING));
        item.put(Keys.GSI1PK, ItemBuilder.s(Keys.pendingLedgerBucket(Keys.pendingLedgerShard(entry.resellerId()))));
        item.put(Keys.GSI1SK, ItemBuilder.s(Keys.pendingLedgerSortKey(entry.at(), entry.resellerId(), entry.id())));
        revenuePlanId.ifPresent(planId -> item.put(REVENUE_PLAN_ID, ItemBuilder.s(planId)));
        DynamoWriteTransaction.of(tx).add(putNewWrite(item), "ledger entry " + entry.id() + " is already recorded");
    }

    /** Whether the entry is counted in the revenue counters of a plan: a sale, a paid manual extension, a refund. */
    static boolean countsAsRevenue(LedgerEntry entry) {
        return switch (entry.type()) {
            case SALE_GROSS, REFUND -> true;
            case MANUAL_EXTENSION -> entry.amount().isPositive();
            case PROVIDER_FEE, PLATFORM_FEE, ADJUSTMENT -> false;
        };
    }

    /** Adds the entry's amount to its balance item; summed with the transaction's other entries into one update. */
    void addToBalance(LedgerEntry entry, DynamoWriteTransaction tx) {
        String currency = entry.amount().currency().getCurrencyCode();
        tx.increment(tables.entityTable(), Keys.reseller(entry.resellerId()), Keys.balanceSk(currency),
                Map.of("balanceMinor", entry.amount().minorUnits()),
                Map.of(Keys.TYPE, ItemBuilder.s("BALANCE"), "resellerId", ItemBuilder.s(entry.resellerId()),
                        "currency", ItemBuilder.s(currency)),
                null, Map.of(), "balance of reseller " + entry.resellerId() + " could not be updated");
    }

    /** The write that marks an entry added to the aggregates; fails (a conflict) if it already was. */
    TransactWriteItem markAggregated(LedgerEntry entry, Instant at) {
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.entityTable())
                .key(key(Keys.reseller(entry.resellerId()), Keys.ledgerSk(entry.id())))
                .updateExpression("SET #agg = :done, aggregatedAt = :at REMOVE #gsi1pk, #gsi1sk")
                .conditionExpression("#agg = :pending")
                .expressionAttributeNames(Map.of("#agg", AGGREGATION, "#gsi1pk", Keys.GSI1PK, "#gsi1sk", Keys.GSI1SK))
                .expressionAttributeValues(Map.of(":done", ItemBuilder.s(DONE), ":pending", ItemBuilder.s(PENDING),
                        ":at", ItemBuilder.s(DynamoInstants.format(at))))
                .build()).build();
    }

    /** Whether a stored entry still waits to be added to the aggregates. */
    static boolean awaitsAggregation(ItemReader item) {
        return item.optS(AGGREGATION).filter(PENDING::equals).isPresent();
    }

    /**
     * An entry waiting for {@link com.wispbill.adapters.repository.LedgerAggregator} as the table's stream shows
     * it (the new image of its insert); empty for any other item, or an entry added already. A pending entry that
     * cannot be read (a missing or malformed attribute, an unknown type) is a {@link CorruptItemException}.
     */
    public static Optional<LedgerAggregator.PendingEntry> pendingFromImage(Map<String, AttributeValue> image) {
        ItemReader item = new ItemReader(image);
        if (!"LEDGER_ENTRY".equals(item.optS(Keys.TYPE).orElse("")) || !awaitsAggregation(item)) {
            return Optional.empty();
        }
        try {
            LedgerEntry entry = fromItem(item);
            Optional<String> revenuePlanId = item.optS(REVENUE_PLAN_ID);
            if (revenuePlanId.isPresent() && (!Ids.isValid(revenuePlanId.get()) || !countsAsRevenue(entry))) {
                throw item.corrupt("revenuePlanId " + revenuePlanId.get() + " on a " + entry.type() + " of " + entry.amount().format());
            }
            return Optional.of(new LedgerAggregator.PendingEntry(entry, revenuePlanId));
        } catch (CorruptItemException e) {
            throw e;
        } catch (RuntimeException e) {
            // A date, currency or amount the domain cannot hold: the same damage as a missing attribute.
            throw new CorruptItemException("pending ledger entry " + item.optS(Keys.SK).orElse("?") + " cannot be read: " + e, e);
        }
    }

    /**
     * The entries still PENDING whose {@code at} lies in {@code [from, before)}: one range Query per shard of the
     * sparse GSI1 partitions (side by side, no Scan), oldest first within
     * a shard. The index is eventually consistent: an entry found here may have been added meanwhile, which the
     * aggregator's strongly consistent read and conditional write recognise.
     */
    LedgerAggregator.PendingEntries pendingBetween(Instant from, Instant before) {
        List<LedgerAggregator.PendingEntry> readable = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (List<ItemReader> found : everyShardBetween(Keys.GSI1, Keys.GSI1PK, Keys::pendingLedgerBucket, Keys.PENDING_LEDGER_SHARDS,
                Keys.GSI1SK, from, before)) {
            for (ItemReader item : found) {
                try {
                    pendingFromImage(item.raw()).ifPresent(readable::add);
                } catch (CorruptItemException e) {
                    unreadable.add(item.optS(Keys.PK).orElse("?") + " / " + item.optS(Keys.SK).orElse("?") + ": " + e.getMessage());
                }
            }
        }
        return new LedgerAggregator.PendingEntries(readable, unreadable);
    }

    @Override
    public Page<LedgerEntry> entries(String resellerId, LocalDate from, LocalDate to, PageRequest page) {
        if (from.isAfter(to)) {
            throw new ValidationException("from", "must not be after to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new ValidationException("to", "a listing spans at most " + MAX_DAYS + " days");
        }
        String partition = Keys.ledger(resellerId);
        return queryPage(rangeQuery(tables.entityTable(), Keys.GSI2, Keys.GSI2PK, partition, Keys.GSI2SK,
                        from + "#", to + "#" + Keys.HIGH), page, GSI2_KEYS, Keys.GSI2PK, partition,
                DynamoLedgerRepository::fromItem);
    }

    @Override
    public Money balance(String resellerId, Currency currency) {
        long minor = getEntity(Keys.reseller(resellerId), Keys.balanceSk(currency.getCurrencyCode()))
                .map(i -> i.counter("balanceMinor")).orElse(0L);
        return new Money(minor, currency);
    }

    static Map<String, AttributeValue> toItem(LedgerEntry e) {
        return ItemBuilder.item("LEDGER_ENTRY", Keys.reseller(e.resellerId()), Keys.ledgerSk(e.id()))
                .s(Keys.GSI2PK, Keys.ledger(e.resellerId()))
                .s(Keys.GSI2SK, Keys.ledgerSortKey(e.businessDate(), e.at(), e.id()))
                .s("id", e.id()).s("resellerId", e.resellerId()).s("entryType", e.type().name())
                .n("amountMinor", e.amount().minorUnits()).s("currency", e.amount().currency().getCurrencyCode())
                .optS("paymentId", e.paymentId()).instant("at", e.at()).s("businessDate", e.businessDate().toString())
                .s("memo", e.memo())
                .build();
    }

    static LedgerEntry fromItem(ItemReader i) {
        return i.map(() -> new LedgerEntry(i.s("id"), i.s("resellerId"), i.enumValue("entryType", LedgerEntryType.class),
                new Money(i.n("amountMinor"), Currency.getInstance(i.s("currency"))), i.optS("paymentId"),
                i.instant("at"), LocalDate.parse(i.s("businessDate")), i.optS("memo").orElse("")));
    }
}
