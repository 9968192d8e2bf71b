package com.wispbill.router.routeros;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The output stream mikrotik-java writes commands to. The client writes every length prefix byte by
 * byte and never flushes; unbuffered, one command becomes dozens of TCP segments or TLS records and
 * Nagle's algorithm delays each command by a round trip. This stream collects the bytes and writes a
 * command to the socket in one piece when its sentence is complete (the zero-length word).
 */
final class SentenceBufferingOutputStream extends OutputStream {
    private final OutputStream socket;
    private final ApiWordCodec.Decoder framing = new ApiWordCodec.Decoder();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
    private final byte[] single = new byte[1];
    private final java.util.function.Consumer<ApiSentence> onSentenceEnd = sentence -> sentenceCompleted = true;
    private boolean sentenceCompleted;

    SentenceBufferingOutputStream(OutputStream socket) {
        this.socket = socket;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            // Feed byte by byte so a sentence end in the middle of a write is flushed at that point.
            framing.feed(bytes, i, 1, onSentenceEnd);
            if (sentenceCompleted) {
                sentenceCompleted = false;
                pending.write(bytes, start, i + 1 - start);
                start = i + 1;
                flushPending();
            }
        }
        pending.write(bytes, start, end - start);
    }

    @Override
    public synchronized void flush() throws IOException {
        flushPending();
    }

    @Override
    public synchronized void close() throws IOException {
        socket.close();
    }

    private void flushPending() throws IOException {
        if (pending.size() > 0) {
            socket.write(pending.toByteArray());
            pending.reset();
            socket.flush();
        }
    }
}
