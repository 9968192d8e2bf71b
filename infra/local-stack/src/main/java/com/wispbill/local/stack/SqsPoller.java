package com.wispbill.local.stack;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event source mapping: pollers that long-poll the queue, invoke the function with batches
 * and delete what succeeded, with Lambda's semantics.
 *
 * <ul>
 *   <li>Batches: up to {@code BatchSize} messages; with {@code MaximumBatchingWindowInSeconds}
 *       the poller keeps gathering until the batch is full or the window has passed.</li>
 *   <li>Success: every message is deleted. Handler exception or timeout: nothing is deleted, the
 *       messages come back after the visibility timeout (and reach the DLQ after
 *       {@code maxReceiveCount} receives, which ElasticMQ enforces).</li>
 *   <li>{@code ReportBatchItemFailures}: all but the reported messages are deleted; an invalid
 *       response (unknown, empty or missing {@code itemIdentifier}, malformed JSON) fails the whole
 *       batch, as Lambda does. An empty or null response is complete success.</li>
 *   <li>{@code FilterCriteria}: messages matching no filter are deleted without an invocation.</li>
 *   <li>FIFO queues: ElasticMQ does not hand out a message group's next message while an earlier
 *       one is in flight, so order per group holds across concurrent pollers.</li>
 * </ul>
 * Pollers run on virtual threads; closing interrupts them, which aborts a pending long poll.
 *
 * <p>FIFO queues are polled without waiting ({@code WaitTimeSeconds=0}), pausing {@link #FIFO_IDLE_PAUSE}
 * (growing from {@link #FIFO_FIRST_PAUSE}) after an empty receive. ElasticMQ answers a waiting receive
 * by re-scheduling a try for when the earliest message is next deliverable; a message whose group is
 * locked (an earlier one of the group in flight, e.g. failed commands waiting for their visibility
 * timeout) is deliverable "now" yet not receivable, so the try is re-scheduled at once, over and over:
 * one long poll on such a queue kept its dispatcher at about 1.3 cores for as long as the commands
 * waited. A short receive leaves nothing waiting in ElasticMQ.
 */
final class SqsPoller implements AutoCloseable {

    private static final int LONG_POLL_SECONDS = 20;
    static final Duration FIFO_FIRST_PAUSE = Duration.ofMillis(50);
    static final Duration FIFO_IDLE_PAUSE = Duration.ofSeconds(1);

    private final LambdaFunction function;
    private final FunctionEvent.Sqs source;
    private final String queueUrl;
    private final SqsClient sqs;
    private final String region;
    private final boolean fifo;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    SqsPoller(LambdaFunction function, FunctionEvent.Sqs source, String queueUrl, SqsClient sqs, String region) {
        this.function = function;
        this.source = source;
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        this.region = region;
        this.fifo = queueUrl.endsWith(".fifo");
    }

    void start() {
        running = true;
        for (int i = 0; i < source.maximumConcurrency(); i++) {
            threads.add(Thread.ofVirtual().name("sqs-poller-" + function.logicalId() + "-" + source.name() + "-" + i).start(this::pollLoop));
        }
    }

    LambdaFunction function() {
        return function;
    }

    FunctionEvent.Sqs source() {
        return source;
    }

    private void pollLoop() {
        Duration fifoPause = FIFO_FIRST_PAUSE;
        while (running) {
            try {
                List<Message> batch = receiveBatch();
                if (!batch.isEmpty() && running) {
                    fifoPause = FIFO_FIRST_PAUSE;
                    process(batch);
                } else if (fifo && running) {
                    sleepQuietly(fifoPause);
                    fifoPause = fifoPause.multipliedBy(2).compareTo(FIFO_IDLE_PAUSE) > 0 ? FIFO_IDLE_PAUSE : fifoPause.multipliedBy(2);
                }
            } catch (AbortedException e) {
                if (running) {
                    StackLog.warn("poller for " + function.logicalId() + " interrupted: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                StackLog.error("poller for " + function.logicalId() + " on " + queueUrl + " failed; retrying in 1 s", e);
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>();
        long windowNanos = TimeUnit.SECONDS.toNanos(source.maximumBatchingWindowSeconds());
        long deadline = 0;
        while (running && batch.size() < source.batchSize()) {
            int waitSeconds;
            if (fifo) {
                waitSeconds = 0;
            } else if (batch.isEmpty()) {
                waitSeconds = LONG_POLL_SECONDS;
            } else {
                long remaining = deadline - System.nanoTime();
                if (windowNanos == 0 || remaining <= 0) {
                    break;
                }
                waitSeconds = (int) Math.min(LONG_POLL_SECONDS, TimeUnit.NANOSECONDS.toSeconds(remaining));
            }
            int wanted = Math.min(10, source.batchSize() - batch.size());
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (fifo && received.isEmpty()) {
                break; // a short receive: the poll loop pauses instead of asking again at once
            }
            if (batch.isEmpty() && !received.isEmpty()) {
                deadline = System.nanoTime() + windowNanos;
            }
            batch.addAll(received);
            if (windowNanos == 0 && !batch.isEmpty()) {
                break;
            }
        }
        return batch;
    }

    private void process(List<Message> received) {
        List<Message> batch = received;
        if (!source.filters().isEmpty()) {
            batch = new ArrayList<>();
            List<Message> filteredOut = new ArrayList<>();
            for (Message message : received) {
                (matchesFilters(message) ? batch : filteredOut).add(message);
            }
            delete(filteredOut);
            if (batch.isEmpty()) {
                return;
            }
        }
        SQSEvent event = LambdaEvents.sqsEvent(batch, source.queueArn(), region);
        Object result;
        try {
            result = function.invoke(event, () -> LambdaEvents.wire(event));
        } catch (FunctionInvocationException e) {
            StackLog.warn("function " + function.logicalId() + " failed on a batch of " + batch.size() + " from "
                    + source.queueLogicalId() + "; the messages return after the visibility timeout");
            return;
        }
        if (!source.reportBatchItemFailures()) {
            delete(batch);
            return;
        }
        Set<String> batchIds = new HashSet<>();
        batch.forEach(m -> batchIds.add(m.messageId()));
        Set<String> failed = reportedFailures(result, batchIds);
        if (failed == null) {
            return;
        }
        if (!failed.isEmpty()) {
            StackLog.info("function " + function.logicalId() + " reported " + failed.size() + " of " + batch.size()
                    + " messages from " + source.queueLogicalId() + " as failed; they will be retried");
        }
        delete(batch.stream().filter(m -> !failed.contains(m.messageId())).toList());
    }

    /**
     * The message ids a ReportBatchItemFailures response names, or null when the response makes
     * Lambda treat the whole batch as failed.
     */
    Set<String> reportedFailures(Object result, Set<String> batchIds) {
        JsonNode failures;
        if (result == null) {
            return Set.of();
        }
        if (result instanceof SQSBatchResponse response) {
            if (response.getBatchItemFailures() == null) {
                return Set.of();
            }
            failures = Json.MAPPER.valueToTree(response.getBatchItemFailures().stream()
                    .map(f -> f == null ? null : java.util.Collections.singletonMap("itemIdentifier", f.getItemIdentifier()))
                    .toList());
        } else {
            JsonNode json;
            try {
                json = result instanceof String text ? Json.MAPPER.readTree(text) : Json.MAPPER.valueToTree(result);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return invalidResponse("the response is not valid JSON");
            }
            if (json == null || json.isNull() || (json.isObject() && json.isEmpty())) {
                return Set.of();
            }
            if (!json.isObject()) {
                return invalidResponse("the response is not a JSON object");
            }
            failures = json.get("batchItemFailures");
            if (failures == null || failures.isNull()) {
                return Set.of();
            }
        }
        if (!failures.isArray()) {
            return invalidResponse("batchItemFailures is not a list");
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure == null ? null : failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return invalidResponse("a batchItemFailures entry has no itemIdentifier");
            }
            if (!batchIds.contains(id.asText())) {
                return invalidResponse("itemIdentifier " + id.asText() + " is not a message of this batch");
            }
            failed.add(id.asText());
        }
        return failed;
    }

    private Set<String> invalidResponse(String reason) {
        StackLog.warn("function " + function.logicalId() + ": invalid ReportBatchItemFailures response (" + reason
                + "); the whole batch is treated as failed, as Lambda does");
        return null;
    }

    private boolean matchesFilters(Message message) {
        ObjectNode record = (ObjectNode) LambdaEvents.wire(LambdaEvents.sqsEvent(List.of(message), source.queueArn(), region))
                .get("Records").get(0);
        try {
            JsonNode body = Json.MAPPER.readTree(message.body());
            if (body != null && body.isObject()) {
                record.set("body", body); // Lambda filters JSON bodies by their fields
            }
        } catch (JsonProcessingException e) {
            // a plain-text body is matched as a string
        }
        return source.filters().stream().anyMatch(pattern -> pattern.matches(record));
    }

    private void delete(List<Message> messages) {
        for (int start = 0; start < messages.size(); start += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message m : messages.subList(start, Math.min(messages.size(), start + 10))) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(entries.size())).receiptHandle(m.receiptHandle()).build());
            }
            try {
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                response.failed().forEach(f -> StackLog.warn("could not delete a message from " + source.queueLogicalId() + ": "
                        + f.code() + " " + f.message() + " (the handler probably outlived the visibility timeout)"));
            } catch (RuntimeException e) {
                if (running) {
                    StackLog.error("deleting processed messages from " + source.queueLogicalId() + " failed", e);
                }
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                if (!thread.join(Duration.ofSeconds(5))) {
                    StackLog.warn(thread.getName() + " did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
