package com.wispbill.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Subscription lifecycle. A renewal revives an expired or quota-suspended subscription; cancellation
 * is final.
 */
public enum SubscriptionStatus {
    ACTIVE,
    /** The plan's data limit is used up; the user is disabled until a renewal or top-up. */
    SUSPENDED_QUOTA,
    /**
     * Suspended by the reseller (the user is disabled on the router). Its time keeps running, so it still
     * expires on time; resuming before then enables it again, a renewal resumes it too.
     */
    SUSPENDED,
    EXPIRED,
    CANCELLED;

    public Set<SubscriptionStatus> allowedNext() {
        return switch (this) {
            case ACTIVE -> EnumSet.of(SUSPENDED_QUOTA, SUSPENDED, EXPIRED, CANCELLED);
            case SUSPENDED_QUOTA -> EnumSet.of(ACTIVE, SUSPENDED, EXPIRED, CANCELLED);
            case SUSPENDED -> EnumSet.of(ACTIVE, EXPIRED, CANCELLED);
            case EXPIRED -> EnumSet.of(ACTIVE, CANCELLED);
            case CANCELLED -> EnumSet.noneOf(SubscriptionStatus.class);
        };
    }

    public boolean canTransitionTo(SubscriptionStatus next) {
        return allowedNext().contains(next);
    }

    /** Returns {@code next} or throws {@link IllegalStateTransitionException}. */
    public SubscriptionStatus transitionTo(SubscriptionStatus next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStateTransitionException("Subscription", this, next);
        }
        return next;
    }

    /** The statuses in which the router must still be told to cut the user at expiry. */
    public boolean awaitsExpiry() {
        return this == ACTIVE || this == SUSPENDED_QUOTA || this == SUSPENDED;
    }
}
