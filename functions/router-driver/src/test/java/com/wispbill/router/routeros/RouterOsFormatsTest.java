package com.wispbill.router.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterOsFormatsTest {

    @ParameterizedTest
    @CsvSource({
        "1w2d3h4m5s, 788645",
        "45s, 45",
        "1h, 3600",
        "0s, 0",
        "2d, 172800",
        "00:01:02, 62",
        "12:00:00, 43200",
        "1d02:03:04, 93784",
        "'1d 02:03:04', 93784",
        "1w2d03:04:05, 788645",
        "'2w1d 10:00:00', 1332000",
        "90, 90",
    })
    void parsesEveryDurationForm(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), RouterOsFormats.parseDuration(text));
    }

    @Test
    void parsesSubSecondParts() {
        assertEquals(Duration.ofMillis(190_230), RouterOsFormats.parseDuration("3m10s230ms"));
        assertEquals(Duration.ofMillis(62_500), RouterOsFormats.parseDuration("00:01:02.5"));
        assertEquals(Duration.ofNanos(1_500), RouterOsFormats.parseDuration("1us500ns"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1x", "h", "1h 2m", "00:61:00", "1:2:3", "-5s", "5s1h?", "abc"})
    void rejectsWhatIsNotADuration(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouterOsFormats.parseDuration(text));
        assertFalse(e.getMessage().isBlank());
    }

    @ParameterizedTest
    @CsvSource({"788645, 1w2d3h4m5s", "3600, 1h", "0, 0s", "86401, 1d1s", "60, 1m"})
    void formatsDurationsLikeRouterOs(long seconds, String text) {
        assertEquals(text, RouterOsFormats.formatDuration(Duration.ofSeconds(seconds)));
        assertEquals(Duration.ofSeconds(seconds), RouterOsFormats.parseDuration(text));
    }

    @Test
    void parsesCountsAndRejectsNonNumbers() {
        assertEquals(9_000_000_000_000L, RouterOsFormats.parseCount("9000000000000"));
        assertEquals(7, RouterOsFormats.parseCount("7%"));
        assertEquals(0, RouterOsFormats.parseCount(" 0 "));
        for (String bad : new String[] {"", "-1", "1.5", "12k", "99999999999999999999", "x"}) {
            assertThrows(IllegalArgumentException.class, () -> RouterOsFormats.parseCount(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> RouterOsFormats.parseCount(null));
    }

    @Test
    void parsesByteCountsWithBinaryUnits() {
        assertEquals(268_435_456L, RouterOsFormats.parseBytes("268435456"));
        assertEquals(129_499_136L, RouterOsFormats.parseBytes("123.5MiB"));
        assertEquals(64L << 20, RouterOsFormats.parseBytes("64M"));
        assertEquals(1L << 30, RouterOsFormats.parseBytes("1GiB"));
        assertEquals(1536, RouterOsFormats.parseBytes("1.5KiB"));
        assertThrows(IllegalArgumentException.class, () -> RouterOsFormats.parseBytes("12 apples"));
        assertThrows(IllegalArgumentException.class, () -> RouterOsFormats.parseBytes("99999999999TiB"));
    }

    @Test
    void parsesBothBooleanSpellings() {
        assertTrue(RouterOsFormats.parseBoolean("true"));
        assertTrue(RouterOsFormats.parseBoolean("yes"));
        assertFalse(RouterOsFormats.parseBoolean("false"));
        assertFalse(RouterOsFormats.parseBoolean("no"));
        assertThrows(IllegalArgumentException.class, () -> RouterOsFormats.parseBoolean("maybe"));
    }
}
