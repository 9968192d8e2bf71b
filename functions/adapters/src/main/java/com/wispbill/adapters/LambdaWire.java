package com.wispbill.adapters;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Reading Lambda events off the wire (the JSON Lambda hands a stream handler). */
final class LambdaWire {
    private LambdaWire() {
    }

    /** A field's text; null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A ReportBatchItemFailures answer: {@code {"batchItemFailures":[{"itemIdentifier":…}]}}. */
    static void writeBatchItemFailures(OutputStream output, List<String> itemIdentifiers) throws IOException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (String id : itemIdentifiers) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", id);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
