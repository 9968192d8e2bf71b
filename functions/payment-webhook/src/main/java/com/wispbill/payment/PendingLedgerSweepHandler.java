package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.wispbill.adapters.ScheduledHandler;
import com.wispbill.adapters.dynamodb.SnapStartPriming;

/**
 * Scheduled every few minutes: {@link PendingLedgerSweep#run()}. A run in which some chunk could not be added ends
 * in an error after the other chunks are added, so the function's errors alarm sees it.
 */
public final class PendingLedgerSweepHandler extends ScheduledHandler {
    private final PendingLedgerSweep sweep;

    /** What Lambda calls: real clients, from the function's environment, built once per execution environment. */
    public PendingLedgerSweepHandler() {
        this(PaymentWiring.fromEnvironment().pendingLedgerSweep());
        SnapStartPriming.register(PendingLedgerSweepHandler.class);
    }

    public PendingLedgerSweepHandler(PendingLedgerSweep sweep) {
        this.sweep = sweep;
    }

    @Override
    public String run(Context context) {
        PendingLedgerSweep.Result result = sweep.run();
        String summary = "added " + result.added() + " of " + result.waiting() + " waiting ledger entries, "
                + result.unreadable() + " unreadable, " + result.failedEntries() + " failed";
        if (result.failed()) {
            throw new IllegalStateException("pending ledger sweep: " + summary + " (retried next run)");
        }
        return summary;
    }
}
