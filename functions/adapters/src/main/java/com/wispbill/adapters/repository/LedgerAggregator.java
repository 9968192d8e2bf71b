package com.wispbill.adapters.repository;

import com.wispbill.domain.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Adds ledger entries appended with {@link LedgerRepository#appendAggregatedLater} to the reseller's
 * balance and revenue counters. Each entry is added exactly once however often it is handed over
 * (stream redeliveries, retries after a failed batch): the entry itself records that it was added, in
 * the same transaction as the additions.
 */
public interface LedgerAggregator {
    /**
     * Most entries {@link #aggregate} adds in one transaction: a call with at most this many succeeds or fails as a
     * whole, so a caller that must not let one failure hold up other entries calls it with chunks of this size.
     */
    int ENTRIES_PER_TRANSACTION = 24;

    /** An entry waiting to be added; {@code revenuePlanId} present for a sale or refund counted per plan. */
    record PendingEntry(LedgerEntry entry, Optional<String> revenuePlanId) {
    }

    /** Adds the entries not added yet; returns how many this call added (the others already were). */
    int aggregate(List<PendingEntry> entries);

    /**
     * Entries still waiting whose time lies in {@code [from, before)}, from an index of waiting entries (no scan);
     * {@code unreadable} names those no retry can add (a damaged item, an unknown entry type), for the report.
     */
    PendingEntries pendingBetween(Instant from, Instant before);

    record PendingEntries(List<PendingEntry> readable, List<String> unreadable) {
    }
}
