package com.wispbill.expiry;

import com.amazonaws.services.lambda.runtime.Context;
import com.wispbill.adapters.ScheduledHandler;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Clock;

/**
 * EventBridge, every minute: runs one {@link ExpirySweep}. A failure propagates, so the invocation
 * fails; the checkpoint did not move and the next minute's run covers the same ground again.
 */
public final class ExpirySweeperHandler extends ScheduledHandler {
    private final ExpirySweep sweep;
    private final OperationalMetrics metrics;

    /** What Lambda calls: clients and tables from the environment, built once per execution environment. */
    public ExpirySweeperHandler() {
        this(ExpirySweeperWiring.fromEnvironment());
        SnapStartPriming.register(ExpirySweeperHandler.class);
    }

    private ExpirySweeperHandler(ExpirySweeperWiring wiring) {
        this(wiring.store(), wiring.routerCommands(), wiring.notifications(), wiring.clock(), wiring.metrics());
    }

    public ExpirySweeperHandler(DynamoStore store, RouterCommandQueue routerCommands, NotificationQueue notifications,
                                Clock clock) {
        this(store, routerCommands, notifications, clock, OperationalMetrics.DISCARD);
    }

    public ExpirySweeperHandler(DynamoStore store, RouterCommandQueue routerCommands, NotificationQueue notifications,
                                Clock clock, OperationalMetrics metrics) {
        this.metrics = metrics;
        this.sweep = new ExpirySweep(store.subscriptions(), store.vouchers(), store.customers(), store.wallets(), store.plans(),
                store.resellers(), store.enforcementState(), store, store.outbox(), routerCommands, notifications, clock);
    }

    @Override
    public String run(Context context) {
        return sweep().toString();
    }

    /** One sweep, with its figures recorded as metrics. */
    public SweepReport sweep() {
        SweepReport report = sweep.run();
        metrics.record(Metric.EXPIRIES, report.expired());
        metrics.record(Metric.REMINDERS_QUEUED, report.reminders());
        return report;
    }
}
