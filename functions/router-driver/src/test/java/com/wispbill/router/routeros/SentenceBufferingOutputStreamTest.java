package com.wispbill.router.routeros;

import static com.wispbill.router.routeros.ApiWordCodecTest.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceBufferingOutputStreamTest {
    private static final byte[] LOGIN = ApiWordCodec.encode(
            ApiSentence.of("/login", "=name=wispbill", "=password=" + "x".repeat(300), ".tag=1"));
    private static final byte[] PRINT = ApiWordCodec.encode(ApiSentence.of("/system/resource/print", ".tag=2"));

    @Test
    void writesEachCommandInOnePieceWhenGivenByteByByte() throws Exception {
        RecordingStream socket = new RecordingStream();
        SentenceBufferingOutputStream out = new SentenceBufferingOutputStream(socket);
        for (byte b : concat(LOGIN, PRINT)) {
            out.write(b & 0xFF);
        }
        assertEquals(List.of(hex(LOGIN), hex(PRINT)), socket.writes);
    }

    @Test
    void splitsOneBufferAtSentenceEndsAndHoldsAnUnfinishedCommand() throws Exception {
        RecordingStream socket = new RecordingStream();
        SentenceBufferingOutputStream out = new SentenceBufferingOutputStream(socket);
        byte[] both = concat(LOGIN, PRINT);
        out.write(both, 0, LOGIN.length + 3);
        assertEquals(List.of(hex(LOGIN)), socket.writes);
        out.write(both, LOGIN.length + 3, PRINT.length - 3);
        assertEquals(List.of(hex(LOGIN), hex(PRINT)), socket.writes);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Records every write call separately, as the segments a socket would send. */
    private static final class RecordingStream extends OutputStream {
        final List<String> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            writes.add(hex(new byte[] {(byte) b}));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.write(bytes, offset, length);
            writes.add(hex(copy.toByteArray()));
        }
    }
}
