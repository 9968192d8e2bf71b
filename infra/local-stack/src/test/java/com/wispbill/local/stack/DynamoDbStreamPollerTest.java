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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stream event source mapping as Lambda runs it: records in order, filters applied, a thrown
 * batch retried, a reported failure retried from that record on, nothing skipped.
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
}
