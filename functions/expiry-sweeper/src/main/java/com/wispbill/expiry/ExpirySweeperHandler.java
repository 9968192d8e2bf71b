package com.wispbill.expiry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.RouterCommandQueue;
import java.time.Clock;

/**
 * EventBridge, every minute: runs one {@link ExpirySweep}. A failure propagates, so the invocation
 * fails; the checkpoint did not move and the next minute's run covers the same ground again.
 */
public final class ExpirySweeperHandler implements RequestHandler<ScheduledEvent, SweepReport> {
    private final ExpirySweep sweep;

    public ExpirySweeperHandler() {
        this(DynamoStore.fromEnvironment(), SqsRouterCommandQueue.fromEnvironment(), SqsNotificationQueue.fromEnvironment(),
                Clock.systemUTC());
    }

    public ExpirySweeperHandler(DynamoStore store, RouterCommandQueue routerCommands, NotificationQueue notifications,
                                Clock clock) {
        this.sweep = new ExpirySweep(store.subscriptions(), store.vouchers(), store.customers(), store.plans(),
                store.resellers(), store.enforcementState(), routerCommands, notifications, clock);
    }

    @Override
    public SweepReport handleRequest(ScheduledEvent event, Context context) {
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        return sweep.run();
    }
}
