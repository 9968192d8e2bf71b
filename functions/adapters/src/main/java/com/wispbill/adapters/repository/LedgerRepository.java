package com.wispbill.adapters.repository;

import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.Money;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;

public interface LedgerRepository {
    /**
     * Appends an entry (once: an existing id is a {@link com.wispbill.domain.ConflictException}, so a retried
     * payment entry ({@link LedgerEntry#idFor}) or cash receipt can never count twice) without touching any
     * item another entry shares: the balance, and for revenue of {@code revenuePlanId} (a sale, a paid manual
     * extension, a refund) the revenue counters, are added from the table's stream by {@link LedgerAggregator},
     * exactly once, within seconds. The only way to write an entry: no writer adds to the shared items in its
     * own transaction, so sales, cash renewals and top-ups of one reseller never contend for them.
     */
    void appendAggregatedLater(LedgerEntry entry, Optional<String> revenuePlanId, WriteTransaction tx);

    /** Entries of reseller-local business days {@code from..to} (inclusive), oldest first. */
    Page<LedgerEntry> entries(String resellerId, LocalDate from, LocalDate to, PageRequest page);

    /** Sum of all entries in {@code currency}; zero if there are none. */
    Money balance(String resellerId, Currency currency);
}
