package com.wispbill.domain.messages;

/** Queues voucher batch orders for the generator. */
public interface VoucherBatchQueue {
    void send(VoucherBatchOrder order);
}
