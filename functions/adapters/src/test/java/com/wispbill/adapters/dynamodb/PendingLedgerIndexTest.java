package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.LedgerAggregator;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sparse GSI1 index of ledger entries not yet aggregated, which the pending ledger sweep reads. */
class PendingLedgerIndexTest extends StoreTestSupport {

    @Test
    void pendingEntriesOfManyResellersInOneHourSpreadOverTheShardsAndTheSweepReadsEveryShard() {
        List<LedgerEntry> entries = IntStream.range(0, 48).mapToObj(i -> LedgerEntry.manual("reseller-" + i,
                LedgerEntryType.ADJUSTMENT, Money.of(100 + i, "KES"), "top-up " + i, NAIROBI, clock)).toList();
        WriteTransaction tx = store.begin();
        entries.forEach(entry -> store.ledger().appendAggregatedLater(entry, Optional.empty(), tx));
        tx.commit();

        Set<String> partitions = new HashSet<>();
        for (LedgerEntry entry : entries) {
            Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(b -> b.tableName(tables.entityTable())
                    .key(Map.of(Keys.PK, ItemBuilder.s(Keys.reseller(entry.resellerId())), Keys.SK, ItemBuilder.s(Keys.ledgerSk(entry.id())))))
                    .item();
            String partition = item.get(Keys.GSI1PK).s();
            assertTrue(partition.matches("LEDGER#PENDING#\\d+"), partition);
            partitions.add(partition);
        }
        assertTrue(partitions.size() > 8, "one reseller's shard each, not one partition for the platform: " + partitions);
        assertTrue(partitions.size() <= Keys.PENDING_LEDGER_SHARDS, partitions.toString());

        DynamoLedgerAggregator aggregator = new DynamoLedgerAggregator(LocalDynamoDb.client(), tables, OperationalMetrics.DISCARD, clock);
        LedgerAggregator.PendingEntries pending = aggregator.pendingBetween(START.minus(Duration.ofHours(3)), START.plusSeconds(1));
        assertEquals(entries.stream().map(LedgerEntry::id).collect(java.util.stream.Collectors.toSet()),
                pending.readable().stream().map(p -> p.entry().id()).collect(java.util.stream.Collectors.toSet()), "every shard read");
        assertEquals(List.of(), pending.unreadable());
    }
}
