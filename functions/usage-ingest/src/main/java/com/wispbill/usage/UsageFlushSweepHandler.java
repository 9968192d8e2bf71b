package com.wispbill.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.wispbill.adapters.ScheduledHandler;
import com.wispbill.adapters.dynamodb.SnapStartPriming;

/**
 * The every-minute schedule of {@link UsageFlushSweep}: queues a flush job for each router whose usage
 * has waited too long for its own poll. A failed run is simply the next minute's: the index still lists
 * every router with unflushed usage.
 */
public final class UsageFlushSweepHandler extends ScheduledHandler {
    private final UsageFlushSweep sweep;

    public UsageFlushSweepHandler(UsageFlushSweep sweep) {
        this.sweep = sweep;
    }

    /** What Lambda calls: the usage table and the usage-samples queue the template names. */
    public UsageFlushSweepHandler() {
        this(UsageIngestWiring.flushSweepFromEnvironment());
        SnapStartPriming.register(UsageFlushSweepHandler.class);
    }

    @Override
    public String run(Context context) {
        return "queued " + sweep.run() + " router flushes";
    }
}
