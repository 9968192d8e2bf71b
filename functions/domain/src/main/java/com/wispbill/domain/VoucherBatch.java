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
        Instant updatedAt) {

    public static final int MAX_QUANTITY = 10_000;
    public static final int MAX_ROUTERS = 100;

    public VoucherBatch {
        failureReason = Objects.requireNonNullElse(failureReason, Optional.empty());
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
        v.check(status != VoucherBatchStatus.READY || generatedCount == quantity, "generatedCount",
                "must equal quantity when READY");
        v.check(status != VoucherBatchStatus.FAILED || failureReason.isPresent(), "failureReason",
                "is required when FAILED");
        v.notNull(createdAt, "createdAt");
        v.notNull(updatedAt, "updatedAt");
        v.throwIfInvalid();
        routerIds = List.copyOf(routerIds);
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

    public VoucherBatch ready(Clock clock) {
        return with(status.transitionTo(VoucherBatchStatus.READY), quantity, Optional.empty(), clock);
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
                clock.instant());
    }
}
