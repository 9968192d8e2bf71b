package com.wispbill.adapters.sqs;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.messages.RouterPollJob;
import com.wispbill.domain.messages.RouterPollQueue;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The {@code router-polls} queue (standard: a job polled twice only reads the router twice). */
public final class SqsRouterPollQueue implements RouterPollQueue {
    private final SqsSender sender;

    public SqsRouterPollQueue(SqsClient sqs, String queueUrl) {
        this.sender = new SqsSender(sqs, queueUrl);
    }

    /** The queue named by {@code ROUTER_POLLS_QUEUE_URL}, with the shared client. */
    public static SqsRouterPollQueue fromEnvironment() {
        return new SqsRouterPollQueue(AwsClients.sqs(), Env.require("ROUTER_POLLS_QUEUE_URL"));
    }

    @Override
    public void send(List<RouterPollJob> jobs) {
        sender.send(jobs.stream().map(j -> SqsSender.OutgoingMessage.standard(MessageCodec.encode(j))).toList());
    }
}
