package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stream event source mapping as Lambda runs it: records in order, filters applied, a thrown
 * batch retried, a reported failure retried from that record on, nothing skipped; with
 * BisectBatchOnFunctionError and an on-failure queue, a record that always fails is split off, given up on
 * after its retries (its position sent to the queue) and the shard moves on.
 */
class DynamoDbStreamPollerTest {

    @Test
    void recordsArriveInOrderFilteredAndFailuresAreRetriedFromTheFailedRecordWithoutLoss() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        AtomicInteger invocations = new AtomicInteger();
        RequestHandler<DynamodbEvent, StreamsEventResponse> handler = (DynamodbEvent event, Context context) -> {
            int call = invocations.incrementAndGet();
            batchSizes.add(event.getRecords().size());
            if (call == 1) {
                throw new IllegalStateException("first batch fails as a whole");
            }
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                String pk = record.getDynamodb().getNewImage().get("pk").getS();
                if (pk.equals("keep-3") && delivered.stream().noneMatch("fail-once keep-3"::equals)) {
                    delivered.add("fail-once keep-3");
                    failures.add(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
                    break; // as a handler stops at its first failure
                }
                assertEquals("INSERT", record.getEventName());
                assertEquals("aws:dynamodb", record.getEventSource());
                delivered.add(pk);
            }
            return new StreamsEventResponse(failures);
        };
        Path template = Path.of(DynamoDbStreamPollerTest.class.getResource("/stream-template.yaml").toURI());
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().template(template).schedulesEnabled(false)
                .handler("Function", handler));
             DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            String table = stack.resources().tableName("Table");
            for (int i = 1; i <= 8; i++) {
                dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("drop-" + System.nanoTime()))));
                String pk = "keep-" + i;
                dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk))));
            }
            // An update is a MODIFY: filtered out.
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("keep-1"), "x", AttributeValue.fromS("y"))));
            stack.awaitStreams(Duration.ofSeconds(60));

            List<String> kept = delivered.stream().filter(s -> !s.startsWith("fail-once")).toList();
            assertEquals(List.of("keep-1", "keep-2", "keep-3", "keep-4", "keep-5", "keep-6", "keep-7", "keep-8"), kept,
                    "every matching record once, in order, after a thrown batch and a reported failure");
            assertTrue(delivered.contains("fail-once keep-3"));
            assertTrue(batchSizes.stream().allMatch(n -> n <= 5), "BatchSize respected: " + batchSizes);
        }
    }

    @Test
    void aRecordThatAlwaysFailsIsSplitOffGivenUpOnToTheFailureQueueAndTheShardMovesOn() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<String> poisonSequenceNumbers = new CopyOnWriteArrayList<>();
        AtomicInteger poisonInvocations = new AtomicInteger();
        RequestHandler<DynamodbEvent, StreamsEventResponse> handler = (DynamodbEvent event, Context context) -> {
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                String pk = record.getDynamodb().getNewImage().get("pk").getS();
                if (pk.equals("poison")) {
                    poisonInvocations.incrementAndGet();
                    poisonSequenceNumbers.add(record.getDynamodb().getSequenceNumber());
                    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                            record.getDynamodb().getSequenceNumber()))); // stops at its first failure
                }
                delivered.add(pk);
            }
            return new StreamsEventResponse(List.of());
        };
        Path template = Path.of(DynamoDbStreamPollerTest.class.getResource("/stream-failures-template.yaml").toURI());
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().template(template).schedulesEnabled(false)
                .handler("Function", handler));
             DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
             SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            String table = stack.resources().tableName("Table");
            for (String pk : List.of("good-1", "good-2", "good-3", "poison", "good-4", "good-5", "good-6")) {
                dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk))));
            }
            stack.awaitStreams(Duration.ofSeconds(60));
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("good-7"))));
            stack.awaitStreams(Duration.ofSeconds(60));

            assertEquals(List.of("good-1", "good-2", "good-3", "good-4", "good-5", "good-6", "good-7"), delivered,
                    "every good record once, in order: the shard moved past the poison");
            assertTrue(poisonInvocations.get() >= 3, "alone at last, the poison is tried once and retried twice (MaximumRetryAttempts)");
            List<Message> failures = sqs.receiveMessage(b -> b.queueUrl(stack.resources().queueUrl("Failures"))
                    .maxNumberOfMessages(10)).messages();
            assertEquals(1, failures.size());
            JsonNode failure = Json.MAPPER.readTree(failures.get(0).body());
            assertEquals("RetryAttemptsExhausted", failure.path("requestContext").path("condition").asText());
            JsonNode info = failure.path("DDBStreamBatchInfo");
            assertEquals(1, info.path("batchSize").asInt());
            assertEquals(poisonSequenceNumbers.get(0), info.path("startSequenceNumber").asText());
            assertEquals(poisonSequenceNumbers.get(0), info.path("endSequenceNumber").asText());
            assertTrue(info.path("shardId").asText().startsWith("shardId-"), info.toString());
        }
    }
}
