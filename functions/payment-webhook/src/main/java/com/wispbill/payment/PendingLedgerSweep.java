package com.wispbill.payment;

import com.wispbill.adapters.repository.LedgerAggregator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the ledger entries the stream did not: those still PENDING {@code after} their time (the stream adds an
 * entry within seconds; one still waiting was given up on after the stream's retries, or its delivery is stuck),
 * looking back {@code lookback}. Through the same aggregator as the stream, whose conditional PENDING → DONE write
 * counts an entry once however the sweep and a late stream delivery race. An unreadable entry (a poison record) is
 * not retried: it is logged each run until it leaves the look-back window; its stream record is in the failure
 * queue (alarm) and the runbook repairs it.
 */
public final class PendingLedgerSweep {
    private static final Logger LOG = LoggerFactory.getLogger(PendingLedgerSweep.class);

    /** What one run found and did. */
    public record Result(int waiting, int added, int unreadable) {
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
        int added = aggregator.aggregate(pending.readable());
        if (added > 0) {
            LOG.warn("{} ledger entries the stream had not added were added by the sweep", added);
        }
        return new Result(pending.readable().size(), added, pending.unreadable().size());
    }
}
