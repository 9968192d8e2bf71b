package com.wispbill.adapters;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function an SQS event source invokes with a batch and that reports batch item failures. Lambda
 * hands it the event as JSON bytes, read here into an {@link SQSEvent} with the function's own Jackson
 * (already loaded for the messages' bodies): as a plain {@code RequestHandler<SQSEvent, …>}, Lambda's
 * Java runtime would read it with its own event serialisation, which loads about 800 classes (a shaded
 * Jackson and its introspection of the event types) on a cold start's first call. Subclasses implement
 * {@link #handleRequest(SQSEvent, Context)}, which tests and the local stack may still call directly;
 * Lambda and the local stack pick the stream signature (it is the longer one, and the interface).
 */
public abstract class SqsBatchHandler implements RequestStreamHandler, RequestHandler<SQSEvent, SQSBatchResponse> {

    @Override
    public final void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        SQSBatchResponse response = handleRequest(read(Json.LENIENT.readTree(event)), context);
        LambdaWire.writeBatchItemFailures(output, response == null || response.getBatchItemFailures() == null ? List.of()
                : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    /** The messages of this invocation; returns the ids of those to be received again. */
    @Override
    public abstract SQSBatchResponse handleRequest(SQSEvent event, Context context);

    /** The event as SQS's event source sends it (field names as on the wire, e.g. {@code Records}, {@code eventSourceARN}). */
    static SQSEvent read(JsonNode wire) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (JsonNode record : wire.path("Records")) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(LambdaWire.text(record, "messageId"));
            m.setReceiptHandle(LambdaWire.text(record, "receiptHandle"));
            m.setBody(LambdaWire.text(record, "body"));
            m.setMd5OfBody(LambdaWire.text(record, "md5OfBody"));
            m.setMd5OfMessageAttributes(LambdaWire.text(record, "md5OfMessageAttributes"));
            m.setEventSource(LambdaWire.text(record, "eventSource"));
            m.setEventSourceArn(LambdaWire.text(record, "eventSourceARN"));
            m.setAwsRegion(LambdaWire.text(record, "awsRegion"));
            Map<String, String> attributes = new LinkedHashMap<>();
            record.path("attributes").properties().forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
            m.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
            record.path("messageAttributes").properties().forEach(a -> messageAttributes.put(a.getKey(), attribute(a.getValue())));
            m.setMessageAttributes(messageAttributes);
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private static SQSEvent.MessageAttribute attribute(JsonNode wire) {
        SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
        a.setDataType(LambdaWire.text(wire, "dataType"));
        a.setStringValue(LambdaWire.text(wire, "stringValue"));
        String binary = LambdaWire.text(wire, "binaryValue");
        a.setBinaryValue(binary == null ? null : ByteBuffer.wrap(Base64.getDecoder().decode(binary)));
        List<String> strings = new ArrayList<>();
        wire.path("stringListValues").forEach(v -> strings.add(v.asText()));
        a.setStringListValues(strings);
        List<ByteBuffer> binaries = new ArrayList<>();
        wire.path("binaryListValues").forEach(v -> binaries.add(ByteBuffer.wrap(Base64.getDecoder().decode(v.asText()))));
        a.setBinaryListValues(binaries);
        return a;
    }
}
