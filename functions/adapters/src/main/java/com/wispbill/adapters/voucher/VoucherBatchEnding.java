package com.wispbill.adapters.voucher;

import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.VoucherQuota;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;

/**
 * The one way a voucher batch ends (READY or FAILED): its order reserved the quantity against the
 * reseller's quota of vouchers in generation, and the final state gives it back in the same
 * transaction. So an ended batch always released its reservation and a batch still QUEUED or
 * GENERATING always holds it; a redelivered order that finds the batch ended cannot release twice.
 */
public final class VoucherBatchEnding {
    private final VoucherBatchRepository batches;
    private final VoucherQuota quota;
    private final Transactions transactions;

    public VoucherBatchEnding(VoucherBatchRepository batches, VoucherQuota quota, Transactions transactions) {
        this.batches = batches;
        this.quota = quota;
        this.transactions = transactions;
    }

    /**
     * Stores {@code ended} if the stored batch is still {@code current} and releases the reservation,
     * or neither ({@link com.wispbill.domain.ConflictException} when the batch moved meanwhile).
     */
    public void end(VoucherBatch current, VoucherBatch ended) {
        if (ended.status() != VoucherBatchStatus.READY && ended.status() != VoucherBatchStatus.FAILED) {
            throw new IllegalArgumentException("a batch ends READY or FAILED, not " + ended.status());
        }
        WriteTransaction tx = transactions.begin();
        batches.update(current, ended, tx);
        quota.release(current.resellerId(), current.quantity(), tx);
        tx.commit();
    }
}
