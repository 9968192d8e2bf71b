package com.wispbill.router.routeros;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The API's word framing: each word is a length prefix (1 to 5 bytes, big-endian) followed by that many
 * bytes; a zero-length word ends a sentence.
 *
 * <p>{@link Decoder} is incremental: bytes may arrive in any split (one byte at a time, a prefix cut in
 * two, several sentences in one read) and a read failure in the middle loses nothing. Its prefix
 * rules mirror mikrotik-java's reader exactly (including accepting a longer prefix than needed), so
 * both always agree on where words end; the reserved control bytes {@code 0xF8}-{@code 0xFF}, which
 * that reader would misread as lengths, are rejected instead.
 */
final class ApiWordCodec {
    /** Largest word accepted: far above any row a billing driver reads, small enough to bound memory. */
    static final int MAX_WORD_BYTES = 16 * 1024 * 1024;

    private ApiWordCodec() {
    }

    /** The bytes of {@code sentence} with the shortest prefix for each word, ending with the empty word. */
    static byte[] encode(ApiSentence sentence) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String word : sentence.words()) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            writeLength(out, bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
        return out.toByteArray();
    }

    static void writeLength(ByteArrayOutputStream out, long length) {
        if (length < 0x80) {
            out.write((int) length);
        } else if (length < 0x4000) {
            writeBigEndian(out, length | 0x8000, 2);
        } else if (length < 0x20_0000) {
            writeBigEndian(out, length | 0xC0_0000, 3);
        } else if (length < 0x1000_0000) {
            writeBigEndian(out, length | 0xE000_0000L, 4);
        } else {
            out.write(0xF0);
            writeBigEndian(out, length, 4);
        }
    }

    private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
    }

    /** The router sent bytes that are not valid API framing; the connection cannot be resynchronised. */
    static final class FramingException extends java.io.IOException {
        FramingException(String message) {
            super(message);
        }
    }

    /** Turns a byte stream into sentences; keeps partial words and sentences between calls. */
    static final class Decoder {
        private enum State { PREFIX_FIRST, PREFIX_REST, WORD }

        private State state = State.PREFIX_FIRST;
        private int prefixBytesLeft;
        private long wordLength;
        private byte[] word;
        private int wordFilled;
        private final List<String> words = new ArrayList<>();

        /** Feeds {@code length} bytes; every sentence they complete goes to {@code sentences}, in order. */
        void feed(byte[] bytes, int offset, int length, Consumer<ApiSentence> sentences) throws FramingException {
            int position = offset;
            int end = offset + length;
            while (position < end) {
                switch (state) {
                    case PREFIX_FIRST -> {
                        firstPrefixByte(bytes[position++] & 0xFF);
                        if (prefixBytesLeft == 0) {
                            lengthComplete(sentences);
                        }
                    }
                    case PREFIX_REST -> {
                        wordLength = (wordLength << 8) | (bytes[position++] & 0xFF);
                        if (--prefixBytesLeft == 0) {
                            lengthComplete(sentences);
                        }
                    }
                    case WORD -> {
                        int count = Math.min(end - position, word.length - wordFilled);
                        System.arraycopy(bytes, position, word, wordFilled, count);
                        position += count;
                        wordFilled += count;
                        if (wordFilled == word.length) {
                            words.add(new String(word, StandardCharsets.UTF_8));
                            word = null;
                            state = State.PREFIX_FIRST;
                        }
                    }
                }
            }
        }

        /** True if no partial word or sentence is pending (the stream is at a sentence boundary). */
        boolean atSentenceBoundary() {
            return state == State.PREFIX_FIRST && words.isEmpty();
        }

        private void firstPrefixByte(int first) throws FramingException {
            if (first < 0x80) {
                wordLength = first;
                prefixBytesLeft = 0;
            } else if ((first & 0xC0) == 0x80) {
                wordLength = first & 0x3F;
                prefixBytesLeft = 1;
            } else if ((first & 0xE0) == 0xC0) {
                wordLength = first & 0x1F;
                prefixBytesLeft = 2;
            } else if ((first & 0xF0) == 0xE0) {
                wordLength = first & 0x0F;
                prefixBytesLeft = 3;
            } else if ((first & 0xF8) == 0xF0) {
                wordLength = 0;
                prefixBytesLeft = 4;
            } else {
                throw new FramingException(String.format("reserved control byte 0x%02X where a word length was expected", first));
            }
            state = prefixBytesLeft == 0 ? State.PREFIX_FIRST : State.PREFIX_REST;
        }

        private void lengthComplete(Consumer<ApiSentence> sentences) throws FramingException {
            if (wordLength == 0) {
                ApiSentence sentence = new ApiSentence(words);
                words.clear();
                state = State.PREFIX_FIRST;
                sentences.accept(sentence);
            } else if (wordLength > MAX_WORD_BYTES) {
                throw new FramingException("word of " + wordLength + " bytes exceeds the limit of " + MAX_WORD_BYTES);
            } else {
                word = new byte[(int) wordLength];
                wordFilled = 0;
                state = State.WORD;
            }
        }
    }
}
