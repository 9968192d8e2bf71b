package com.wispbill.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An order for {@code quantity} vouchers of one plan, valid on the listed routers. Generation runs
 * asynchronously; {@code generatedCount} lets a redelivered order resume instead of starting over.
 *
 * @param provisioningParts how many bulk router commands carry the batch's hotspot users (known once
 *                          generation ends, 0 before)
 * @param confirmedParts    how many of them the router driver has confirmed as applied
 * @param pendingReason     while PENDING_ROUTER, why the batch is not READY yet (e.g. a router never reached)
 */
public record VoucherBatch(
        String id,
        String resellerId,
        String planId,
        List<String> routerIds,
        int quantity,
        VoucherBatchStatus status,
        int generatedCount,
        Optional<String> failureReason,
        Instant createdAt,
        Instant updatedAt,
        int provisioningParts,
        int confirmedParts,
        Optional<String> pendingReason) {

    public static final int MAX_QUANTITY = 10_000;
    public static final int MAX_ROUTERS = 100;

    public VoucherBatch {
        failureReason = Objects.requireNonNullElse(failureReason, Optional.empty());
        pendingReason = Objects.requireNonNullElse(pendingReason, Optional.empty());
        Validation v = new Validation();
        v.id(id, "id");
        v.id(resellerId, "resellerId");
        v.id(planId, "planId");
        if (v.notNull(routerIds, "routerIds")
                && v.check(!routerIds.isEmpty() && routerIds.size() <= MAX_ROUTERS, "routerIds",
                "must list 1 to " + MAX_ROUTERS + " routers")) {
            for (int i = 0; i < routerIds.size(); i++) {
                v.id(routerIds.get(i), "routerIds[" + i + "]");
            }
            v.check(new HashSet<>(routerIds).size() == routerIds.size(), "routerIds", "must not repeat a router");
        }
        v.check(quantity >= 1 && quantity <= MAX_QUANTITY, "quantity", "must be between 1 and " + MAX_QUANTITY);
        v.notNull(status, "status");
        v.check(generatedCount >= 0 && generatedCount <= Math.max(quantity, 0), "generatedCount",
                "must be between 0 and quantity");
        v.check((status != VoucherBatchStatus.READY && status != VoucherBatchStatus.PENDING_ROUTER)
                || generatedCount == quantity, "generatedCount", "must equal quantity once generated");
        v.check(provisioningParts >= 0 && confirmedParts >= 0, "confirmedParts", "must not be negative");
        v.check(status != VoucherBatchStatus.FAILED || failureReason.isPresent(), "failureReason",
                "is required when FAILED");
        v.notNull(createdAt, "createdAt");
        v.notNull(updatedAt, "updatedAt");
        v.throwIfInvalid();
        routerIds = List.copyOf(routerIds);
    }

    /** A batch as stored before provisioning parts were tracked. */
    public VoucherBatch(String id, String resellerId, String planId, List<String> routerIds, int quantity,
                        VoucherBatchStatus status, int generatedCount, Optional<String> failureReason, Instant createdAt,
                        Instant updatedAt) {
        this(id, resellerId, planId, routerIds, quantity, status, generatedCount, failureReason, createdAt, updatedAt,
                0, 0, Optional.empty());
    }

    /** A new order, queued for generation. */
    public static VoucherBatch order(String resellerId, String planId, List<String> routerIds, int quantity,
                                     Clock clock) {
        Instant now = clock.instant();
        return new VoucherBatch(Ids.newId(clock), resellerId, planId, routerIds, quantity, VoucherBatchStatus.QUEUED,
                0, Optional.empty(), now, now);
    }

    public VoucherBatch startGenerating(Clock clock) {
        return with(status.transitionTo(VoucherBatchStatus.GENERATING), generatedCount, Optional.empty(), clock);
    }

    /** Records how many vouchers exist so far; only while generating, and never backwards. */
    public VoucherBatch progress(int generated, Clock clock) {
        if (status != VoucherBatchStatus.GENERATING) {
            throw new IllegalStateTransitionException("VoucherBatch", status, VoucherBatchStatus.GENERATING);
        }
        if (generated < generatedCount || generated > quantity) {
            throw new IllegalArgumentException("generated count " + generated + " must be between "
                    + generatedCount + " and " + quantity);
        }
        return with(status, generated, failureReason, clock);
    }

    /**
     * Every voucher stored and its hotspot user queued in {@code parts} bulk commands; READY once the
     * routers confirm them all ({@link #isFullyConfirmed}).
     */
    public VoucherBatch pendingRouter(int parts, String reason, Clock clock) {
        if (parts < 1) {
            throw new IllegalArgumentException("a batch is provisioned in at least one part");
        }
        return new VoucherBatch(id, resellerId, planId, routerIds, quantity,
                status.transitionTo(VoucherBatchStatus.PENDING_ROUTER), quantity, Optional.empty(), createdAt,
                clock.instant(), parts, confirmedParts, Optional.of(reason));
    }

    /** Every part is on its router: the vouchers are sellable. */
    public VoucherBatch ready(Clock clock) {
        VoucherBatchStatus next = status.transitionTo(VoucherBatchStatus.READY);
        if (!isFullyConfirmed()) {
            throw new IllegalStateException("voucher batch " + id + " has " + confirmedParts + " of "
                    + provisioningParts + " parts confirmed by its routers");
        }
        return new VoucherBatch(id, resellerId, planId, routerIds, quantity, next, quantity, Optional.empty(),
                createdAt, clock.instant(),
                provisioningParts, confirmedParts, Optional.empty());
    }

    /** Every provisioning part confirmed (and the number of parts known). */
    public boolean isFullyConfirmed() {
        return provisioningParts > 0 && confirmedParts >= provisioningParts;
    }

    /**
     * Whether the batch's vouchers are on their routers, so they may be handed out: its vouchers stay NEW
     * in storage (one write each), their state is derived from here.
     */
    public boolean isProvisioned() {
        return status == VoucherBatchStatus.READY;
    }

    public VoucherBatch fail(String reason, Clock clock) {
        String why = reason == null || reason.isBlank() ? "generation failed" : reason;
        return with(status.transitionTo(VoucherBatchStatus.FAILED), generatedCount, Optional.of(why), clock);
    }

    public VoucherBatch requeue(Clock clock) {
        return with(status.transitionTo(VoucherBatchStatus.QUEUED), generatedCount, Optional.empty(), clock);
    }

    public int remaining() {
        return quantity - generatedCount;
    }

    private VoucherBatch with(VoucherBatchStatus next, int generated, Optional<String> reason, Clock clock) {
        return new VoucherBatch(id, resellerId, planId, routerIds, quantity, next, generated, reason, createdAt,
                clock.instant(), provisioningParts, confirmedParts, pendingReason);
    }
}
