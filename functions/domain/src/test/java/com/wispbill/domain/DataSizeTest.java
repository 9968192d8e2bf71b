package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTest {

    @ParameterizedTest
    @CsvSource({
            "500MB, 500000000",
            "5GB, 5000000000",
            "5 GB, 5000000000",
            "5gb, 5000000000",
            "5GiB, 5368709120",
            "1KB, 1000",
            "1KiB, 1024",
            "1MiB, 1048576",
            "2TB, 2000000000000",
            "1TiB, 1099511627776",
            "1.5GB, 1500000000",
            "0.5KiB, 512",
            "1048576, 1048576",
            "123B, 123",
            "0, 0",
    })
    void parsesUserUnits(String input, long bytes) {
        assertEquals(bytes, DataSize.parse(input).bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5XB", "5 bits", "5Gb/s", "GB", "", "  ", "5..5GB", "five GB"})
    void rejectsUnknownUnitsAndGarbage(String input) {
        assertTrue(assertThrows(ValidationException.class, () -> DataSize.parse(input)).hasErrorFor("dataSize"));
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertTrue(assertThrows(ValidationException.class, () -> DataSize.parse("5XB")).getMessage()
                .contains("unknown unit 'XB'"));
        assertTrue(assertThrows(ValidationException.class, () -> DataSize.parse("-5GB")).getMessage()
                .contains("must not be negative"));
        assertTrue(assertThrows(ValidationException.class, () -> DataSize.parse("9999999TiB")).getMessage()
                .contains("too large"));
        assertTrue(assertThrows(ValidationException.class, () -> DataSize.parse("0.5B")).getMessage()
                .contains("whole number of bytes"));
        assertTrue(assertThrows(ValidationException.class, () -> DataSize.parse("5XB", "dataLimit"))
                .hasErrorFor("dataLimit"));
        assertThrows(ValidationException.class, () -> DataSize.parse(null));
        assertThrows(ValidationException.class, () -> DataSize.ofBytes(-1));
        assertThrows(ArithmeticException.class, () -> DataSize.ofGigabytes(Long.MAX_VALUE));
    }

    @Test
    void formatsInBothConventions() {
        assertEquals("5 GB", DataSize.parse("5GB").formatDecimal());
        assertEquals("4.66 GiB", DataSize.parse("5GB").formatBinary());
        assertEquals("5 GiB", DataSize.parse("5GiB").formatBinary());
        assertEquals("5.37 GB", DataSize.parse("5GiB").formatDecimal());
        assertEquals("1.5 GB", DataSize.parse("1.5GB").formatDecimal());
        assertEquals("500 MB", DataSize.parse("500MB").formatDecimal());
        assertEquals("999 B", DataSize.ofBytes(999).formatDecimal());
        assertEquals("1023 B", DataSize.ofBytes(1023).formatBinary());
        assertEquals("0 B", DataSize.ofBytes(0).formatDecimal());
        assertEquals("1 TiB", DataSize.parse("1TiB").formatBinary());
        assertEquals("5000000000 B", DataSize.parse("5GB").toString());
    }

    @Test
    void formattedDecimalValuesParseBack() {
        for (String s : new String[]{"5 GB", "1.5 GB", "500 MB", "1 TB", "12 KB"}) {
            assertEquals(s, DataSize.parse(s).formatDecimal());
        }
    }

    @Test
    void arithmeticAndComparison() {
        DataSize a = DataSize.ofMegabytes(500);
        DataSize b = DataSize.ofGigabytes(1);
        assertEquals(DataSize.ofMegabytes(1500), a.plus(b));
        assertTrue(a.compareTo(b) < 0);
        assertEquals(2L * 1024 * 1024 * 1024, DataSize.parse("2GiB").bytes());
    }
}
