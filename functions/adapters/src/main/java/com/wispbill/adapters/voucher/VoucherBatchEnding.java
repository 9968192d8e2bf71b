package com.wispbill.adapters.voucher;

import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.VoucherQuota;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;

/**
 * The one way a voucher batch's generation ends (PENDING_ROUTER, or READY or FAILED): its order reserved
 * the quantity against the reseller's quota of vouchers in generation, and the state that ends generation
 * gives it back in the same transaction. So a generated or failed batch always released its reservation
 * and a batch still QUEUED or GENERATING always holds it; a redelivered order that finds the batch past
 * generation cannot release twice. (PENDING_ROUTER → READY happens later, when routers confirm, and
 * releases nothing: {@link VoucherBatchConfirmations}.)
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
        if (current.status() == VoucherBatchStatus.PENDING_ROUTER || (ended.status() != VoucherBatchStatus.READY
                && ended.status() != VoucherBatchStatus.FAILED && ended.status() != VoucherBatchStatus.PENDING_ROUTER)) {
            throw new IllegalArgumentException("generation ends PENDING_ROUTER, READY or FAILED, not "
                    + current.status() + " → " + ended.status());
        }
        WriteTransaction tx = transactions.begin();
        batches.update(current, ended, tx);
        quota.release(current.resellerId(), current.quantity(), tx);
        tx.commit();
    }
}
