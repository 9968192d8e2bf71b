package com.wispbill.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Batch order lifecycle. GENERATING may be entered again (a redelivered queue message resumes a batch
 * whose worker died), and a FAILED batch can be queued again.
 */
public enum VoucherBatchStatus {
    QUEUED,
    GENERATING,
    READY,
    FAILED;

    public Set<VoucherBatchStatus> allowedNext() {
        return switch (this) {
            case QUEUED -> EnumSet.of(GENERATING, FAILED);
            case GENERATING -> EnumSet.of(GENERATING, READY, FAILED);
            case READY -> EnumSet.noneOf(VoucherBatchStatus.class);
            case FAILED -> EnumSet.of(QUEUED);
        };
    }

    public boolean canTransitionTo(VoucherBatchStatus next) {
        return allowedNext().contains(next);
    }

    public VoucherBatchStatus transitionTo(VoucherBatchStatus next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStateTransitionException("VoucherBatch", this, next);
        }
        return next;
    }
}
