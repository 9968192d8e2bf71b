package com.wispbill.router.routeros;

import static com.wispbill.router.routeros.ApiWordCodecTest.bytes;
import static com.wispbill.router.routeros.ApiWordCodecTest.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApiReplyFilterInputStreamTest {

    private static final ApiSentence EMPTY = ApiSentence.of("!empty", ".tag=4");
    private static final ApiSentence DONE = ApiSentence.of("!done", ".tag=4");

    @Test
    void dropsEmptyAtEverySplitOfTheStream() throws Exception {
        byte[] stream = concat(ApiWordCodec.encode(EMPTY), ApiWordCodec.encode(DONE));
        byte[] expected = ApiWordCodec.encode(DONE);
        for (int split = 1; split < stream.length; split++) {
            RecordingObserver observer = new RecordingObserver();
            InputStream source = new SplitInputStream(stream, split);
            try (ApiReplyFilterInputStream filter = new ApiReplyFilterInputStream(source, observer)) {
                assertEquals(hex(expected), hex(filter.readNBytes(expected.length)), "split at " + split);
                assertEquals(List.of(EMPTY, DONE), observer.sentences);
            }
        }
    }

    @Test
    void dropsEmptyDeliveredOneByteAtATime() throws Exception {
        byte[] stream = concat(ApiWordCodec.encode(ApiSentence.of("!re", "=name=a", ".tag=1")),
                ApiWordCodec.encode(ApiSentence.of("!done", ".tag=1")),
                ApiWordCodec.encode(EMPTY), ApiWordCodec.encode(DONE));
        byte[] expected = concat(ApiWordCodec.encode(ApiSentence.of("!re", "=name=a", ".tag=1")),
                ApiWordCodec.encode(ApiSentence.of("!done", ".tag=1")), ApiWordCodec.encode(DONE));
        try (ApiReplyFilterInputStream filter =
                     new ApiReplyFilterInputStream(new SplitInputStream(stream, 1), new RecordingObserver())) {
            byte[] read = new byte[expected.length];
            for (int i = 0; i < read.length; i++) {
                read[i] = (byte) filter.read();
            }
            assertEquals(hex(expected), hex(read));
        }
    }

    @Test
    void dropsEmptyWhateverPrefixSizeItsWordsUse() throws Exception {
        // RouterOS may use longer prefixes than needed; the words of !empty in 2-, 3-, 4- and 5-byte form.
        byte[] empty = "!empty".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tag = ".tag=4".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[][] prefixes = {bytes(0x80, 6), bytes(0xC0, 0, 6), bytes(0xE0, 0, 0, 6), bytes(0xF0, 0, 0, 0, 6)};
        byte[] expected = ApiWordCodec.encode(DONE);
        for (byte[] prefix : prefixes) {
            byte[] stream = concat(prefix, empty, prefix, tag, bytes(0), ApiWordCodec.encode(DONE));
            RecordingObserver observer = new RecordingObserver();
            try (ApiReplyFilterInputStream filter =
                         new ApiReplyFilterInputStream(new SplitInputStream(stream, 3), observer)) {
                assertEquals(hex(expected), hex(filter.readNBytes(expected.length)));
                assertEquals(EMPTY, observer.sentences.getFirst());
            }
        }
    }

    @Test
    void reportsFatalAndHidesItFromTheClient() throws Exception {
        ApiSentence fatal = ApiSentence.of("!fatal", "session terminated on request");
        byte[] stream = concat(ApiWordCodec.encode(fatal), ApiWordCodec.encode(DONE));
        RecordingObserver observer = new RecordingObserver();
        try (ApiReplyFilterInputStream filter = new ApiReplyFilterInputStream(new SplitInputStream(stream, 2), observer)) {
            byte[] expected = ApiWordCodec.encode(DONE);
            assertEquals(hex(expected), hex(filter.readNBytes(expected.length)));
            assertEquals("session terminated on request", observer.sentences.getFirst().fatalMessage());
        }
    }

    @Test
    void keepsOnlyWordsTheClientParses() {
        assertEquals(ApiSentence.of("!re", "=comment=line one  line two", ".tag=2"),
                ApiReplyFilterInputStream.forClient(
                        ApiSentence.of("!re", ".section=1", "=comment=line one\r\nline two", ".tag=2", "=bad")));
        assertEquals(ApiSentence.of("!trap", "=message=failure", ".tag=3"),
                ApiReplyFilterInputStream.forClient(ApiSentence.of("!trap", "=message=failure", "=category=x", ".tag=3")));
        assertEquals(ApiSentence.of("!trap", "=category=1", "=message=m", ".tag=3"),
                ApiReplyFilterInputStream.forClient(ApiSentence.of("!trap", "=category=1", "=message=m", ".tag=3")));
        assertEquals(ApiSentence.of("!done", "=ret=*1A", ".tag=5"),
                ApiReplyFilterInputStream.forClient(ApiSentence.of("!done", "=ret=*1A", ".tag=5", ".about=x")));
        assertNull(ApiReplyFilterInputStream.forClient(ApiSentence.of("!empty", ".tag=4")));
        assertNull(ApiReplyFilterInputStream.forClient(ApiSentence.of("!fatal", "bye")));
        assertNull(ApiReplyFilterInputStream.forClient(ApiSentence.of("!unknown-reply", ".tag=4")));
        assertNull(ApiReplyFilterInputStream.forClient(new ApiSentence(List.of())));
    }

    @Test
    void afterEndOfStreamReportsOnceThenBlocksUntilClosed() throws Exception {
        byte[] stream = ApiWordCodec.encode(DONE);
        RecordingObserver observer = new RecordingObserver();
        ApiReplyFilterInputStream filter = new ApiReplyFilterInputStream(new ByteArrayInputStream(stream), observer);
        assertEquals(hex(stream), hex(filter.readNBytes(stream.length)));
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                result.complete(filter.read());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        observer.awaitFailure();
        assertInstanceOf(EOFException.class, observer.failures.getFirst());
        // The client's reader thread would spin on end-of-stream: the read must park until close.
        assertEquals(Thread.State.WAITING, awaitParkedOrEnded(reader));
        filter.close();
        assertEquals(-1, result.get(10, TimeUnit.SECONDS));
        assertEquals(1, observer.failures.size());
    }

    private static Thread.State awaitParkedOrEnded(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TERMINATED) {
                return state;
            }
            Thread.sleep(5);
        }
        return thread.getState();
    }

    @Test
    void reportsTruncatedReplyAndFramingErrors() throws Exception {
        byte[] truncated = bytes(5, '!', 'd', 'o');
        RecordingObserver observer = new RecordingObserver();
        ApiReplyFilterInputStream filter = new ApiReplyFilterInputStream(new ByteArrayInputStream(truncated), observer);
        CompletableFuture.runAsync(() -> {
            try {
                filter.read();
            } catch (IOException ignored) {
                // closed below
            }
        });
        observer.awaitFailure();
        assertTrue(observer.failures.getFirst().getMessage().contains("in the middle of a reply"));
        filter.close();

        RecordingObserver framing = new RecordingObserver();
        ApiReplyFilterInputStream badFilter =
                new ApiReplyFilterInputStream(new ByteArrayInputStream(bytes(0xF8, 1, 2)), framing);
        CompletableFuture.runAsync(() -> {
            try {
                badFilter.read();
            } catch (IOException ignored) {
                // closed below
            }
        });
        framing.awaitFailure();
        assertInstanceOf(ApiWordCodec.FramingException.class, framing.failures.getFirst());
        badFilter.close();
    }

    // ---------------------------------------------------------------- helpers

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** Returns at most {@code chunk} bytes per read, like a socket delivering segments. */
    static final class SplitInputStream extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int position;

        SplitInputStream(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= data.length) {
                return -1;
            }
            int count = Math.min(Math.min(chunk, length), data.length - position);
            System.arraycopy(data, position, buffer, offset, count);
            position += count;
            return count;
        }
    }

    static final class RecordingObserver implements ApiReplyFilterInputStream.Observer {
        final List<ApiSentence> sentences = new ArrayList<>();
        final List<IOException> failures = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void sentenceReceived(ApiSentence sentence) {
            sentences.add(sentence);
        }

        @Override
        public void streamFailed(IOException cause) {
            failures.add(cause);
            failed.countDown();
        }

        void awaitFailure() throws InterruptedException {
            assertTrue(failed.await(10, TimeUnit.SECONDS), "the stream failure was not reported");
        }
    }
}
