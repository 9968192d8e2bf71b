package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvExportTest {
    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreTurnedIntoText() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvExport.field("=HYPERLINK(\"http://x\")"));
        assertEquals("'@SUM(A1)", CsvExport.field("@SUM(A1)"));
        assertEquals("'+1+cmd|' /C calc'!A0", CsvExport.field("+1+cmd|' /C calc'!A0"));
        assertEquals("'-2+3", CsvExport.field("-2+3"));
        assertEquals("'\tx", CsvExport.field("\tx"));
    }

    @Test
    void numbersAndPhoneNumbersStayAsTheyAre() {
        assertEquals("-700", CsvExport.field("-700"));
        assertEquals("+254712000111", CsvExport.field("+254712000111"));
        assertEquals("+254 712 000 111", CsvExport.field("+254 712 000 111"));
        assertEquals("Wanjiru", CsvExport.field("Wanjiru"));
        assertEquals("\"a, b\"", CsvExport.field("a, b"));
    }
}
