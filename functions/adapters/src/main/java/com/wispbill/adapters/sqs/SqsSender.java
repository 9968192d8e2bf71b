package com.wispbill.adapters.sqs;

import com.wispbill.adapters.logging.CorrelationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends messages to one queue in batches of ten (SQS's limit), resending the entries SQS reports as
 * failed. Throws {@link QueueSendException} if some still fail (or SQS cannot be reached), so the caller's unit of work fails
 * and is retried as a whole; for FIFO queues the deduplication id makes that resend harmless.
 * The one place that calls {@code SendMessage(Batch)}; every message carries the sender's
 * {@link CorrelationId}, if it has one.
 */
public final class SqsSender {
    /** One message: body, and for FIFO queues its group and deduplication id. */
    public record OutgoingMessage(String body, Optional<String> groupId, Optional<String> deduplicationId) {
        public static OutgoingMessage standard(String body) {
            return new OutgoingMessage(body, Optional.empty(), Optional.empty());
        }

        public static OutgoingMessage fifo(String body, String groupId, String deduplicationId) {
            return new OutgoingMessage(body, Optional.of(groupId), Optional.of(deduplicationId));
        }
    }

    private static final int MAX_BATCH = 10;
    /** SQS's limit for one batch call is 256 KiB of bodies and attributes; room is left for the attributes. */
    private static final long MAX_BATCH_BYTES = 240 * 1024;
    private static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsSender(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public String queueUrl() {
        return queueUrl;
    }

    public void send(List<OutgoingMessage> messages) {
        // At most ten entries and MAX_BATCH_BYTES of bodies per call (bulk router commands are ~20 KB each).
        int from = 0;
        while (from < messages.size()) {
            int to = from;
            long bytes = 0;
            while (to < messages.size() && to - from < MAX_BATCH) {
                long size = messages.get(to).body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (to > from && bytes + size > MAX_BATCH_BYTES) {
                    break;
                }
                bytes += size;
                to++;
            }
            sendChunk(messages.subList(from, to));
            from = to;
        }
    }

    private void sendChunk(List<OutgoingMessage> chunk) {
        // Entry ids are positions in the chunk; FIFO order within a group is the order of the entries.
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            pending.add(i);
        }
        List<BatchResultErrorEntry> lastErrors = List.of();
        Map<String, MessageAttributeValue> attributes = CorrelationId.current()
                .map(id -> Map.of(CorrelationId.MESSAGE_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(id).build()))
                .orElse(Map.of());
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int index : pending) {
                OutgoingMessage m = chunk.get(index);
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(index)).messageBody(m.body()).messageAttributes(attributes);
                m.groupId().ifPresent(entry::messageGroupId);
                m.deduplicationId().ifPresent(entry::messageDeduplicationId);
                entries.add(entry.build());
            }
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                // Unreachable, throttled, or no such queue: nothing was queued by this call.
                throw new QueueSendException(queueUrl, e.getMessage(), e);
            }
            lastErrors = response.failed();
            Map<String, BatchResultErrorEntry> failed = lastErrors.stream()
                    .collect(Collectors.toMap(BatchResultErrorEntry::id, e -> e));
            // Sender faults (bad request) will not succeed on a resend; stop at once.
            if (failed.values().stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                break;
            }
            pending = pending.stream().filter(i -> failed.containsKey(Integer.toString(i))).toList();
        }
        if (!lastErrors.isEmpty() && !pending.isEmpty()) {
            throw new QueueSendException(queueUrl, lastErrors.stream()
                    .map(e -> e.code() + ": " + e.message()).distinct().collect(Collectors.joining("; ")));
        }
    }
}
