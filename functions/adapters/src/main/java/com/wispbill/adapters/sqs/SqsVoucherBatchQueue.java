package com.wispbill.adapters.sqs;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.messages.VoucherBatchQueue;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The {@code voucher-batches} queue. */
public final class SqsVoucherBatchQueue implements VoucherBatchQueue {
    private final SqsSender sender;

    public SqsVoucherBatchQueue(SqsClient sqs, String queueUrl) {
        this.sender = new SqsSender(sqs, queueUrl);
    }

    /** The queue named by {@code VOUCHER_BATCHES_QUEUE_URL}, with the shared client. */
    public static SqsVoucherBatchQueue fromEnvironment() {
        return new SqsVoucherBatchQueue(AwsClients.sqs(), Env.require("VOUCHER_BATCHES_QUEUE_URL"));
    }

    @Override
    public void send(VoucherBatchOrder order) {
        sender.send(List.of(SqsSender.OutgoingMessage.standard(MessageCodec.encode(order))));
    }
}
