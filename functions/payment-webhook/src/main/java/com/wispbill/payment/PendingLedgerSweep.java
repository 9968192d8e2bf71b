package com.wispbill.payment;

import com.wispbill.adapters.repository.LedgerAggregator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the ledger entries the stream did not: those still PENDING {@code after} their time (the stream adds an
 * entry within seconds; one still waiting was given up on after the stream's retries, or its delivery is stuck),
 * looking back {@code lookback}. Through the same aggregator as the stream, whose conditional PENDING → DONE write
 * counts an entry once however the sweep and a late stream delivery race. An unreadable entry (a poison record) is
 * not retried: it is logged each run until it leaves the look-back window; its stream record is in the failure
 * queue (alarm) and the runbook repairs it. Entries go to the aggregator one reseller's chunk (one transaction)
 * at a time: a chunk that keeps failing is logged, counted in {@code failedEntries} and left for the next run,
 * and the chunks after it are still added, so one stuck chunk cannot hold up the platform's later entries.
 */
public final class PendingLedgerSweep {
    private static final Logger LOG = LoggerFactory.getLogger(PendingLedgerSweep.class);

    /** What one run found and did; {@code failedEntries}: waiting entries of chunks the aggregator failed on. */
    public record Result(int waiting, int added, int unreadable, int failedEntries) {
        /** Whether some entry could not be added this run for a reason a retry may clear. */
        public boolean failed() {
            return failedEntries > 0;
        }
    }

    private final LedgerAggregator aggregator;
    private final Duration after;
    private final Duration lookback;
    private final Clock clock;

    public PendingLedgerSweep(LedgerAggregator aggregator, Duration after, Duration lookback, Clock clock) {
        if (after.isNegative() || !lookback.minus(after).isPositive()) {
            throw new IllegalArgumentException("the look-back (" + lookback + ") must exceed the wait (" + after + ") ≥ 0");
        }
        this.aggregator = aggregator;
        this.after = after;
        this.lookback = lookback;
        this.clock = clock;
    }

    public Result run() {
        Instant now = clock.instant();
        LedgerAggregator.PendingEntries pending = aggregator.pendingBetween(now.minus(lookback), now.minus(after));
        for (String poison : pending.unreadable()) {
            LOG.error("ledger entry {} cannot be read: not added, see the runbook (its stream record is in the failure queue)", poison);
        }
        int added = 0;
        int failedEntries = 0;
        for (List<LedgerAggregator.PendingEntry> chunk : chunksByReseller(pending.readable())) {
            try {
                added += aggregator.aggregate(chunk);
            } catch (RuntimeException e) {
                failedEntries += chunk.size();
                LOG.error("{} ledger entries of reseller {} not added, the next run retries them: {}", chunk.size(),
                        chunk.get(0).entry().resellerId(), e.toString());
            }
        }
        if (added > 0) {
            LOG.warn("{} ledger entries the stream had not added were added by the sweep", added);
        }
        return new Result(pending.readable().size(), added, pending.unreadable().size(), failedEntries);
    }

    /**
     * The entries in chunks of one aggregator transaction, each of one reseller (a reseller's failure, e.g. its
     * balance item, fails only its own chunks), in the order found (oldest hour first).
     */
    private static List<List<LedgerAggregator.PendingEntry>> chunksByReseller(List<LedgerAggregator.PendingEntry> entries) {
        Map<String, List<LedgerAggregator.PendingEntry>> byReseller = new LinkedHashMap<>();
        for (LedgerAggregator.PendingEntry entry : entries) {
            byReseller.computeIfAbsent(entry.entry().resellerId(), id -> new ArrayList<>()).add(entry);
        }
        List<List<LedgerAggregator.PendingEntry>> chunks = new ArrayList<>();
        for (List<LedgerAggregator.PendingEntry> ofReseller : byReseller.values()) {
            for (int from = 0; from < ofReseller.size(); from += LedgerAggregator.ENTRIES_PER_TRANSACTION) {
                chunks.add(ofReseller.subList(from, Math.min(ofReseller.size(), from + LedgerAggregator.ENTRIES_PER_TRANSACTION)));
            }
        }
        return chunks;
    }
}
