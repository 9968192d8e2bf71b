package com.wispbill.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.testing.StreamInvocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DynamoDB stream consumers read their event themselves: the same {@link DynamodbEvent} Lambda's own serialisation gives. */
class DynamoDbStreamHandlerTest {
    private static final Path EVENTS = Path.of("../../events");

    @ParameterizedTest
    @ValueSource(strings = {"../../events/ledger-aggregator-sale.json", "../../events/usage-owner-changes-renewal.json",
            "src/test/resources/dynamodb-event-all-attribute-kinds.json"})
    void theEventReadsAsLambdasSerialisationReadsIt(String file) throws IOException {
        DynamodbEvent expected = EventLoader.loadDynamoDbEvent(file);
        DynamodbEvent read = DynamoDbStreamHandler.read(Json.LENIENT.readTree(Path.of(file).toFile()));

        assertEquals(expected.toString(), read.toString(), file);
        assertEquals(expected, read, file);
    }

    @Test
    void theBatchItemFailuresAreTheAnswer() {
        DynamoDbStreamHandler failsFromTheFirst = new DynamoDbStreamHandler() {
            @Override
            public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                        event.getRecords().get(0).getDynamodb().getSequenceNumber())));
            }
        };
        String answer = StreamInvocation.invoke(failsFromTheFirst, EVENTS.resolve("ledger-aggregator-sale.json"), null);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                + EventLoader.loadDynamoDbEvent("../../events/ledger-aggregator-sale.json").getRecords().get(0).getDynamodb()
                .getSequenceNumber() + "\"}]}", answer);
    }
}
