package com.wispbill.local.stack;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A DynamoDB stream event source mapping, with Lambda's semantics: each shard is read in order by
 * one poller, a child shard only once its parent is read to its end, and a batch is retried until it
 * succeeds or {@code MaximumRetryAttempts} retries have failed: then it is skipped, and with
 * {@code DestinationConfig.OnFailure} (an SQS queue) Lambda's failure record naming the shard and the
 * skipped records' sequence numbers ({@code DDBStreamBatchInfo}) is sent there first.
 *
 * <ul>
 *   <li>{@code BatchSize} records per invocation at most; {@code StartingPosition} for the shards
 *       found at start (later shards from their beginning).</li>
 *   <li>{@code FilterCriteria}: records matching no filter are passed over without an invocation.</li>
 *   <li>{@code ReportBatchItemFailures}: the retry starts at the lowest reported sequence number
 *       (the records before it are done); an invalid response retries the whole batch; an empty
 *       one is complete success.</li>
 *   <li>{@code BisectBatchOnFunctionError}: what is left of a failed batch of two or more records is
 *       split in two and each half delivered in turn with retries of its own, so a record that always fails
 *       ends up alone, and only it is skipped (to the destination) when its retries are used up.</li>
 * </ul>
 * Retries pause 50 ms, doubling to 1 s; an idle shard is read again after at most 500 ms (Lambda
 * reads four times a second). {@link #awaitIdle} waits until every record written before the call
 * was handled.
 */
final class DynamoDbStreamPoller implements AutoCloseable {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration IDLE_PAUSE = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final LambdaFunction function;
    private final FunctionEvent.DynamoDbStream source;
    private final DynamoDbStreamsClient streams;
    private final String region;
    private final SqsClient sqs;
    /** The on-failure destination's queue URL; null without one. */
    private final String onFailureQueueUrl;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> known = new HashSet<>();
    private final Object idleLock = new Object();
    private long idlePassStartedNanos = Long.MIN_VALUE;
    private Thread thread;
    private volatile boolean running;

    DynamoDbStreamPoller(LambdaFunction function, FunctionEvent.DynamoDbStream source, DynamoDbStreamsClient streams, String region,
                         SqsClient sqs, String onFailureQueueUrl) {
        this.function = function;
        this.source = source;
        this.streams = streams;
        this.region = region;
        this.sqs = sqs;
        this.onFailureQueueUrl = onFailureQueueUrl;
    }

    void start() {
        running = true;
        discoverShards(true);
        thread = Thread.ofVirtual().name("stream-poller-" + function.logicalId() + "-" + source.name()).start(this::pollLoop);
    }

    /** Waits until every record written before this call has been handled (or passed over); false on timeout. */
    boolean awaitIdle(Duration timeout) {
        long asked = System.nanoTime();
        long deadline = asked + timeout.toNanos();
        synchronized (idleLock) {
            while (idlePassStartedNanos - asked < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return false;
                }
                try {
                    idleLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void pollLoop() {
        Duration pause = FIRST_PAUSE;
        while (running) {
            long passStarted = System.nanoTime();
            try {
                boolean anyRecords = false;
                for (String shardId : List.copyOf(iterators.keySet())) {
                    anyRecords |= readShard(shardId);
                }
                if (iterators.isEmpty() || finished.containsAll(iterators.keySet())) {
                    discoverShards(false);
                }
                if (!anyRecords) {
                    synchronized (idleLock) {
                        idlePassStartedNanos = passStarted;
                        idleLock.notifyAll();
                    }
                    sleepQuietly(pause);
                    pause = pause.multipliedBy(2).compareTo(IDLE_PAUSE) > 0 ? IDLE_PAUSE : pause.multipliedBy(2);
                } else {
                    pause = FIRST_PAUSE;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                StackLog.error("stream poller for " + function.logicalId() + " failed; retrying in 1 s", e);
                sleepQuietly(RETRY_PAUSE);
            }
        }
    }

    /** Reads one page of a shard and delivers it; true if the shard had records. */
    private boolean readShard(String shardId) {
        String iterator = iterators.get(shardId);
        if (iterator == null) {
            return false;
        }
        GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(iterator).limit(source.batchSize()));
        List<Record> matching = page.records().stream().filter(this::matchesFilters).toList();
        if (!matching.isEmpty()) {
            deliver(shardId, matching);
        }
        if (page.nextShardIterator() == null) {
            iterators.remove(shardId);
            finished.add(shardId);
            discoverShards(false);
        } else {
            iterators.put(shardId, page.nextShardIterator());
        }
        return !page.records().isEmpty();
    }

    /** Invokes the function until the batch is done (or given up on); the shard does not move on before. */
    private void deliver(String shardId, List<Record> batch) {
        List<Record> pending = batch;
        Duration pause = FIRST_PAUSE;
        int retries = 0;
        while (running && !pending.isEmpty()) {
            List<Record> attempt = pending;
            Object result;
            boolean functionError = false;
            try {
                DynamodbEvent event = event(attempt);
                result = function.invoke(event, () -> wire(attempt));
                pending = remainingAfter(result, attempt);
            } catch (FunctionInvocationException e) {
                functionError = true;
                StackLog.warn("function " + function.logicalId() + " failed on a batch of " + attempt.size()
                        + " stream records; retrying it");
            }
            if (pending.isEmpty()) {
                return;
            }
            retries++;
            if (source.bisectBatchOnFunctionError() && pending.size() > 1) {
                List<Record> failed = pending;
                int half = failed.size() / 2;
                StackLog.info("function " + function.logicalId() + ": splitting the " + failed.size()
                        + " failed stream records in two (BisectBatchOnFunctionError)");
                deliver(shardId, failed.subList(0, half));
                deliver(shardId, failed.subList(half, failed.size()));
                return;
            }
            if (source.maximumRetryAttempts() >= 0 && retries > source.maximumRetryAttempts()) {
                skip(shardId, pending, retries, functionError);
                return;
            }
            sleepQuietly(pause);
            pause = pause.multipliedBy(2).compareTo(RETRY_PAUSE) > 0 ? RETRY_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Passes over records whose retries are used up, after sending Lambda's failure record to the destination. */
    private void skip(String shardId, List<Record> skipped, int invocations, boolean functionError) {
        if (onFailureQueueUrl == null) {
            StackLog.warn("function " + function.logicalId() + ": " + skipped.size() + " stream records skipped after "
                    + source.maximumRetryAttempts() + " retries (no on-failure destination)");
            return;
        }
        ObjectNode failure = JSON.objectNode();
        ObjectNode request = failure.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", function.arn());
        request.put("condition", "RetryAttemptsExhausted");
        request.put("approximateInvokeCount", invocations);
        ObjectNode response = failure.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", functionError ? "Unhandled" : "");
        failure.put("version", "1.0");
        failure.put("timestamp", Instant.now().toString());
        ObjectNode info = failure.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", skipped.get(0).dynamodb().sequenceNumber());
        info.put("endSequenceNumber", skipped.get(skipped.size() - 1).dynamodb().sequenceNumber());
        Instant first = skipped.get(0).dynamodb().approximateCreationDateTime();
        Instant last = skipped.get(skipped.size() - 1).dynamodb().approximateCreationDateTime();
        info.put("approximateArrivalOfFirstRecord", first == null ? null : first.toString());
        info.put("approximateArrivalOfLastRecord", last == null ? null : last.toString());
        info.put("batchSize", skipped.size());
        info.put("streamArn", source.streamArn());
        sqs.sendMessage(b -> b.queueUrl(onFailureQueueUrl).messageBody(failure.toString()));
        StackLog.warn("function " + function.logicalId() + ": " + skipped.size() + " stream records skipped after "
                + source.maximumRetryAttempts() + " retries; their position was sent to the on-failure destination");
    }

    /** The records still to deliver after a successful invocation: none, or from the lowest reported failure on. */
    private List<Record> remainingAfter(Object result, List<Record> attempt) {
        if (!source.reportBatchItemFailures()) {
            return List.of();
        }
        Set<String> sequenceNumbers = new HashSet<>();
        attempt.forEach(r -> sequenceNumbers.add(r.dynamodb().sequenceNumber()));
        JsonNode json;
        try {
            json = result instanceof String text ? Json.MAPPER.readTree(text) : Json.MAPPER.valueToTree(result);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return invalid(attempt, "the response is not valid JSON");
        }
        Set<String> failed = BatchItemFailures.parse(json, sequenceNumbers);
        if (failed == null) {
            return invalid(attempt, "it does not name records of this batch");
        }
        for (int i = 0; i < attempt.size(); i++) {
            if (failed.contains(attempt.get(i).dynamodb().sequenceNumber())) {
                StackLog.info("function " + function.logicalId() + " reported stream record " + attempt.get(i).dynamodb().sequenceNumber()
                        + " as failed; retrying from it");
                return attempt.subList(i, attempt.size());
            }
        }
        return List.of();
    }

    private List<Record> invalid(List<Record> attempt, String reason) {
        StackLog.warn("function " + function.logicalId() + ": invalid ReportBatchItemFailures response (" + reason
                + "); the whole batch is retried, as Lambda does");
        return attempt;
    }

    private void discoverShards(boolean atStart) {
        List<Shard> shards = streams.describeStream(b -> b.streamArn(source.streamArn())).streamDescription().shards();
        for (Shard shard : shards) {
            String id = shard.shardId();
            if (known.contains(id)) {
                continue;
            }
            String parent = shard.parentShardId();
            boolean parentPending = parent != null && known.contains(parent) && !finished.contains(parent);
            if (parentPending) {
                continue; // in order: the child after its parent
            }
            ShardIteratorType type = atStart && source.startingPosition().equals("LATEST") ? ShardIteratorType.LATEST
                    : ShardIteratorType.TRIM_HORIZON;
            String iterator = streams.getShardIterator(b -> b.streamArn(source.streamArn()).shardId(id).shardIteratorType(type))
                    .shardIterator();
            known.add(id);
            iterators.put(id, iterator);
        }
    }

    private boolean matchesFilters(Record record) {
        if (source.filters().isEmpty()) {
            return true;
        }
        ObjectNode wireRecord = (ObjectNode) wire(List.of(record)).get("Records").get(0);
        return source.filters().stream().anyMatch(pattern -> pattern.matches(wireRecord));
    }

    // ---------------------------------------------------------------- the event, as Lambda builds it

    private DynamodbEvent event(List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (Record r : records) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventSourceARN(source.streamArn());
            record.setEventID(r.eventID());
            record.setEventName(r.eventNameAsString());
            record.setEventVersion(r.eventVersion());
            record.setEventSource("aws:dynamodb");
            record.setAwsRegion(region);
            StreamRecord stream = new StreamRecord();
            stream.setKeys(typed(r.dynamodb().keys()));
            if (r.dynamodb().hasNewImage()) {
                stream.setNewImage(typed(r.dynamodb().newImage()));
            }
            if (r.dynamodb().hasOldImage()) {
                stream.setOldImage(typed(r.dynamodb().oldImage()));
            }
            stream.setSequenceNumber(r.dynamodb().sequenceNumber());
            stream.setSizeBytes(r.dynamodb().sizeBytes());
            stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(r.dynamodb().streamViewTypeAsString()));
            if (r.dynamodb().approximateCreationDateTime() != null) {
                stream.setApproximateCreationDateTime(Date.from(r.dynamodb().approximateCreationDateTime()));
            }
            record.setDynamodb(stream);
            out.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(out);
        return event;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> typed(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, typed(value)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue typed(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            out.setS(v.s());
        } else if (v.n() != null) {
            out.setN(v.n());
        } else if (v.bool() != null) {
            out.setBOOL(v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            out.setNULL(true);
        } else if (v.b() != null) {
            out.setB(v.b().asByteBuffer());
        } else if (v.hasM()) {
            out.setM(typed(v.m()));
        } else if (v.hasL()) {
            out.setL(v.l().stream().map(DynamoDbStreamPoller::typed).toList());
        } else if (v.hasSs()) {
            out.setSS(v.ss());
        } else if (v.hasNs()) {
            out.setNS(v.ns());
        } else if (v.hasBs()) {
            out.setBS(v.bs().stream().map(b -> b.asByteBuffer()).toList());
        }
        return out;
    }

    /** The JSON Lambda sends: DynamoDB JSON images ({@code {"S": ...}}), epoch-second creation times. */
    private JsonNode wire(List<Record> records) {
        ArrayNode list = JSON.arrayNode();
        for (Record r : records) {
            ObjectNode record = list.addObject();
            record.put("eventID", r.eventID());
            record.put("eventName", r.eventNameAsString());
            record.put("eventVersion", r.eventVersion());
            record.put("eventSource", "aws:dynamodb");
            record.put("awsRegion", region);
            ObjectNode dynamodb = record.putObject("dynamodb");
            if (r.dynamodb().approximateCreationDateTime() != null) {
                dynamodb.put("ApproximateCreationDateTime", r.dynamodb().approximateCreationDateTime().getEpochSecond());
            }
            dynamodb.set("Keys", wire(r.dynamodb().keys()));
            if (r.dynamodb().hasNewImage()) {
                dynamodb.set("NewImage", wire(r.dynamodb().newImage()));
            }
            if (r.dynamodb().hasOldImage()) {
                dynamodb.set("OldImage", wire(r.dynamodb().oldImage()));
            }
            dynamodb.put("SequenceNumber", r.dynamodb().sequenceNumber());
            dynamodb.put("SizeBytes", r.dynamodb().sizeBytes());
            dynamodb.put("StreamViewType", r.dynamodb().streamViewTypeAsString());
            record.put("eventSourceARN", source.streamArn());
        }
        ObjectNode event = JSON.objectNode();
        event.set("Records", list);
        return event;
    }

    private static ObjectNode wire(Map<String, AttributeValue> item) {
        ObjectNode out = JSON.objectNode();
        item.forEach((name, value) -> out.set(name, wire(value)));
        return out;
    }

    private static ObjectNode wire(AttributeValue v) {
        ObjectNode out = JSON.objectNode();
        if (v.s() != null) {
            out.put("S", v.s());
        } else if (v.n() != null) {
            out.put("N", v.n());
        } else if (v.bool() != null) {
            out.put("BOOL", v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            out.put("NULL", true);
        } else if (v.b() != null) {
            out.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
        } else if (v.hasM()) {
            out.set("M", wire(v.m()));
        } else if (v.hasL()) {
            ArrayNode l = out.putArray("L");
            v.l().forEach(e -> l.add(wire(e)));
        } else if (v.hasSs()) {
            ArrayNode ss = out.putArray("SS");
            v.ss().forEach(ss::add);
        } else if (v.hasNs()) {
            ArrayNode ns = out.putArray("NS");
            v.ns().forEach(ns::add);
        } else if (v.hasBs()) {
            ArrayNode bs = out.putArray("BS");
            v.bs().forEach(b -> bs.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        }
        return out;
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
        synchronized (idleLock) {
            idleLock.notifyAll();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                if (!thread.join(Duration.ofSeconds(5))) {
                    StackLog.warn(thread.getName() + " did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
