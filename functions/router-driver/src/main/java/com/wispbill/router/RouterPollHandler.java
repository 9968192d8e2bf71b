package com.wispbill.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.wispbill.adapters.ScheduledHandler;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.router.poll.PollScheduler;

/**
 * The every-minute EventBridge schedule: queues one poll job per active router (resellers
 * interleaved); {@link RouterPollWorkerHandler} polls them.
 */
public final class RouterPollHandler extends ScheduledHandler {
    private final PollScheduler scheduler;

    public RouterPollHandler(PollScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** What Lambda calls: the router table and the poll queue the template names. */
    public RouterPollHandler() {
        this(RouterDriverWiring.pollSchedulerFromEnvironment());
        SnapStartPriming.register(RouterPollHandler.class);
    }

    @Override
    public String run(Context context) {
        return "queued " + scheduler.enqueueAll() + " router polls";
    }
}
