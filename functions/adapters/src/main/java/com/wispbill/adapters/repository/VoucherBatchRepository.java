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

    /** Newest first. */
    Page<VoucherBatch> list(String resellerId, PageRequest page);
}
