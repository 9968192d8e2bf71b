package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Scheduled: {@link PaymentReconciler#run()}. */
public final class PaymentReconcilerHandler implements RequestHandler<ScheduledEvent, String> {
    private final Supplier<PaymentReconciler> reconciler;

    /**
     * What Lambda calls. The real collaborators are built on first use, once per execution environment
     * (a class holder), so merely loading the handler (the local stack does at start) needs no configuration.
     */
    public PaymentReconcilerHandler() {
        this.reconciler = () -> Holder.RECONCILER;
    }

    public PaymentReconcilerHandler(PaymentReconciler reconciler) {
        this.reconciler = () -> reconciler;
    }

    /** With collaborators built when first needed (tests that wire the handler before the stack starts). */
    public PaymentReconcilerHandler(Supplier<PaymentReconciler> reconciler) {
        this.reconciler = reconciler;
    }

    private static final class Holder {
        static final PaymentReconciler RECONCILER;

        static {
            PaymentRepositories repos = PaymentComponents.repositories();
            RECONCILER = new PaymentReconciler(repos, PaymentComponents.adapters(), PaymentComponents.credentials(),
                    PaymentComponents.settlement(repos), SnsAlertPublisher.fromEnvironment(), PaymentComponents.alerts(),
                    PaymentComponents.reconcileAfter(), PaymentComponents.CLOCK);
        }
    }

    /** Time kept back from the function's timeout for the payment in hand and the report. */
    static final Duration RESERVE = Duration.ofSeconds(20);

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        Instant deadline = context == null ? Instant.MAX
                : Instant.now().plusMillis(context.getRemainingTimeInMillis()).minus(RESERVE);
        return reconciler.get().run(deadline).toString();
    }
}
