package com.wispbill.adapters.repository;

import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.VoucherBatch;
import java.util.Optional;

public interface VoucherBatchRepository {
    void create(VoucherBatch batch);

    /** Enlists creating {@code batch} in {@code tx} (with the quota reservation for it). */
    void create(VoucherBatch batch, WriteTransaction tx);

    /**
     * Stores {@code next} if the stored batch is still {@code current} (same status and generated
     * count); otherwise {@link com.wispbill.domain.ConflictException}: another worker moved it.
     */
    void update(VoucherBatch current, VoucherBatch next);

    /** As {@link #update(VoucherBatch, VoucherBatch)}, as part of {@code tx}. */
    void update(VoucherBatch current, VoucherBatch next, WriteTransaction tx);

    Optional<VoucherBatch> find(String resellerId, String batchId);

    default VoucherBatch get(String resellerId, String batchId) {
        return find(resellerId, batchId).orElseThrow(() -> new NotFoundException("Voucher batch", batchId));
    }

    /**
     * Adds provisioning part {@code part} to the batch's confirmed parts (idempotent: a set); the batch
     * as stored after that, or empty if there is no such batch.
     */
    Optional<VoucherBatch> confirmPart(String resellerId, String batchId, int part, java.time.Instant at);

    /** Whether {@link #confirmPart} recorded {@code part} (strongly consistent). */
    boolean isPartConfirmed(String resellerId, String batchId, int part);

    /**
     * Shows why a GENERATING or PENDING_ROUTER batch is not READY (e.g. its router refused the login);
     * nothing for a batch in another state or already showing that reason.
     */
    void recordPendingReason(String resellerId, String batchId, String reason, java.time.Instant at);

    /** Newest first. */
    Page<VoucherBatch> list(String resellerId, PageRequest page);
}
