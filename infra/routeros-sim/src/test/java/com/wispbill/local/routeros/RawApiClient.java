package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;

/**
 * A deliberately small API client for tests that need to see the wire: it sends exactly the words
 * (or bytes) it is given and returns sentences as lists of words, with the length prefix of each
 * word kept for tests about encoding. Reads time out after a generous limit so a broken simulator
 * fails a test instead of hanging it.
 */
final class RawApiClient implements AutoCloseable {
    static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(20);

    /** A received word and the length prefix it came with. */
    record Word(byte[] prefix, String text) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawApiClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) GENEROUS_TIMEOUT.toMillis());
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawApiClient connect(RouterOsSimulator router) throws IOException {
        return connect(SocketFactory.getDefault(), router.host(), router.port());
    }

    static RawApiClient connect(SocketFactory factory, String host, int port) throws IOException {
        Socket socket = factory.createSocket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) GENEROUS_TIMEOUT.toMillis());
            return new RawApiClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects and logs in with the router's credentials (password login; challenge login before 6.43). */
    static RawApiClient loggedIn(RouterOsSimulator router) throws IOException {
        RawApiClient client = connect(router);
        client.login(router.username(), router.password(), router.version());
        return client;
    }

    void login(String user, String password, RouterOsVersion version) throws IOException {
        if (version.supportsPasswordLogin()) {
            assertEquals(List.of("!done"), call("/login", "=name=" + user, "=password=" + password).getFirst());
            return;
        }
        List<String> challenge = call("/login").getFirst();
        String hex = challenge.get(1).substring("=ret=".length());
        String response = LoginTest.md5Response(password, hex);
        assertEquals(List.of("!done"), call("/login", "=name=" + user, "=response=" + response).getFirst());
    }

    /** Sends one sentence. */
    void send(String... words) throws IOException {
        out.write(ApiWireFormat.encodeSentence(Arrays.asList(words)));
        out.flush();
    }

    /** Sends raw bytes, for malformed or non-minimal encodings. */
    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends an untagged command and reads up to its {@code !done}. */
    List<List<String>> call(String... words) throws IOException {
        send(words);
        return readUntilDone();
    }

    /** Reads sentences up to and including the next {@code !done}. */
    List<List<String>> readUntilDone() throws IOException {
        List<List<String>> sentences = new ArrayList<>();
        while (true) {
            List<String> sentence = readSentence();
            sentences.add(sentence);
            if (sentence.getFirst().equals("!done")) {
                return sentences;
            }
        }
    }

    List<String> readSentence() throws IOException {
        return readWords().stream().map(Word::text).toList();
    }

    /** Reads one sentence keeping each word's length prefix. */
    List<Word> readWords() throws IOException {
        List<Word> words = new ArrayList<>();
        while (true) {
            byte[] prefix = readPrefix();
            long length = ApiWireFormat.readLength(new java.io.ByteArrayInputStream(prefix));
            if (length == 0) {
                return words;
            }
            byte[] data = in.readNBytes((int) length);
            if (data.length < length) {
                throw new EOFException("connection ended inside a word");
            }
            words.add(new Word(prefix, new String(data, StandardCharsets.UTF_8)));
        }
    }

    private byte[] readPrefix() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("connection closed");
        }
        int extra;
        if ((first & 0x80) == 0) {
            extra = 0;
        } else if ((first & 0xC0) == 0x80) {
            extra = 1;
        } else if ((first & 0xE0) == 0xC0) {
            extra = 2;
        } else if ((first & 0xF0) == 0xE0) {
            extra = 3;
        } else {
            extra = 4;
        }
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        prefix.write(first);
        byte[] rest = in.readNBytes(extra);
        if (rest.length < extra) {
            throw new EOFException("connection ended inside a length prefix");
        }
        prefix.writeBytes(rest);
        return prefix.toByteArray();
    }

    /** True if the router closed the connection: the next read ends the stream. */
    boolean isClosedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the peer
        }
    }

    /** Waits at most {@code timeout} for any byte; true if none came (the router stays silent). */
    boolean staysSilentFor(Duration timeout) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            in.mark(1);
            int b = in.read();
            in.reset();
            if (b < 0) {
                throw new EOFException("connection closed instead of staying open");
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The attributes of a reply sentence ({@code =name=value} words) as a map. */
    static Map<String, String> attributes(List<String> sentence) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String word : sentence) {
            if (word.startsWith("=")) {
                int separator = word.indexOf('=', 1);
                attributes.put(word.substring(1, separator), word.substring(separator + 1));
            }
        }
        return attributes;
    }

    /** The {@code !re} rows of a reply as attribute maps. */
    static List<Map<String, String>> rows(List<List<String>> reply) {
        return reply.stream().filter(s -> s.getFirst().equals("!re")).map(RawApiClient::attributes).toList();
    }

    /** The {@code .tag} of a reply sentence, or null. */
    static String tag(List<String> sentence) {
        return sentence.stream().filter(w -> w.startsWith(".tag=")).map(w -> w.substring(5)).findFirst().orElse(null);
    }
}
