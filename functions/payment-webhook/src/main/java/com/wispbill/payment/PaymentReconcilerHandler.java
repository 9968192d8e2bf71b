package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import java.time.Duration;
import java.time.Instant;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.metrics.PowertoolsOperationalMetrics;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.util.function.Supplier;

/** Scheduled: {@link PaymentReconciler#run()}. */
public final class PaymentReconcilerHandler implements RequestHandler<ScheduledEvent, String> {
    private final Supplier<PaymentReconciler> reconciler;
    private final Supplier<OperationalMetrics> metrics;

    /**
     * What Lambda calls. The real collaborators are built on first use, once per execution environment
     * (a class holder), so merely loading the handler (the local stack does at start) needs no configuration.
     */
    public PaymentReconcilerHandler() {
        this.reconciler = () -> Holder.RECONCILER;
        this.metrics = () -> Holder.METRICS;
    }

    public PaymentReconcilerHandler(PaymentReconciler reconciler) {
        this(reconciler, OperationalMetrics.DISCARD);
    }

    public PaymentReconcilerHandler(PaymentReconciler reconciler, OperationalMetrics metrics) {
        this.reconciler = () -> reconciler;
        this.metrics = () -> metrics;
    }

    /** With collaborators built when first needed (tests that wire the handler before the stack starts). */
    public PaymentReconcilerHandler(Supplier<PaymentReconciler> reconciler) {
        this.reconciler = reconciler;
        this.metrics = () -> OperationalMetrics.DISCARD;
    }

    private static final class Holder {
        static final PaymentReconciler RECONCILER;
        static final OperationalMetrics METRICS = PowertoolsOperationalMetrics.fromEnvironment();

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
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        Instant deadline = context == null ? Instant.MAX
                : Instant.now().plusMillis(context.getRemainingTimeInMillis()).minus(RESERVE);
        PaymentReconciler.Report report = reconciler.get().run(deadline);
        metrics.get().record(Metric.PAYMENTS_STILL_PENDING, report.stillPending());
        metrics.get().record(Metric.PAYMENTS_SETTLED_BY_RECONCILER, report.settled());
        return report.toString();
    }
}
