package com.wispbill.vouchers;

/**
 * What one run of {@link VoucherBatchGenerator} did with an order.
 *
 * @param kind   how it ended
 * @param detail why, for logs (never contains a voucher code)
 * @param stats  work done in this run
 */
public record GenerationOutcome(Kind kind, String batchId, String detail, Stats stats) {

    public enum Kind {
        /** Every voucher stored and on its router (the routers confirmed faster than the run ended); READY. */
        READY,
        /** Every voucher stored and queued for its router; the batch is PENDING_ROUTER until they confirm. */
        PENDING_ROUTER,
        /** Out of time: progress is stored, the order must be queued again to continue. */
        CHECKPOINTED,
        /** A failure no retry can fix; the batch is FAILED with this reason. */
        FAILED,
        /** Nothing to do: unknown batch, another reseller's, already READY or FAILED, or another worker has it. */
        IGNORED
    }

    /**
     * @param codesDrawn      codes generated, including those that collided with stored ones
     * @param vouchersStored  vouchers stored (each is one drawn code that did not collide)
     * @param collisions      drawn codes that already existed and were replaced
     * @param commandsQueued  router commands sent (profiles, users, removals)
     * @param usersQueued     {@code EnsureHotspotUser} commands among them
     * @param messagesQueued  queue messages they travelled in (bulks of up to 100)
     */
    public record Stats(long codesDrawn, long vouchersStored, long collisions, long commandsQueued, long usersQueued,
                        long messagesQueued) {
        public static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0);
    }

    public boolean needsRequeue() {
        return kind == Kind.CHECKPOINTED;
    }
}
