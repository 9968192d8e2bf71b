package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.wispbill.adapters.outbox.OutboxRelay;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.metrics.PowertoolsOperationalMetrics;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.util.function.Supplier;

/** Scheduled every minute: {@link OutboxRelay#run()}. */
public final class OutboxRelayHandler implements RequestHandler<ScheduledEvent, String> {
    private final Supplier<OutboxRelay> relay;
    private final Supplier<OperationalMetrics> metrics;

    /**
     * What Lambda calls. The real collaborators are built on first use, once per execution environment
     * (a class holder), so merely loading the handler (the local stack does at start) needs no configuration.
     */
    public OutboxRelayHandler() {
        this.relay = () -> Holder.RELAY;
        this.metrics = () -> Holder.METRICS;
    }

    public OutboxRelayHandler(OutboxRelay relay) {
        this(relay, OperationalMetrics.DISCARD);
    }

    public OutboxRelayHandler(OutboxRelay relay, OperationalMetrics metrics) {
        this.relay = () -> relay;
        this.metrics = () -> metrics;
    }

    /** With collaborators built when first needed (tests that wire the handler before the stack starts). */
    public OutboxRelayHandler(Supplier<OutboxRelay> relay) {
        this.relay = relay;
        this.metrics = () -> OperationalMetrics.DISCARD;
    }

    private static final class Holder {
        static final OutboxRelay RELAY;
        static final OperationalMetrics METRICS = PowertoolsOperationalMetrics.fromEnvironment();

        static {
            PaymentRepositories repos = PaymentComponents.repositories();
            RELAY = new OutboxRelay(repos.outbox(), PaymentComponents.outboxDelivery(repos), PaymentComponents.CLOCK);
        }
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        int delivered = relay.get().run();
        metrics.get().record(Metric.OUTBOX_MESSAGES_RELAYED, delivered);
        return "delivered " + delivered;
    }
}
