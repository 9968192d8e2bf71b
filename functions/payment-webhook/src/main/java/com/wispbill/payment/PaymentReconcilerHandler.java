package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.wispbill.adapters.ScheduledHandler;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import java.time.Duration;
import java.time.Instant;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;

/** Scheduled: {@link PaymentReconciler#run()}. */
public final class PaymentReconcilerHandler extends ScheduledHandler {
    private final PaymentReconciler reconciler;
    private final OperationalMetrics metrics;

    /** What Lambda calls: real clients, from the function's environment, built once per execution environment. */
    public PaymentReconcilerHandler() {
        this(PaymentWiring.fromEnvironment());
        SnapStartPriming.register(PaymentReconcilerHandler.class);
    }

    private PaymentReconcilerHandler(PaymentWiring wiring) {
        this(wiring.reconciler(), wiring.metrics());
    }

    public PaymentReconcilerHandler(PaymentReconciler reconciler) {
        this(reconciler, OperationalMetrics.DISCARD);
    }

    public PaymentReconcilerHandler(PaymentReconciler reconciler, OperationalMetrics metrics) {
        this.reconciler = reconciler;
        this.metrics = metrics;
    }

    /** Time kept back from the function's timeout for the payment in hand and the report. */
    static final Duration RESERVE = Duration.ofSeconds(20);

    @Override
    public String run(Context context) {
        Instant deadline = context == null ? Instant.MAX
                : Instant.now().plusMillis(context.getRemainingTimeInMillis()).minus(RESERVE);
        PaymentReconciler.Report report = reconciler.run(deadline);
        metrics.record(Metric.PAYMENTS_STILL_PENDING, report.stillPending());
        metrics.record(Metric.PAYMENTS_SETTLED_BY_RECONCILER, report.settled());
        metrics.record(Metric.PENDING_INDEX_MOVE_FAILURES, report.indexMoveFailure().isPresent() ? 1 : 0);
        return report.toString();
    }
}
