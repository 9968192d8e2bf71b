package com.wispbill.domain.messages;

import com.wispbill.domain.Validation;

/**
 * Asks the voucher generator to generate (or resume generating) a batch already stored as QUEUED.
 * Everything else the generator needs is on the stored batch, so a redelivered order is harmless.
 */
public record VoucherBatchOrder(String resellerId, String batchId) {
    public VoucherBatchOrder {
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(batchId, "batchId");
        v.throwIfInvalid();
    }
}
