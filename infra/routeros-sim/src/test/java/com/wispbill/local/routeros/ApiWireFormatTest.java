package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiWireFormatTest {

    @ParameterizedTest(name = "length {0} -> {1}")
    @CsvSource({
        "0,          00",
        "127,        7F",
        "128,        8080",
        "16383,      BFFF",
        "16384,      C04000",
        "2097151,    DFFFFF",
        "2097152,    E0200000",
        "268435455,  EFFFFFFF",
        "268435456,  F010000000",
        "4294967295, F0FFFFFFFF",
    })
    void encodesEachLengthWithTheShortestPrefixAtEveryRangeBoundary(long length, String hexPrefix) throws IOException {
        byte[] expected = HexFormat.of().parseHex(hexPrefix);
        assertArrayEquals(expected, ApiWireFormat.encodeLength(length));
        assertEquals(length, ApiWireFormat.readLength(new ByteArrayInputStream(expected)));
    }

    @ParameterizedTest(name = "{0} decodes to {1}")
    @CsvSource({
        "8005,       5",
        "C00005,     5",
        "E0000005,   5",
        "F000000005, 5",
        "E0020000,   131072",
        "F000003FFF, 16383",
    })
    void acceptsLongerPrefixesThanNeeded(String hexPrefix, long expected) throws IOException {
        assertEquals(expected, ApiWireFormat.readLength(new ByteArrayInputStream(HexFormat.of().parseHex(hexPrefix))));
    }

    @ParameterizedTest(name = "first byte 0x{0}")
    @ValueSource(strings = {"F8", "F9", "FC", "FF"})
    void rejectsReservedControlBytes(String firstByte) {
        byte[] input = HexFormat.of().parseHex(firstByte + "00000000");
        ApiProtocolException e = assertThrows(ApiProtocolException.class,
            () -> ApiWireFormat.readLength(new ByteArrayInputStream(input)));
        assertEquals("reserved control byte 0x" + firstByte, e.getMessage());
    }

    @ParameterizedTest(name = "first byte 0x{0}")
    @ValueSource(strings = {"F1", "F7"})
    void rejectsPrefixBytesTheFormatDoesNotDefine(String firstByte) {
        byte[] input = HexFormat.of().parseHex(firstByte + "00000000");
        assertThrows(ApiProtocolException.class, () -> ApiWireFormat.readLength(new ByteArrayInputStream(input)));
    }

    @Test
    void sentenceRoundTripsThroughBytes() throws IOException {
        List<String> words = List.of("/ip/hotspot/user/add", "=name=v-1", "=comment=a=b", "=password=", ".tag=7");
        byte[] bytes = ApiWireFormat.encodeSentence(words);
        assertEquals(0, bytes[bytes.length - 1], "a sentence ends with a zero-length word");
        assertEquals(words, ApiWireFormat.readSentence(new ByteArrayInputStream(bytes), 1024));
    }

    @Test
    void emptySentenceIsAnEmptyList() throws IOException {
        assertEquals(List.of(), ApiWireFormat.readSentence(new ByteArrayInputStream(new byte[] {0}), 1024));
    }

    @Test
    void streamEndingInsideAWordIsAnEofNotAProtocolError() {
        byte[] truncated = {5, 'a', 'b'};
        assertThrows(EOFException.class, () -> ApiWireFormat.readSentence(new ByteArrayInputStream(truncated), 1024));
        byte[] truncatedPrefix = {(byte) 0xC0, 0};
        assertThrows(EOFException.class, () -> ApiWireFormat.readLength(new ByteArrayInputStream(truncatedPrefix)));
    }

    @Test
    void refusesWordsLongerThanTheLimitBeforeReadingThem() {
        byte[] prefixOnly = ApiWireFormat.encodeLength(0x10000000L);
        ApiProtocolException e = assertThrows(ApiProtocolException.class,
            () -> ApiWireFormat.readSentence(new ByteArrayInputStream(prefixOnly), 1024));
        assertEquals("word of 268435456 bytes is longer than the 1024 accepted", e.getMessage());
    }

    @Test
    void aSentenceCannotContainAnEmptyWord() {
        assertThrows(IllegalArgumentException.class, () -> ApiWireFormat.encodeSentence(List.of("/x", "")));
    }
}
