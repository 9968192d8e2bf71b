package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueFormatsTest {

    @ParameterizedTest(name = "{0} s prints as {1}")
    @CsvSource({"0, 0s", "59, 59s", "60, 1m", "3600, 1h", "3661, 1h1m1s", "86400, 1d", "604800, 1w",
        "788645, 1w2d3h4m5s"})
    void durationsPrintLikeRouterOs(long seconds, String printed) {
        assertEquals(printed, ValueFormats.formatDuration(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1h30m, 5400", "90, 90", "01:30:00, 5400", "1d 02:00:00, 93600", "1d02:00:00, 93600", "2w, 1209600",
        "1500ms, 1"})
    void durationsParseInRouterOsForms(String text, long seconds) {
        assertEquals(seconds, ValueFormats.parseDuration(text).toSeconds());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "soon", "1x", "h1", "1h 30m", "00:61:00", "-5"})
    void malformedDurationsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> ValueFormats.parseDuration(text));
    }

    @Test
    void bytesTakeBinaryUnits() {
        assertEquals(1_048_576, ValueFormats.parseBytes("1M"));
        assertEquals(2_048, ValueFormats.parseBytes("2k"));
        assertEquals(5L << 30, ValueFormats.parseBytes("5G"));
        assertEquals(123, ValueFormats.parseBytes("123"));
        assertThrows(IllegalArgumentException.class, () -> ValueFormats.parseBytes("1.5G"));
    }

    @Test
    void idsAreStarAndUpperCaseHex() {
        assertEquals("*1A", ValueFormats.formatId(26));
        assertEquals(26, ValueFormats.parseId("*1a"));
        assertEquals(-1, ValueFormats.parseId("1A"));
        assertEquals(-1, ValueFormats.parseId("*"));
        assertEquals(-1, ValueFormats.parseId("*xyz"));
    }

    @Test
    void booleansAcceptYesNoAndTrueFalse() {
        assertEquals("true", ValueKind.BOOLEAN.canonical("yes"));
        assertEquals("false", ValueKind.BOOLEAN.canonical("false"));
        assertThrows(IllegalArgumentException.class, () -> ValueKind.BOOLEAN.canonical("maybe"));
    }
}
