package com.wispbill.domain.metrics;

/**
 * The operational figures WISPbill reports (CloudWatch namespace {@code WISPbill}); the names are
 * what the template's alarms and dashboard refer to. One home for them.
 */
public enum Metric {
    /** Payments granted (webhook or reconciler); dimension Currency. */
    SALES("Sales", Unit.COUNT),
    /** Gross of the payments granted, in minor units of the dimension Currency. */
    REVENUE_MINOR("RevenueMinor", Unit.NONE),
    /** Payments the reconciler found still pending with their provider after a run. */
    PAYMENTS_STILL_PENDING("PaymentsStillPending", Unit.COUNT),
    /** Payments the reconciler settled (their callback was lost or late). */
    PAYMENTS_SETTLED_BY_RECONCILER("PaymentsSettledByReconciler", Unit.COUNT),
    /** Outbox messages a crashed or failed writer left behind, sent by the relay. */
    OUTBOX_MESSAGES_RELAYED("OutboxMessagesRelayed", Unit.COUNT),
    VOUCHERS_GENERATED("VouchersGenerated", Unit.COUNT),
    /** Router commands applied (or found already applied); dimension RouterId. */
    ROUTER_COMMANDS_APPLIED("RouterCommandsApplied", Unit.COUNT),
    /** Router commands left for a retry (and, after the last one, the DLQ); dimension RouterId. */
    ROUTER_COMMANDS_FAILED("RouterCommandsFailed", Unit.COUNT),
    ROUTERS_POLLED("RoutersPolled", Unit.COUNT),
    ROUTERS_UNREACHABLE("RoutersUnreachable", Unit.COUNT),
    USAGE_SAMPLES_INGESTED("UsageSamplesIngested", Unit.COUNT),
    USAGE_SAMPLES_REJECTED("UsageSamplesRejected", Unit.COUNT),
    /** Subscriptions and vouchers the sweeper expired (user disabled and kicked). */
    EXPIRIES("Expiries", Unit.COUNT),
    REMINDERS_QUEUED("RemindersQueued", Unit.COUNT),
    SMS_SENT("SmsSent", Unit.COUNT),
    /** SMS requests that could not be sent (refused, or failed and left for a retry). */
    SMS_FAILED("SmsFailed", Unit.COUNT);

    public enum Unit { COUNT, NONE }

    private final String metricName;
    private final Unit unit;

    Metric(String metricName, Unit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }
}
