package com.wispbill.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Batch order lifecycle. GENERATING may be entered again (a redelivered queue message resumes a batch
 * whose worker died), and a FAILED batch can be queued again. PENDING_ROUTER: every voucher is stored and
 * its hotspot user queued, but not every router has confirmed them yet (a router never reached, without
 * a login, or simply still working): not sellable, not printable. READY once every part is confirmed.
 */
public enum VoucherBatchStatus {
    QUEUED,
    GENERATING,
    PENDING_ROUTER,
    READY,
    FAILED;

    public Set<VoucherBatchStatus> allowedNext() {
        return switch (this) {
            case QUEUED -> EnumSet.of(GENERATING, FAILED);
            case GENERATING -> EnumSet.of(GENERATING, PENDING_ROUTER, FAILED);
            case PENDING_ROUTER -> EnumSet.of(READY);
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
