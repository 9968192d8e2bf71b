package com.wispbill.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.router.poll.PollScheduler;

/**
 * The every-minute EventBridge schedule: queues one poll job per active router (resellers
 * interleaved); {@link RouterPollWorkerHandler} polls them.
 */
public final class RouterPollHandler implements RequestHandler<ScheduledEvent, String> {
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
    public String handleRequest(ScheduledEvent event, Context context) {
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        return "queued " + scheduler.enqueueAll() + " router polls";
    }
}
