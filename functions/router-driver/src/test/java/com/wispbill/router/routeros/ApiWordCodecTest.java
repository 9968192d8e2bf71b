package com.wispbill.router.routeros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiWordCodecTest {

    @ParameterizedTest
    @ValueSource(ints = {0x7F, 0x80, 0x3FFF, 0x4000, 0x1F_FFFF, 0x20_0000})
    void encodesEachPrefixSizeAtItsBoundaries(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiWordCodec.writeLength(out, length);
        byte[] prefix = out.toByteArray();
        int expectedSize = length < 0x80 ? 1 : length < 0x4000 ? 2 : length < 0x20_0000 ? 3 : 4;
        assertEquals(expectedSize, prefix.length);
        assertEquals(length, decodeSingleWord(prefix, length).length());
    }

    @Test
    void encodesTheLargestFormsAsTheManualSays() {
        assertArrayEquals(bytes(0xEF, 0xFF, 0xFF, 0xFF), lengthPrefix(0x0FFF_FFFFL));
        assertArrayEquals(bytes(0xF0, 0x10, 0x00, 0x00, 0x00), lengthPrefix(0x1000_0000L));
        assertArrayEquals(bytes(0x80, 0x80), lengthPrefix(0x80));
        assertArrayEquals(bytes(0xC0, 0x40, 0x00), lengthPrefix(0x4000));
    }

    @Test
    void acceptsLongerPrefixesThanNeeded() throws Exception {
        // mikrotik-java writes a 4-byte prefix from 0x20000 on; RouterOS may do similar. "abc" in every form:
        byte[][] prefixes = {
            bytes(0x03), bytes(0x80, 0x03), bytes(0xC0, 0x00, 0x03), bytes(0xE0, 0x00, 0x00, 0x03),
            bytes(0xF0, 0x00, 0x00, 0x00, 0x03)};
        for (byte[] prefix : prefixes) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes(prefix);
            stream.writeBytes("abc".getBytes(StandardCharsets.US_ASCII));
            stream.write(0);
            List<ApiSentence> sentences = feed(stream.toByteArray(), 1);
            assertEquals(List.of(ApiSentence.of("abc")), sentences);
        }
    }

    @Test
    void decodesSentencesSplitAtEveryPosition() throws Exception {
        ApiSentence first = ApiSentence.of("!re", "=comment=" + "x".repeat(200), ".tag=7");
        ApiSentence second = ApiSentence.of("!done", ".tag=7");
        byte[] stream = concat(ApiWordCodec.encode(first), ApiWordCodec.encode(second));
        for (int split = 0; split <= stream.length; split++) {
            ApiWordCodec.Decoder decoder = new ApiWordCodec.Decoder();
            List<ApiSentence> out = new ArrayList<>();
            decoder.feed(stream, 0, split, out::add);
            decoder.feed(stream, split, stream.length - split, out::add);
            assertEquals(List.of(first, second), out, "split at " + split);
            assertTrue(decoder.atSentenceBoundary());
        }
    }

    @Test
    void decodesMultiByteUtf8Words() throws Exception {
        ApiSentence sentence = ApiSentence.of("!re", "=comment=Zoë – café");
        assertEquals(List.of(sentence), feed(ApiWordCodec.encode(sentence), 1));
    }

    @Test
    void keepsAPartialSentenceUntilItCompletes() throws Exception {
        byte[] stream = ApiWordCodec.encode(ApiSentence.of("!done", ".tag=1"));
        ApiWordCodec.Decoder decoder = new ApiWordCodec.Decoder();
        List<ApiSentence> out = new ArrayList<>();
        decoder.feed(stream, 0, stream.length - 1, out::add);
        assertTrue(out.isEmpty());
        assertFalse(decoder.atSentenceBoundary());
        decoder.feed(stream, stream.length - 1, 1, out::add);
        assertEquals(List.of(ApiSentence.of("!done", ".tag=1")), out);
    }

    @ParameterizedTest
    @ValueSource(ints = {0xF8, 0xF9, 0xFC, 0xFF})
    void rejectsReservedControlBytes(int controlByte) {
        ApiWordCodec.Decoder decoder = new ApiWordCodec.Decoder();
        ApiWordCodec.FramingException e = assertThrows(ApiWordCodec.FramingException.class,
                () -> decoder.feed(bytes(controlByte), 0, 1, s -> { }));
        assertTrue(e.getMessage().contains("reserved control byte"), e.getMessage());
    }

    @Test
    void rejectsWordsAboveTheLimitBeforeAllocating() {
        ApiWordCodec.Decoder decoder = new ApiWordCodec.Decoder();
        byte[] prefix = lengthPrefix(ApiWordCodec.MAX_WORD_BYTES + 1L);
        ApiWordCodec.FramingException e = assertThrows(ApiWordCodec.FramingException.class,
                () -> decoder.feed(prefix, 0, prefix.length, s -> { }));
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] lengthPrefix(long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiWordCodec.writeLength(out, length);
        return out.toByteArray();
    }

    private static String decodeSingleWord(byte[] prefix, int length) {
        byte[] stream = new byte[prefix.length + length + 1];
        System.arraycopy(prefix, 0, stream, 0, prefix.length);
        java.util.Arrays.fill(stream, prefix.length, prefix.length + length, (byte) 'a');
        try {
            List<ApiSentence> sentences = feed(stream, 4096);
            assertEquals(1, sentences.size());
            return sentences.getFirst().words().getFirst();
        } catch (ApiWordCodec.FramingException e) {
            throw new AssertionError(e);
        }
    }

    /** Feeds {@code stream} in chunks of {@code chunk} bytes. */
    static List<ApiSentence> feed(byte[] stream, int chunk) throws ApiWordCodec.FramingException {
        ApiWordCodec.Decoder decoder = new ApiWordCodec.Decoder();
        List<ApiSentence> out = new ArrayList<>();
        for (int offset = 0; offset < stream.length; offset += chunk) {
            decoder.feed(stream, offset, Math.min(chunk, stream.length - offset), out::add);
        }
        return out;
    }
}
