package com.wispbill.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A prepaid access code for one plan on one router (the router the hotspot user is created on).
 * The code is the hotspot username and password, i.e. a bearer secret: {@link #toString()} masks it
 * and it must never be logged whole (use {@link VoucherCodes#mask}). {@code id} is a separate,
 * non-secret handle for APIs and logs.
 *
 * <p>{@code expiresAt} is unknown until validity starts: at sale or at first login depending on the
 * plan's {@link ValidityStart}.
 */
public record Voucher(
        String code,
        String id,
        String resellerId,
        String batchId,
        String planId,
        String routerId,
        VoucherStatus status,
        Instant createdAt,
        Optional<Instant> soldAt,
        Optional<Instant> firstUsedAt,
        Optional<Instant> expiresAt,
        Optional<String> revokeReason) {

    /** Longest reason kept with a revoke (a support note, not a log). */
    public static final int MAX_REVOKE_REASON = 500;
    /** The batch id of every portal-sold voucher: no batch item exists for it. */
    public static final String PORTAL_BATCH_ID = "portal-sales";

    public Voucher {
        revokeReason = Objects.requireNonNullElse(revokeReason, Optional.empty());
        soldAt = Objects.requireNonNullElse(soldAt, Optional.empty());
        firstUsedAt = Objects.requireNonNullElse(firstUsedAt, Optional.empty());
        expiresAt = Objects.requireNonNullElse(expiresAt, Optional.empty());
        Validation v = new Validation();
        if (v.notBlank(code, "code")) {
            v.check(VoucherCodes.isCanonical(code), "code", "is not a canonical voucher code");
        }
        v.id(id, "id");
        v.id(resellerId, "resellerId");
        v.id(batchId, "batchId");
        v.id(planId, "planId");
        v.id(routerId, "routerId");
        v.notNull(status, "status");
        v.notNull(createdAt, "createdAt");
        v.check(status != VoucherStatus.USED || firstUsedAt.isPresent(), "firstUsedAt", "is required once used");
        revokeReason.ifPresent(r -> v.check(!r.isBlank() && r.length() <= MAX_REVOKE_REASON
                && r.chars().noneMatch(Character::isISOControl), "reason", "must be 1-" + MAX_REVOKE_REASON
                + " printable characters"));
        v.throwIfInvalid();
    }

    /** A voucher that was never revoked with a reason. */
    public Voucher(String code, String id, String resellerId, String batchId, String planId, String routerId,
                   VoucherStatus status, Instant createdAt, Optional<Instant> soldAt, Optional<Instant> firstUsedAt,
                   Optional<Instant> expiresAt) {
        this(code, id, resellerId, batchId, planId, routerId, status, createdAt, soldAt, firstUsedAt, expiresAt,
                Optional.empty());
    }

    /** A freshly generated voucher; {@code code} must already be canonical (from {@link VoucherCodes}). */
    public static Voucher create(String code, String resellerId, String batchId, String planId, String routerId,
                                 Clock clock) {
        return new Voucher(code, Ids.newId(clock), resellerId, batchId, planId, routerId, VoucherStatus.NEW,
                clock.instant(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The hotspot user now exists on the router. */
    public Voucher provisioned() {
        return withStatus(status.transitionTo(VoucherStatus.ACTIVE));
    }

    /** Sold on a portal (made by its payment), not printed in a batch: whether it is on its router is its grant's state. */
    public boolean isPortalSale() {
        return PORTAL_BATCH_ID.equals(batchId);
    }

    /**
     * Sold at {@code at} (a portal purchase hands out this voucher). For plans whose validity starts at
     * sale, the expiry is fixed now.
     */
    public Voucher sell(Instant at, Plan plan, ResellerCalendar calendar) {
        requireOwnPlan(plan);
        if (status.isFinal()) {
            throw new ConflictException("voucher " + id + " is " + status + " and cannot be sold");
        }
        if (soldAt.isPresent()) {
            throw new ConflictException("voucher " + id + " is already sold");
        }
        Optional<Instant> expiry = plan.validityStart() == ValidityStart.AT_SALE
                ? Optional.of(plan.validity().expiresAt(at, calendar))
                : expiresAt;
        return new Voucher(code, id, resellerId, batchId, planId, routerId, status, createdAt, Optional.of(at),
                firstUsedAt, expiry);
    }

    /**
     * The router saw the first login at {@code at}. Starts the validity if it starts at first use, or
     * at sale for a printed voucher whose sale was never recorded (handing it over is the sale).
     */
    public Voucher firstUse(Instant at, Plan plan, ResellerCalendar calendar) {
        requireOwnPlan(plan);
        VoucherStatus next = status.transitionTo(VoucherStatus.USED);
        Optional<Instant> sold = soldAt.isPresent() ? soldAt : Optional.of(at);
        Optional<Instant> expiry = expiresAt.isPresent()
                ? expiresAt
                : Optional.of(plan.validity().expiresAt(at, calendar));
        return new Voucher(code, id, resellerId, batchId, planId, routerId, next, createdAt, sold, Optional.of(at),
                expiry);
    }

    /** Expires it; only once due, so a sweep with stale data cannot cut time someone still has. */
    public Voucher expire(Clock clock) {
        if (!isDue(clock.instant())) {
            throw new ConflictException("voucher " + id + " is not due to expire"
                    + expiresAt.map(e -> " until " + e).orElse(" (validity has not started)"));
        }
        return withStatus(status.transitionTo(VoucherStatus.EXPIRED));
    }

    /**
     * Its data or uptime allowance is used up: it ends like an expiry (final) whatever validity is
     * left, since a voucher cannot be topped up.
     */
    public Voucher exhaust() {
        return withStatus(status.transitionTo(VoucherStatus.EXPIRED));
    }

    public Voucher revoke() {
        return withStatus(status.transitionTo(VoucherStatus.REVOKED));
    }

    /** Revoked, with the reseller's reason kept (shown with the voucher and in its export). */
    public Voucher revoke(Optional<String> reason) {
        return new Voucher(code, id, resellerId, batchId, planId, routerId, status.transitionTo(VoucherStatus.REVOKED),
                createdAt, soldAt, firstUsedAt, expiresAt, reason.map(String::strip));
    }

    public boolean isDue(Instant now) {
        return !status.isFinal() && expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }

    /** The code for display ("ABCD-EFGH-JK"), e.g. on a printed sheet. */
    public String displayCode() {
        return VoucherCodes.group(code);
    }

    private Voucher withStatus(VoucherStatus next) {
        return new Voucher(code, id, resellerId, batchId, planId, routerId, next, createdAt, soldAt, firstUsedAt,
                expiresAt, revokeReason);
    }

    private void requireOwnPlan(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        if (!plan.id().equals(planId) || !plan.resellerId().equals(resellerId)) {
            throw new IllegalArgumentException("voucher " + id + " is for plan " + planId + ", not " + plan.id());
        }
    }

    @Override
    public String toString() {
        return "Voucher[id=" + id + ", code=" + VoucherCodes.mask(code) + ", resellerId=" + resellerId
                + ", batchId=" + batchId + ", planId=" + planId + ", routerId=" + routerId + ", status=" + status
                + ", soldAt=" + soldAt.orElse(null) + ", firstUsedAt=" + firstUsedAt.orElse(null)
                + ", expiresAt=" + expiresAt.orElse(null) + "]";
    }
}
