package com.wispbill.adapters;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function a DynamoDB stream invokes with a batch of records and that reports batch item failures.
 * Lambda hands it the event as JSON bytes, read here into a {@link DynamodbEvent} with the function's
 * own Jackson: as a plain {@code RequestHandler<DynamodbEvent, …>}, Lambda's Java runtime would read it
 * with its own event serialisation, about 800 more classes on a cold start's first call. Subclasses
 * implement {@link #handleRequest(DynamodbEvent, Context)}, which tests and the local stack may still
 * call directly; Lambda and the local stack pick the stream signature.
 */
public abstract class DynamoDbStreamHandler implements RequestStreamHandler, RequestHandler<DynamodbEvent, StreamsEventResponse> {

    @Override
    public final void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        StreamsEventResponse response = handleRequest(read(Json.LENIENT.readTree(event)), context);
        LambdaWire.writeBatchItemFailures(output, response == null || response.getBatchItemFailures() == null ? List.of()
                : response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    /** The records of this invocation; returns the sequence number to resume from, if any failed. */
    @Override
    public abstract StreamsEventResponse handleRequest(DynamodbEvent event, Context context);

    /** The event as the stream's event source sends it (field names as on the wire: {@code eventID}, {@code NewImage}, …). */
    static DynamodbEvent read(JsonNode wire) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (JsonNode r : wire.path("Records")) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(LambdaWire.text(r, "eventID"));
            record.setEventName(LambdaWire.text(r, "eventName"));
            record.setEventVersion(LambdaWire.text(r, "eventVersion"));
            record.setEventSource(LambdaWire.text(r, "eventSource"));
            record.setAwsRegion(LambdaWire.text(r, "awsRegion"));
            record.setEventSourceARN(LambdaWire.text(r, "eventSourceARN"));
            JsonNode identity = r.get("userIdentity");
            if (identity != null && identity.isObject()) {
                Identity id = new Identity();
                id.setPrincipalId(LambdaWire.text(identity, "principalId"));
                id.setType(LambdaWire.text(identity, "type"));
                record.setUserIdentity(id);
            }
            JsonNode d = r.get("dynamodb");
            if (d != null && d.isObject()) {
                StreamRecord s = new StreamRecord();
                JsonNode created = d.get("ApproximateCreationDateTime");
                if (created != null && created.isNumber()) {
                    // Epoch seconds, as DynamoDB Streams sends it.
                    s.setApproximateCreationDateTime(new Date(Math.round(created.asDouble() * 1000)));
                }
                s.setKeys(item(d.get("Keys")));
                s.setNewImage(item(d.get("NewImage")));
                s.setOldImage(item(d.get("OldImage")));
                s.setSequenceNumber(LambdaWire.text(d, "SequenceNumber"));
                if (d.hasNonNull("SizeBytes")) {
                    s.setSizeBytes(d.get("SizeBytes").asLong());
                }
                String viewType = LambdaWire.text(d, "StreamViewType");
                if (viewType != null) {
                    s.setStreamViewType(StreamViewType.fromValue(viewType));
                }
                record.setDynamodb(s);
            }
            records.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, AttributeValue> item(JsonNode wire) {
        if (wire == null || !wire.isObject()) {
            return null;
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        wire.properties().forEach(p -> item.put(p.getKey(), value(p.getValue())));
        return item;
    }

    private static AttributeValue value(JsonNode wire) {
        AttributeValue v = new AttributeValue();
        if (wire.has("S")) {
            v.setS(wire.get("S").asText());
        } else if (wire.has("N")) {
            v.setN(wire.get("N").asText());
        } else if (wire.has("B")) {
            v.setB(bytes(wire.get("B")));
        } else if (wire.has("SS")) {
            v.setSS(texts(wire.get("SS")));
        } else if (wire.has("NS")) {
            v.setNS(texts(wire.get("NS")));
        } else if (wire.has("BS")) {
            List<ByteBuffer> set = new ArrayList<>();
            wire.get("BS").forEach(b -> set.add(bytes(b)));
            v.setBS(set);
        } else if (wire.has("M")) {
            v.setM(item(wire.get("M")));
        } else if (wire.has("L")) {
            List<AttributeValue> list = new ArrayList<>();
            wire.get("L").forEach(e -> list.add(value(e)));
            v.setL(list);
        } else if (wire.has("NULL")) {
            v.setNULL(wire.get("NULL").asBoolean());
        } else if (wire.has("BOOL")) {
            v.setBOOL(wire.get("BOOL").asBoolean());
        }
        return v;
    }

    private static ByteBuffer bytes(JsonNode base64) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(base64.asText()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(e -> values.add(e.asText()));
        return values;
    }
}
