package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.local.stack.TemplateDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The adapters keep several DynamoDB requests in flight at once: the sharded index reads
 * {@link DynamoSupport#SHARD_QUERIES_IN_FLIGHT}, a usage flush {@link DynamoUsageRepository#FLUSH_WRITES_IN_FLIGHT}. The JDK's
 * HTTP client under the SDK's URL-connection client keeps only {@code http.maxConnections} idle connections per host
 * (5 unless set). The functions' JVM options (template.yaml) set enough for one round's connections to serve the
 * next: a JVM started with them opens one round's worth of connections for three rounds, not more each round.
 */
class KeepAliveConnectionsTest {
    private static final Pattern MAX_CONNECTIONS = Pattern.compile("-Dhttp\\.maxConnections=(\\d+)");
    private static final int IN_FLIGHT = Math.max(DynamoSupport.SHARD_QUERIES_IN_FLIGHT, DynamoUsageRepository.FLUSH_WRITES_IN_FLIGHT);
    private static final int ROUNDS = 3;

    @Test
    void theFunctionsKeepTheirLargestRoundOfRequestsAlive() {
        Matcher setting = MAX_CONNECTIONS.matcher(javaToolOptions());
        assertTrue(setting.find(), "template.yaml's JAVA_TOOL_OPTIONS sets no http.maxConnections: " + javaToolOptions());
        assertTrue(Integer.parseInt(setting.group(1)) >= IN_FLIGHT,
                "http.maxConnections " + setting.group(1) + " < " + IN_FLIGHT + " requests in flight");
    }

    @Test
    void aJvmWithTheFunctionsOptionsReusesEveryConnectionOfARound() throws Exception {
        List<String> properties = Arrays.stream(javaToolOptions().split(" ")).filter(o -> o.startsWith("-D")).toList();

        assertEquals(IN_FLIGHT, connectionsForRounds(properties));
        // Without the setting the same rounds open more, so the figure above is the setting's doing.
        assertTrue(connectionsForRounds(List.of()) > IN_FLIGHT);
    }

    /**
     * Connections a fresh JVM with {@code properties} opens for {@link #ROUNDS} rounds of {@link #IN_FLIGHT} requests.
     * The server answers a round only once all its requests have arrived, so each round really has them all in flight.
     */
    private static int connectionsForRounds(List<String> properties) throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        RoundGate gate = new RoundGate(IN_FLIGHT);
        Path output = Files.createTempFile("keep-alive-client", ".txt");
        Process client = null;
        try (ServerSocket server = new ServerSocket(0)) {
            Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> answerEveryRequest(socket, gate));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(properties);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), KeepAliveConnectionsTest.class.getName(),
                    "http://127.0.0.1:" + server.getLocalPort() + "/", String.valueOf(IN_FLIGHT), String.valueOf(ROUNDS)));
            client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = client.waitFor(120, TimeUnit.SECONDS);
            assertTrue(ended && client.exitValue() == 0, "the client JVM " + (ended ? "failed" : "did not end") + ":\n"
                    + Files.readString(output));
        } finally {
            if (client != null) {
                client.destroyForcibly();
            }
            Files.deleteIfExists(output);
        }
        return accepted.get();
    }

    /** Holds each request until its whole round has arrived (or 30 s passed), then lets the round be answered. */
    private static final class RoundGate {
        private final int perRound;
        private int arrived;

        RoundGate(int perRound) {
            this.perRound = perRound;
        }

        synchronized void arriveAndAwaitRound() throws InterruptedException {
            arrived++;
            int roundEnd = ((arrived - 1) / perRound + 1) * perRound;
            notifyAll();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (arrived < roundEnd && System.nanoTime() < until) {
                wait(TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()) + 1);
            }
        }
    }

    /** HTTP/1.1 keep-alive: answers each request on the connection once its round is complete. */
    private static void answerEveryRequest(Socket socket, RoundGate gate) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    gate.arriveAndAwaitRound();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client closed the connection or the test ended.
        }
    }

    /** The child JVM: {@code args[2]} rounds of {@code args[1]} GETs to {@code args[0]}, each round all at once. */
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int inFlight = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        for (int round = 0; round < rounds; round++) {
            try (ExecutorService requests = Executors.newFixedThreadPool(inFlight)) {
                List<Future<byte[]>> answers = new ArrayList<>();
                for (int i = 0; i < inFlight; i++) {
                    answers.add(requests.submit(() -> {
                        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                        connection.setConnectTimeout(10_000);
                        connection.setReadTimeout(60_000);
                        try (InputStream body = connection.getInputStream()) {
                            return body.readAllBytes();
                        }
                    }));
                }
                for (Future<byte[]> answer : answers) {
                    answer.get(90, TimeUnit.SECONDS);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String javaToolOptions() {
        Map<String, Object> environment = (Map<String, Object>) TemplateDocument.load(Path.of("../../template.yaml"))
                .globals("Function").get("Environment");
        return String.valueOf(((Map<String, Object>) environment.get("Variables")).get("JAVA_TOOL_OPTIONS"));
    }
}
