package com.wispbill.adapters;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading Lambda events off the wire (the JSON Lambda hands a stream handler). */
final class LambdaWire {
    private LambdaWire() {
    }

    /** A field's text; null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
