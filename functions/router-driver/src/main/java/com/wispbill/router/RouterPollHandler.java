package com.wispbill.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.metrics.PowertoolsOperationalMetrics;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.router.poll.RouterPoller;

/** The every-minute EventBridge schedule: polls (and when due reconciles) every active router. */
public final class RouterPollHandler implements RequestHandler<ScheduledEvent, String> {
    private final RouterPoller poller;
    private final OperationalMetrics metrics;

    public RouterPollHandler(RouterPoller poller) {
        this(poller, OperationalMetrics.DISCARD);
    }

    public RouterPollHandler(RouterPoller poller, OperationalMetrics metrics) {
        this.poller = poller;
        this.metrics = metrics;
    }

    /** What Lambda calls: real clients, and the poll settings and queues from the function's environment. */
    public RouterPollHandler() {
        this(RouterDriverWiring.fromEnvironment().pollerFromEnvironment(), PowertoolsOperationalMetrics.fromEnvironment());
        SnapStartPriming.register(RouterPollHandler.class);
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        RouterPoller.PollSummary summary = poller.pollAll(context::getRemainingTimeInMillis);
        metrics.record(Metric.ROUTERS_POLLED, summary.routers());
        metrics.record(Metric.ROUTERS_UNREACHABLE, summary.routers() - summary.reachable() - summary.skipped());
        return "polled " + summary.routers() + " routers: " + summary.reachable() + " reachable, "
                + summary.samples() + " usage samples, " + summary.reconciled() + " reconciled, "
                + summary.skipped() + " skipped for lack of time";
    }
}
