package com.wispbill.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one problem+json writer, in the two shapes its callers answer with. */
class ProblemsTest {
    @Test
    void theApiAlwaysWritesErrorsAndKeepsItsHeaders() throws Exception {
        HttpResponse response = Problems.response(400, "Invalid request", "see errors",
                List.of(new FieldError("priceMinor", "must be a number")), Map.of("retry-after", "5"));
        assertEquals(400, response.status());
        assertEquals("application/problem+json", response.headers().get("content-type"));
        assertEquals("5", response.headers().get("retry-after"));
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals("about:blank", body.get("type").asText());
        assertEquals("priceMinor", body.get("errors").get(0).get("field").asText());
        assertEquals(0, Json.MAPPER.readTree(Problems.response(404, "Not Found", "gone").body()).get("errors").size());
    }

    @Test
    void aDocumentWithoutFieldErrorsLeavesTheMemberOutAndTakesExtensions() {
        var document = Problems.document(429, "Too Many Requests", "slow down", null);
        document.putObject("challenge").put("kind", "pow");
        assertFalse(document.has("errors"));
        assertEquals(429, document.get("status").intValue());
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"slow down\","
                + "\"challenge\":{\"kind\":\"pow\"}}", document.toString());
    }
}
