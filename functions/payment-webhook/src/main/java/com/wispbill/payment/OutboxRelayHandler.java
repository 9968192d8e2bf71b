package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.wispbill.adapters.logging.CorrelationId;
import java.util.function.Supplier;

/** Scheduled every minute: {@link OutboxRelay#run()}. */
public final class OutboxRelayHandler implements RequestHandler<ScheduledEvent, String> {
    private final Supplier<OutboxRelay> relay;

    /**
     * What Lambda calls. The real collaborators are built on first use, once per execution environment
     * (a class holder), so merely loading the handler (the local stack does at start) needs no configuration.
     */
    public OutboxRelayHandler() {
        this.relay = () -> Holder.RELAY;
    }

    public OutboxRelayHandler(OutboxRelay relay) {
        this.relay = () -> relay;
    }

    /** With collaborators built when first needed (tests that wire the handler before the stack starts). */
    public OutboxRelayHandler(Supplier<OutboxRelay> relay) {
        this.relay = relay;
    }

    private static final class Holder {
        static final OutboxRelay RELAY;

        static {
            PaymentRepositories repos = PaymentComponents.repositories();
            RELAY = new OutboxRelay(repos.outbox(), PaymentComponents.outboxDelivery(repos), PaymentComponents.CLOCK);
        }
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        return "delivered " + relay.get().run();
    }
}
