package com.wispbill.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Voucher lifecycle: NEW (stored) → ACTIVE (hotspot user created on the router) → USED (first login
 * seen) → EXPIRED. REVOKED and EXPIRED are final. A NEW voucher can expire when its validity started
 * at sale and ran out before the router got it. A batch's vouchers stay NEW in storage (one write each):
 * whether they are on their router is their batch's state ({@code VoucherBatch#isProvisioned}), so a
 * NEW voucher's first login (seen on the router, so it is there) moves it straight to USED.
 */
public enum VoucherStatus {
    NEW,
    ACTIVE,
    USED,
    EXPIRED,
    REVOKED;

    public Set<VoucherStatus> allowedNext() {
        return switch (this) {
            case NEW -> EnumSet.of(ACTIVE, USED, EXPIRED, REVOKED);
            case ACTIVE -> EnumSet.of(USED, EXPIRED, REVOKED);
            case USED -> EnumSet.of(EXPIRED, REVOKED);
            case EXPIRED, REVOKED -> EnumSet.noneOf(VoucherStatus.class);
        };
    }

    public boolean canTransitionTo(VoucherStatus next) {
        return allowedNext().contains(next);
    }

    public VoucherStatus transitionTo(VoucherStatus next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStateTransitionException("Voucher", this, next);
        }
        return next;
    }

    public boolean isFinal() {
        return allowedNext().isEmpty();
    }
}
