package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.LedgerAggregator;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Adds ledger entries marked {@code aggregation = PENDING} to the balance ({@code BALANCE#<currency>})
 * and, for sales, paid manual extensions and refunds counted per plan, the revenue counters ({@code REVDAY#}, {@code REVPLAN#}).
 * One transaction per chunk of entries: each entry flips PENDING → DONE (conditional) with the sums of
 * the chunk's amounts on the shared items, so an entry is counted exactly once: a redelivered entry is
 * seen DONE before the write (strongly consistent BatchGetItem) or, if two deliveries race, the loser's
 * transaction is cancelled as a whole and it reads again. The shared items are written by the
 * aggregator only, one stream shard at a time, so sales no longer contend for them.
 */
public final class DynamoLedgerAggregator extends DynamoSupport implements LedgerAggregator {
    // At most four items per entry (entry, balance, day, plan-day): ENTRIES_PER_TRANSACTION (24) fit DynamoDB's 100.
    private static final int ATTEMPTS = 3;

    private final DynamoLedgerRepository ledger;
    private final DynamoDashboardCounters counters;
    private final Clock clock;

    /** {@code metrics}: each sale counted here is reported (count and gross per currency), once. */
    public DynamoLedgerAggregator(DynamoDbClient dynamoDb, TableNames tables, OperationalMetrics metrics, Clock clock) {
        super(dynamoDb, tables);
        this.ledger = new DynamoLedgerRepository(dynamoDb, tables);
        this.counters = new DynamoDashboardCounters(dynamoDb, tables, metrics);
        this.clock = clock;
    }

    @Override
    public int aggregate(List<PendingEntry> entries) {
        Map<String, PendingEntry> byKey = new LinkedHashMap<>();
        for (PendingEntry pending : entries) {
            byKey.putIfAbsent(pending.entry().resellerId() + "/" + pending.entry().id(), pending);
        }
        List<PendingEntry> distinct = new ArrayList<>(byKey.values());
        int added = 0;
        for (int from = 0; from < distinct.size(); from += ENTRIES_PER_TRANSACTION) {
            added += aggregateChunk(distinct.subList(from, Math.min(distinct.size(), from + ENTRIES_PER_TRANSACTION)));
        }
        return added;
    }

    private int aggregateChunk(List<PendingEntry> chunk) {
        for (int attempt = 1; ; attempt++) {
            List<PendingEntry> pending = stillPending(chunk);
            if (pending.isEmpty()) {
                return 0;
            }
            DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
            for (PendingEntry p : pending) {
                LedgerEntry entry = p.entry();
                tx.add(ledger.markAggregated(entry, clock.instant()), "ledger entry " + entry.id() + " was added by another delivery");
                ledger.addToBalance(entry, tx);
                p.revenuePlanId().filter(planId -> DynamoLedgerRepository.countsAsRevenue(entry)).ifPresent(planId -> {
                    if (entry.type() == LedgerEntryType.REFUND) {
                        counters.recordRefund(entry.resellerId(), entry.businessDate(), planId, entry.amount().negate(), tx);
                    } else {
                        counters.recordSale(entry.resellerId(), entry.businessDate(), planId, entry.amount(), tx);
                    }
                });
            }
            try {
                tx.commit();
                return pending.size();
            } catch (ConflictException e) {
                // Another delivery of some of these entries committed first: read which are left, and go again.
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public PendingEntries pendingBetween(Instant from, Instant before) {
        return ledger.pendingBetween(from, before);
    }

    /** The entries of the chunk still marked PENDING, read strongly consistent in one BatchGetItem. */
    private List<PendingEntry> stillPending(List<PendingEntry> chunk) {
        Map<List<String>, PendingEntry> byKey = new LinkedHashMap<>();
        for (PendingEntry p : chunk) {
            byKey.put(List.of(Keys.reseller(p.entry().resellerId()), Keys.ledgerSk(p.entry().id())), p);
        }
        Set<List<String>> pending = new HashSet<>();
        batchGet(tables.entityTable(), byKey.keySet(), (key, item) -> {
            if (DynamoLedgerRepository.awaitsAggregation(item)) {
                pending.add(key);
            }
        });
        return byKey.entrySet().stream().filter(e -> pending.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }
}
