package com.wispbill.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Payment state machine: PENDING → SUCCEEDED | FAILED | CANCELLED | REFUNDED, and SUCCEEDED → REFUNDED.
 * PENDING → REFUNDED is a refund notification that overtook the success one (providers deliver in any
 * order): the money came and went before anything was granted, so nothing is granted. Nothing
 * else, including staying in the same state: a duplicate "succeeded" callback is detected by the
 * caller (provider event dedup or current status), not absorbed here, so it can never grant twice.
 */
public enum PaymentStatus {
    PENDING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    REFUNDED;

    public Set<PaymentStatus> allowedNext() {
        return switch (this) {
            case PENDING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED, REFUNDED);
            case SUCCEEDED -> EnumSet.of(REFUNDED);
            case FAILED, CANCELLED, REFUNDED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }

    public boolean canTransitionTo(PaymentStatus next) {
        return allowedNext().contains(next);
    }

    public PaymentStatus transitionTo(PaymentStatus next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStateTransitionException("Payment", this, next);
        }
        return next;
    }

    public boolean isFinal() {
        return allowedNext().isEmpty();
    }
}
