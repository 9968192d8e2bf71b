package com.wispbill.adapters.sqs;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageFlushJob;
import com.wispbill.domain.messages.UsageSampleQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The {@code usage-samples} queue (standard: ingestion is idempotent per session and poll time). One
 * message per router poll; a poll whose message would pass {@link #MAX_MESSAGE_BYTES} is split into
 * parts of disjoint sessions, each sent on its own (a batch request has the same size limit).
 */
public final class SqsUsageSampleQueue implements UsageSampleQueue {
    /** SQS takes 256 KiB per message (and per batch request); a margin for the correlation attribute. */
    public static final int MAX_MESSAGE_BYTES = 250 * 1024;

    private final SqsSender sender;

    public SqsUsageSampleQueue(SqsClient sqs, String queueUrl) {
        this.sender = new SqsSender(sqs, queueUrl);
    }

    /** The queue named by {@code USAGE_SAMPLES_QUEUE_URL}, with the shared client. */
    public static SqsUsageSampleQueue fromEnvironment() {
        return new SqsUsageSampleQueue(AwsClients.sqs(), Env.require("USAGE_SAMPLES_QUEUE_URL"));
    }

    @Override
    public void send(RouterUsage poll) {
        for (String body : bodies(poll)) {
            sender.send(List.of(SqsSender.OutgoingMessage.standard(body)));
        }
    }

    @Override
    public void sendFlushJobs(List<UsageFlushJob> jobs) {
        // Batched: a sweep that finds many routers of a region gone at once sends ten jobs per request.
        sender.send(jobs.stream().map(j -> SqsSender.OutgoingMessage.standard(MessageCodec.encode(j))).toList());
    }

    /** The poll's message bodies: one, or as many parts as needed to keep each under the limit. */
    public static List<String> bodies(RouterUsage poll) {
        String whole = MessageCodec.encode(poll);
        int size = whole.getBytes(StandardCharsets.UTF_8).length;
        if (size <= MAX_MESSAGE_BYTES) {
            return List.of(whole);
        }
        for (int parts = size / MAX_MESSAGE_BYTES + 1; ; parts++) {
            List<String> bodies = new ArrayList<>();
            boolean fits = true;
            for (RouterUsage part : poll.split(parts)) {
                String body = MessageCodec.encode(part);
                fits &= body.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES;
                bodies.add(body);
            }
            if (fits) {
                return bodies;
            }
        }
    }
}
