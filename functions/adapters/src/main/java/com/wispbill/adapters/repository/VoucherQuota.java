package com.wispbill.adapters.repository;

/**
 * A reseller's quota of vouchers in generation: ordered in batches that are not yet READY or FAILED.
 * It bounds the generation work one reseller can queue (the generator and the router command queue
 * are shared). Ordering a batch reserves its whole quantity in the batch's own transaction,
 * conditional on the limit, so two concurrent orders cannot both squeeze under it; the batch's final
 * state (READY or FAILED, written by the generator, or by the API when the order could not be
 * queued) releases it in that state change's transaction, so it is released exactly once.
 * Counting happens on one small item per reseller: checking the quota never reads vouchers.
 */
public interface VoucherQuota {

    /** The counter as stored; {@code limit} is the reseller's own if the operator set one, else {@code defaultLimit}. */
    record Usage(long outstanding, long limit) {
        public long remaining() {
            return Math.max(0, limit - outstanding);
        }
    }

    Usage usage(String resellerId, long defaultLimit);

    /** Sets the reseller's own limit (operator). */
    void setLimit(String resellerId, long limit);

    /**
     * Enlists adding {@code quantity} to the outstanding count in {@code tx}, on condition that the
     * count is still at most {@code usage.limit() - quantity} at commit (a concurrent order that got
     * there first makes the commit a {@link com.wispbill.domain.ConflictException}).
     */
    void reserve(String resellerId, int quantity, Usage usage, WriteTransaction tx);

    /** Enlists subtracting {@code count} (vouchers that ended, or a batch that will never be generated) in {@code tx}. */
    void release(String resellerId, int count, WriteTransaction tx);
}
