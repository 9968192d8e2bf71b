package com.wispbill.local.routeros;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The RouterOS API wire format: sentences of length-prefixed words, each sentence ended by a
 * zero-length word.
 *
 * <p>Length prefixes (big-endian) by MikroTik's API manual:
 * <pre>
 *   len &lt; 0x80          1 byte   len
 *   len &lt; 0x4000        2 bytes  len | 0x8000
 *   len &lt; 0x200000      3 bytes  len | 0xC00000
 *   len &lt; 0x10000000    4 bytes  len | 0xE0000000
 *   otherwise           5 bytes  0xF0, then len as 4 bytes
 * </pre>
 * A first byte of 0xF8 or more is a reserved control byte. Writers here always use the shortest
 * prefix; readers accept any prefix long enough for the value, because real clients do not all
 * write the minimal form (mikrotik-java switches to the 4-byte form at 0x20000, not 0x200000).
 *
 * <p>Words are UTF-8 text here. RouterOS itself stores bytes; the simulator and the driver only
 * exchange ASCII names, so the choice only matters for free-text comments.
 */
public final class ApiWireFormat {
    /** Largest length a 5-byte prefix can carry. */
    public static final long MAX_WORD_LENGTH = 0xFFFFFFFFL;

    private ApiWireFormat() {
    }

    /** The shortest length prefix for a word of {@code length} bytes. */
    public static byte[] encodeLength(long length) {
        if (length < 0 || length > MAX_WORD_LENGTH) {
            throw new IllegalArgumentException("word length out of range: " + length);
        }
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x4000) {
            long v = length | 0x8000;
            return new byte[] {(byte) (v >> 8), (byte) v};
        }
        if (length < 0x200000) {
            long v = length | 0xC00000;
            return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
        }
        if (length < 0x10000000) {
            long v = length | 0xE0000000L;
            return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
        }
        return new byte[] {(byte) 0xF0, (byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8),
            (byte) length};
    }

    /**
     * Reads one length prefix.
     *
     * @throws EOFException if the stream ends before or inside the prefix
     * @throws ApiProtocolException on a reserved control byte (0xF8 and above) or an undefined
     *     prefix byte (0xF1 to 0xF7)
     */
    public static long readLength(InputStream in) throws IOException {
        int first = readByte(in);
        if ((first & 0x80) == 0) {
            return first;
        }
        if ((first & 0xC0) == 0x80) {
            return ((long) (first & 0x3F) << 8) | readByte(in);
        }
        if ((first & 0xE0) == 0xC0) {
            return ((long) (first & 0x1F) << 16) | ((long) readByte(in) << 8) | readByte(in);
        }
        if ((first & 0xF0) == 0xE0) {
            return ((long) (first & 0x0F) << 24) | ((long) readByte(in) << 16) | ((long) readByte(in) << 8)
                | readByte(in);
        }
        if (first == 0xF0) {
            return ((long) readByte(in) << 24) | ((long) readByte(in) << 16) | ((long) readByte(in) << 8)
                | readByte(in);
        }
        if (first >= 0xF8) {
            throw new ApiProtocolException(String.format("reserved control byte 0x%02X", first));
        }
        throw new ApiProtocolException(String.format("undefined word length prefix 0x%02X", first));
    }

    /**
     * Reads one sentence: its words up to (not including) the terminating zero-length word. An empty
     * list is an empty sentence, which RouterOS ignores.
     *
     * @param maxWordLength longest word accepted; a longer prefix fails before anything is allocated
     */
    public static List<String> readSentence(InputStream in, int maxWordLength) throws IOException {
        List<String> words = new ArrayList<>();
        while (true) {
            long length = readLength(in);
            if (length == 0) {
                return words;
            }
            if (length > maxWordLength) {
                throw new ApiProtocolException("word of " + length + " bytes is longer than the " + maxWordLength
                    + " accepted");
            }
            byte[] word = in.readNBytes((int) length); // fits: length <= maxWordLength, an int
            if (word.length < length) {
                throw new EOFException("stream ended inside a word");
            }
            words.add(new String(word, StandardCharsets.UTF_8));
        }
    }

    /** Writes one word with the shortest prefix. */
    public static void writeWord(OutputStream out, String word) throws IOException {
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        out.write(encodeLength(bytes.length));
        out.write(bytes);
    }

    /** Writes the words and the terminating zero-length word; does not flush. */
    public static void writeSentence(OutputStream out, List<String> words) throws IOException {
        for (String word : words) {
            if (word.isEmpty()) {
                throw new IllegalArgumentException("a word inside a sentence cannot be empty: it would end it");
            }
            writeWord(out, word);
        }
        out.write(0);
    }

    /** The bytes of one sentence, as {@link #writeSentence} writes them. */
    public static byte[] encodeSentence(List<String> words) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            writeSentence(buffer, words);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return buffer.toByteArray();
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a word length");
        }
        return b;
    }
}
