package com.wispbill.adapters.repository;

import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.Money;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;

public interface LedgerRepository {
    /**
     * Appends an entry and adds its amount to the reseller's balance, atomically. Appending an entry id
     * that exists is a {@link com.wispbill.domain.ConflictException}, so a retried payment entry
     * ({@link LedgerEntry#idFor}) can never count twice.
     */
    void append(LedgerEntry entry);

    void append(LedgerEntry entry, WriteTransaction tx);

    /**
     * Appends an entry (once: an existing id is a {@link com.wispbill.domain.ConflictException}) without
     * touching any item another entry shares: the balance, and for a sale or refund of {@code revenuePlanId}
     * the revenue counters, are added from the table's stream by {@link LedgerAggregator}, exactly once,
     * within seconds. For writers whose every sale would otherwise update the same items (the payment grant).
     */
    void appendAggregatedLater(LedgerEntry entry, Optional<String> revenuePlanId, WriteTransaction tx);

    /** Entries of reseller-local business days {@code from..to} (inclusive), oldest first. */
    Page<LedgerEntry> entries(String resellerId, LocalDate from, LocalDate to, PageRequest page);

    /** Sum of all entries in {@code currency}; zero if there are none. */
    Money balance(String resellerId, Currency currency);
}
