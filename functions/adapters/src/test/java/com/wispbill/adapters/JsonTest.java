package com.wispbill.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Sample(Instant at, Duration validity, LocalDate day) {
    }

    @Test
    void writesIsoTimesNotNumbers() throws Exception {
        Sample s = new Sample(Instant.parse("2026-11-22T14:05:00Z"), Duration.ofHours(24), LocalDate.parse("2026-11-22"));
        String json = Json.MAPPER.writeValueAsString(s);
        assertEquals("{\"at\":\"2026-11-22T14:05:00Z\",\"validity\":\"PT24H\",\"day\":\"2026-11-22\"}", json);
        assertEquals(s, Json.MAPPER.readValue(json, Sample.class));
    }

    @Test
    void strictRejectsUnknownFieldsLenientIgnoresThem() throws Exception {
        String json = "{\"at\":\"2026-11-22T14:05:00Z\",\"validity\":\"PT1H\",\"day\":\"2026-11-22\",\"extra\":1}";
        assertThrows(UnrecognizedPropertyException.class, () -> Json.MAPPER.readValue(json, Sample.class));
        assertEquals(Duration.ofHours(1), Json.LENIENT.readValue(json, Sample.class).validity());
    }

    @Test
    void instantsWithOffsetsAreReadAsTheSameInstant() throws Exception {
        String json = "{\"at\":\"2026-11-22T17:05:00+03:00\",\"validity\":\"PT1H\",\"day\":\"2026-11-22\"}";
        assertEquals(Instant.parse("2026-11-22T14:05:00Z"), Json.MAPPER.readValue(json, Sample.class).at());
    }
}
