package com.wispbill.router.routeros;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The input stream mikrotik-java reads replies from. It parses the router's word stream into sentences
 * and hands the client only sentences its reply parser handles, because that parser (3.0.8) does not
 * skip what it does not know: it re-reads the same unknown line forever, so every command on the
 * connection then waits for its timeout. In particular:
 * <ul>
 *   <li>{@code !empty} (RouterOS 7.18+, a print without rows, followed by {@code !done}) is dropped; the
 *       {@code !done} that follows ends the command with no rows, as on older versions;</li>
 *   <li>{@code !fatal} is dropped and reported to the {@link Observer}: the router is closing the
 *       connection, and the session fails waiting commands at once instead of at their timeout;</li>
 *   <li>empty sentences and unknown reply types are dropped (and reported);</li>
 *   <li>inside {@code !re}, {@code !done} and {@code !trap} only the words the client reads are kept
 *       ({@code .tag=}, {@code =name=value}), and line breaks in values become spaces: the client joins
 *       a sentence's words with {@code \n} and splits them again, so a value with a line break would be
 *       read as a new word or a new reply.</li>
 * </ul>
 * Kept sentences are re-encoded with the shortest length prefixes, which the client reads like any other.
 *
 * <p>When the router closes the connection or a read fails, the observer is told once and the stream
 * then blocks until {@link #close()}: returning end-of-stream would make the client's reader thread spin
 * on empty reads (it does not stop at end of stream), and the session closes the connection right after
 * it learns of the failure anyway.
 */
final class ApiReplyFilterInputStream extends InputStream {

    /** Told about every sentence the router sends (before filtering) and about the end of the connection. */
    interface Observer {
        /** Called on the client's reader thread, before the client sees the sentence (if it does). */
        void sentenceReceived(ApiSentence sentence);

        /** The stream ended or failed (cause: {@link EOFException}, a socket error or a framing error); called once. */
        void streamFailed(IOException cause);
    }

    private static final int READ_CHUNK = 8192;

    private final InputStream source;
    private final Observer observer;
    private final ApiWordCodec.Decoder decoder = new ApiWordCodec.Decoder();
    private final byte[] chunk = new byte[READ_CHUNK];
    /** Encoded sentences ready for the client; only the reader thread touches them. */
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private int readyPosition;
    private final List<ApiSentence> decoded = new ArrayList<>();
    private final CountDownLatch closedSignal = new CountDownLatch(1);
    private volatile boolean closed;
    private boolean failed;

    ApiReplyFilterInputStream(InputStream source, Observer observer) {
        this.source = source;
        this.observer = observer;
    }

    @Override
    public int read() throws IOException {
        if (!fillReady()) {
            return -1;
        }
        byte[] head = ready.peekFirst();
        int value = head[readyPosition++] & 0xFF;
        if (readyPosition == head.length) {
            ready.removeFirst();
            readyPosition = 0;
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!fillReady()) {
            return -1;
        }
        int copied = 0;
        while (copied < length && !ready.isEmpty()) {
            byte[] head = ready.peekFirst();
            int count = Math.min(length - copied, head.length - readyPosition);
            System.arraycopy(head, readyPosition, buffer, offset + copied, count);
            copied += count;
            readyPosition += count;
            if (readyPosition == head.length) {
                ready.removeFirst();
                readyPosition = 0;
            }
        }
        return copied;
    }

    @Override
    public int available() {
        int count = -readyPosition;
        for (byte[] sentence : ready) {
            count += sentence.length;
        }
        return Math.max(count, 0);
    }

    /** Unblocks a reader waiting after a failure and closes the socket's stream. Idempotent. */
    @Override
    public void close() throws IOException {
        closed = true;
        closedSignal.countDown();
        source.close();
    }

    /** Reads from the router until a sentence for the client is ready; false only once closed. */
    private boolean fillReady() throws IOException {
        while (ready.isEmpty()) {
            if (closed) {
                return false;
            }
            if (failed) {
                awaitClose();
                return false;
            }
            int count;
            try {
                count = source.read(chunk);
            } catch (IOException e) {
                if (closed) {
                    return false;
                }
                fail(e);
                continue;
            }
            if (count < 0) {
                fail(new EOFException(decoder.atSentenceBoundary()
                        ? "the router closed the connection"
                        : "the router closed the connection in the middle of a reply"));
                continue;
            }
            try {
                decoder.feed(chunk, 0, count, decoded::add);
            } catch (ApiWordCodec.FramingException e) {
                fail(e);
            }
            for (ApiSentence sentence : decoded) {
                observer.sentenceReceived(sentence);
                ApiSentence forClient = forClient(sentence);
                if (forClient != null) {
                    ready.addLast(ApiWordCodec.encode(forClient));
                }
            }
            decoded.clear();
        }
        return true;
    }

    private void fail(IOException cause) {
        if (!failed) {
            failed = true;
            observer.streamFailed(cause);
        }
    }

    private void awaitClose() throws InterruptedIOException {
        try {
            closedSignal.await();
        } catch (InterruptedException e) {
            // The client interrupts its reader thread when it closes; keep the flag for its loop.
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the connection was closing");
        }
    }

    /** What the client gets to see of {@code sentence}, or null to drop it (see the class comment). */
    static ApiSentence forClient(ApiSentence sentence) {
        String type = sentence.type();
        List<String> kept = new ArrayList<>();
        kept.add(type);
        switch (type) {
            case "!re" -> {
                for (String word : sentence.words().subList(1, sentence.words().size())) {
                    if (word.startsWith(".tag=") || isAttributeWord(word)) {
                        kept.add(withoutLineBreaks(word));
                    }
                }
            }
            case "!done" -> {
                for (String word : sentence.words().subList(1, sentence.words().size())) {
                    if (word.startsWith(".tag=") || word.startsWith("=ret=")) {
                        kept.add(withoutLineBreaks(word));
                    }
                }
            }
            case "!trap" -> {
                for (String word : sentence.words().subList(1, sentence.words().size())) {
                    if (word.startsWith(".tag=") || word.startsWith("=message=")) {
                        kept.add(withoutLineBreaks(word));
                    } else if (word.startsWith("=category=") && isNumber(word.substring("=category=".length()))) {
                        // The client parses the category with Integer.parseInt on its processor thread:
                        // anything else would kill that thread.
                        kept.add(word);
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return new ApiSentence(kept);
    }

    private static boolean isAttributeWord(String word) {
        return word.length() > 2 && word.charAt(0) == '=' && word.indexOf('=', 2) > 0;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String withoutLineBreaks(String word) {
        return word.indexOf('\n') < 0 && word.indexOf('\r') < 0 ? word : word.replace('\r', ' ').replace('\n', ' ');
    }
}
