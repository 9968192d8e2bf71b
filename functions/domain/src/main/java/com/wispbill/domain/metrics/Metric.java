package com.wispbill.domain.metrics;

/**
 * The operational figures functions report (CloudWatch namespace {@code WISPbill}); the names are
 * what the template's alarms and dashboard refer to. Payment reviews and webhook refusals are counted
 * from their log lines by metric filters in the template instead.
 */
public enum Metric {
    /** Sales committed (payments granted, portal sales, API extensions); dimension Currency. */
    SALES("Sales"),
    /** Their gross in minor units of the dimension Currency. */
    REVENUE_MINOR("RevenueMinor"),
    /** Payments the reconciler found still pending with their provider after a run. */
    PAYMENTS_STILL_PENDING("PaymentsStillPending", true),
    /** Payments the reconciler settled (their callback was lost or late). */
    PAYMENTS_SETTLED_BY_RECONCILER("PaymentsSettledByReconciler"),
    /** Reconciler runs whose step of the move off the former hour buckets of its index failed. */
    PENDING_INDEX_MOVE_FAILURES("PendingIndexMoveFailures"),
    /** Outbox messages a crashed or failed writer left behind, sent by the relay. */
    OUTBOX_MESSAGES_RELAYED("OutboxMessagesRelayed"),
    VOUCHERS_GENERATED("VouchersGenerated"),
    /** Router commands applied (or found already applied); dimension RouterId. */
    ROUTER_COMMANDS_APPLIED("RouterCommandsApplied"),
    /** Router commands left for a retry (and, after the last one, the DLQ); dimension RouterId. */
    ROUTER_COMMANDS_FAILED("RouterCommandsFailed"),
    ROUTERS_POLLED("RoutersPolled"),
    ROUTERS_UNREACHABLE("RoutersUnreachable"),
    USAGE_SAMPLES_INGESTED("UsageSamplesIngested"),
    USAGE_SAMPLES_REJECTED("UsageSamplesRejected"),
    /** Subscriptions and vouchers the sweeper expired (user disabled and kicked). */
    EXPIRIES("Expiries"),
    REMINDERS_QUEUED("RemindersQueued"),
    SMS_SENT("SmsSent"),
    /** SMS requests that could not be sent (refused, or failed and left for a retry). */
    SMS_FAILED("SmsFailed");

    private final String metricName;
    private final boolean level;

    Metric(String metricName) {
        this(metricName, false);
    }

    Metric(String metricName, boolean level) {
        this.metricName = metricName;
        this.level = level;
    }

    /**
     * A level (how many are waiting now) rather than a count of events: its zeros matter, as an alarm
     * on its minimum must see the backlog clear. A count of zero events can go unreported.
     */
    public boolean isLevel() {
        return level;
    }

    public String metricName() {
        return metricName;
    }

}
