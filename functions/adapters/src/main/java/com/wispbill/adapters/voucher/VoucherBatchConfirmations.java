package com.wispbill.adapters.voucher;

import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Routers confirming a voucher batch: each bulk router command that carries a batch's hotspot users
 * names its part, and once it is applied the driver confirms the part here. The batch moves
 * PENDING_ROUTER → READY when every part is confirmed, by whoever sees that first (the driver's last
 * confirmation, or the generator if the routers were faster than its own move to PENDING_ROUTER).
 */
public final class VoucherBatchConfirmations {
    private final VoucherBatchRepository batches;
    private final Clock clock;

    public VoucherBatchConfirmations(VoucherBatchRepository batches, Clock clock) {
        this.batches = Objects.requireNonNull(batches, "batches");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Confirms {@code part} (again is harmless); the batch after it, empty if there is no such batch. */
    public Optional<VoucherBatch> confirm(String resellerId, String batchId, int part) {
        return batches.confirmPart(resellerId, batchId, part, clock.instant()).map(this::readyIfConfirmed);
    }

    /** Whether {@code part} was confirmed before (a redelivered bulk then has nothing to do). */
    public boolean isConfirmed(String resellerId, String batchId, int part) {
        return batches.isPartConfirmed(resellerId, batchId, part);
    }

    /** READY if every part is confirmed and it is PENDING_ROUTER; otherwise {@code batch} as it is. */
    public VoucherBatch readyIfConfirmed(VoucherBatch batch) {
        if (batch.status() != VoucherBatchStatus.PENDING_ROUTER || !batch.isFullyConfirmed()) {
            return batch;
        }
        VoucherBatch ready = batch.ready(clock);
        try {
            batches.update(batch, ready);
            return ready;
        } catch (ConflictException e) {
            // Another confirmation moved it first.
            return batches.get(batch.resellerId(), batch.id());
        }
    }

    /** Shows why the batch is still waiting (a router without a login, unreachable, …). */
    public void waiting(String resellerId, String batchId, String reason) {
        batches.recordPendingReason(resellerId, batchId, reason, clock.instant());
    }
}
