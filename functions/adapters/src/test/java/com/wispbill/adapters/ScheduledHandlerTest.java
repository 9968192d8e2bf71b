package com.wispbill.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A scheduled run's result is its summary as one JSON string, whatever the summary holds. */
class ScheduledHandlerTest {
    private static final Path EVENTS = Path.of("../../events");

    @ParameterizedTest
    @ValueSource(strings = {
            "Report[pending=3, examined=2, oldestPending=Optional[PT26H1M]]",
            "quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 del \u007f",
            "Nairobi café, Jakarta 日本, emoji \uD83D\uDCF6, line separator \u2028",
            "lone surrogate \uD83D end",
            ""})
    void writesTheSummaryAsOneJsonString(String summary) throws IOException {
        byte[] result = invoke(summary, Files.readAllBytes(EVENTS.resolve("payment-reconciler-scheduled.json")));

        assertTrue(Json.MAPPER.readTree(result).isTextual(), "a JSON string: " + new String(result, StandardCharsets.UTF_8));
        assertEquals(summary, Json.MAPPER.readValue(result, String.class));
        assertTrue(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(result)).length() > 1, "valid UTF-8");
    }

    @Test
    void answersTheSameWhateverTheEvent() throws IOException {
        byte[] result = invoke("done", "{\"not\": \"an EventBridge event\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals("\"done\"", new String(result, StandardCharsets.UTF_8));
    }

    private static byte[] invoke(String summary, byte[] event) throws IOException {
        ScheduledHandler handler = new ScheduledHandler() {
            @Override
            public String run(Context context) {
                return summary;
            }
        };
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), output, null);
        return output.toByteArray();
    }
}
