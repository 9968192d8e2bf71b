package com.wispbill.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.wispbill.router.poll.RouterPoller;

/** The every-minute EventBridge schedule: polls (and when due reconciles) every active router. */
public final class RouterPollHandler implements RequestHandler<ScheduledEvent, String> {
    private final RouterPoller poller;

    public RouterPollHandler(RouterPoller poller) {
        this.poller = poller;
    }

    /** What Lambda calls: real clients, from the function's environment. */
    public RouterPollHandler() {
        this(RouterDriverWiring.fromEnvironment().pollerFromEnvironment());
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        RouterPoller.PollSummary summary = poller.pollAll(context::getRemainingTimeInMillis);
        return "polled " + summary.routers() + " routers: " + summary.reachable() + " reachable, "
                + summary.samples() + " usage samples, " + summary.reconciled() + " reconciled, "
                + summary.skipped() + " skipped for lack of time";
    }
}
