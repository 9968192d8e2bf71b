package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.wispbill.adapters.outbox.OutboxRelay;
import com.wispbill.adapters.ScheduledHandler;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;

/** Scheduled every minute: {@link OutboxRelay#run()}. */
public final class OutboxRelayHandler extends ScheduledHandler {
    private final OutboxRelay relay;
    private final OperationalMetrics metrics;

    /** What Lambda calls: real clients, from the function's environment, built once per execution environment. */
    public OutboxRelayHandler() {
        this(PaymentWiring.fromEnvironment());
        SnapStartPriming.register(OutboxRelayHandler.class);
    }

    private OutboxRelayHandler(PaymentWiring wiring) {
        this(wiring.outboxRelay(), wiring.metrics());
    }

    public OutboxRelayHandler(OutboxRelay relay) {
        this(relay, OperationalMetrics.DISCARD);
    }

    public OutboxRelayHandler(OutboxRelay relay, OperationalMetrics metrics) {
        this.relay = relay;
        this.metrics = metrics;
    }

    @Override
    public String run(Context context) {
        int delivered = relay.run();
        metrics.record(Metric.OUTBOX_MESSAGES_RELAYED, delivered);
        return "delivered " + delivered;
    }
}
