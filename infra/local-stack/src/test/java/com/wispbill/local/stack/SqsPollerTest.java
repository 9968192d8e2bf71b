package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a ReportBatchItemFailures response is read, exactly as Lambda documents it (no servers). */
class SqsPollerTest {

    private final SqsPoller poller = new SqsPoller(
            new LambdaFunction("Fn", "Fn", "arn", null, Duration.ofSeconds(3), 128, Map.of(), List.of(), true),
            new FunctionEvent.Sqs("Queue", "Queue", "arn:aws:sqs:us-east-1:000000000000:q", 10, 0, true, 1, true, List.of()),
            "http://127.0.0.1:1/000000000000/q", null, "us-east-1");
    private final Set<String> batch = Set.of("m1", "m2", "m3");

    @Test
    void completeSuccess() {
        assertEquals(Set.of(), poller.reportedFailures(null, batch));
        assertEquals(Set.of(), poller.reportedFailures(new SQSBatchResponse(), batch));
        assertEquals(Set.of(), poller.reportedFailures(new SQSBatchResponse(List.of()), batch));
        assertEquals(Set.of(), poller.reportedFailures(Map.of(), batch));
        assertEquals(Set.of(), poller.reportedFailures("{\"batchItemFailures\":null}", batch));
    }

    @Test
    void partialFailure() {
        assertEquals(Set.of("m2"), poller.reportedFailures(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m2"))), batch));
        assertEquals(Set.of("m1", "m3"), poller.reportedFailures(
                Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "m1"), Map.of("itemIdentifier", "m3"))), batch));
        assertEquals(Set.of("m3"), poller.reportedFailures("{\"batchItemFailures\":[{\"itemIdentifier\":\"m3\"}]}", batch));
    }

    @Test
    void invalidResponsesFailTheWholeBatch() {
        assertNull(poller.reportedFailures(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("unknown"))), batch));
        assertNull(poller.reportedFailures(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(""))), batch));
        assertNull(poller.reportedFailures(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(null))), batch));
        List<SQSBatchResponse.BatchItemFailure> withNull = new ArrayList<>(Arrays.asList((SQSBatchResponse.BatchItemFailure) null));
        assertNull(poller.reportedFailures(new SQSBatchResponse(withNull), batch));
        assertNull(poller.reportedFailures(Map.of("batchItemFailures", List.of(Map.of("itemId", "m1"))), batch));
        assertNull(poller.reportedFailures("not json", batch));
        assertNull(poller.reportedFailures(List.of("m1"), batch));
        assertNull(poller.reportedFailures(Map.of("batchItemFailures", "m1"), batch));
    }
}
