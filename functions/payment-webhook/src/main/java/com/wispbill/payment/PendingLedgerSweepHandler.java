package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.wispbill.adapters.ScheduledHandler;
import com.wispbill.adapters.dynamodb.SnapStartPriming;

/** Scheduled every few minutes: {@link PendingLedgerSweep#run()}. */
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
        return "added " + result.added() + " of " + result.waiting() + " waiting ledger entries, " + result.unreadable() + " unreadable";
    }
}
