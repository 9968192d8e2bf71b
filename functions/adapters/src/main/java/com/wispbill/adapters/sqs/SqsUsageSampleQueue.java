package com.wispbill.adapters.sqs;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.messages.UsageSample;
import com.wispbill.domain.messages.UsageSampleQueue;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The {@code usage-samples} queue (standard: ingestion is idempotent per session and sample time). */
public final class SqsUsageSampleQueue implements UsageSampleQueue {
    private final SqsSender sender;

    public SqsUsageSampleQueue(SqsClient sqs, String queueUrl) {
        this.sender = new SqsSender(sqs, queueUrl);
    }

    /** The queue named by {@code USAGE_SAMPLES_QUEUE_URL}, with the shared client. */
    public static SqsUsageSampleQueue fromEnvironment() {
        return new SqsUsageSampleQueue(AwsClients.sqs(), Env.require("USAGE_SAMPLES_QUEUE_URL"));
    }

    @Override
    public void send(List<UsageSample> samples) {
        sender.send(samples.stream().map(s -> SqsSender.OutgoingMessage.standard(MessageCodec.encode(s))).toList());
    }
}
