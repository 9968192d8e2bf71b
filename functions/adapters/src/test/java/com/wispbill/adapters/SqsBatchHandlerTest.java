package com.wispbill.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.testing.StreamInvocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SQS-triggered functions read their event themselves: the same {@link SQSEvent} Lambda's own serialisation gives. */
class SqsBatchHandlerTest {
    private static final Path EVENTS = Path.of("../../events");

    /** Every sample event of an SQS-triggered function, and one with every kind of message attribute. */
    static Stream<Path> sqsEvents() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.list(EVENTS)) {
            all.filter(f -> {
                try {
                    return Files.readString(f).contains("\"aws:sqs\"");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().forEach(files::add);
        }
        files.add(Path.of("src/test/resources/sqs-event-all-attribute-kinds.json"));
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("sqsEvents")
    void theEventReadsAsLambdasSerialisationReadsIt(Path file) throws IOException {
        SQSEvent expected = EventLoader.loadSQSEvent(file.toString());
        SQSEvent read = SqsBatchHandler.read(Json.LENIENT.readTree(Files.readString(file, StandardCharsets.UTF_8)));

        assertEquals(expected.getRecords().size(), read.getRecords().size());
        for (int i = 0; i < expected.getRecords().size(); i++) {
            assertEquals(expected.getRecords().get(i).toString(), read.getRecords().get(i).toString(), file + " record " + i);
            assertEquals(expected.getRecords().get(i), read.getRecords().get(i), file + " record " + i);
        }
    }

    @Test
    void theBatchItemFailuresAreTheAnswer() {
        SqsBatchHandler failsTheSecond = new SqsBatchHandler() {
            @Override
            public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
                return new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(event.getRecords().get(1).getMessageId())));
            }
        };
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"msg-2-user\"}]}",
                StreamInvocation.invoke(failsTheSecond, EVENTS.resolve("router-driver-commands-batch.json"), null));
    }
}
