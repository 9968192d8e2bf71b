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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sharded index reads keep {@link DynamoSupport#SHARD_QUERIES_IN_FLIGHT} requests in flight; the JDK's HTTP
 * client under the SDK's URL-connection client keeps only {@code http.maxConnections} idle connections per host
 * (5 unless set). The functions' JVM options (template.yaml) set enough for a round's connections to serve the
 * next round: a JVM started with them opens 8 connections for three rounds of 8 requests, not 8 + 3 + 3.
 */
class KeepAliveConnectionsTest {
    private static final Pattern MAX_CONNECTIONS = Pattern.compile("-Dhttp\\.maxConnections=(\\d+)");

    @Test
    void theFunctionsKeepARoundOfShardQueriesAlive() {
        Matcher setting = MAX_CONNECTIONS.matcher(javaToolOptions());
        assertTrue(setting.find(), "template.yaml's JAVA_TOOL_OPTIONS sets no http.maxConnections: " + javaToolOptions());
        assertTrue(Integer.parseInt(setting.group(1)) >= DynamoSupport.SHARD_QUERIES_IN_FLIGHT,
                "http.maxConnections " + setting.group(1) + " < " + DynamoSupport.SHARD_QUERIES_IN_FLIGHT + " requests in flight");
    }

    @Test
    void aJvmWithTheFunctionsOptionsReusesEveryConnectionOfARound() throws Exception {
        List<String> properties = Arrays.stream(javaToolOptions().split(" ")).filter(o -> o.startsWith("-D")).toList();

        assertEquals(DynamoSupport.SHARD_QUERIES_IN_FLIGHT, connectionsForThreeRounds(properties));
        // Without the setting the same rounds open more: the check above would pass for nothing otherwise.
        assertTrue(connectionsForThreeRounds(List.of()) > DynamoSupport.SHARD_QUERIES_IN_FLIGHT);
    }

    /** Connections a fresh JVM with {@code properties} opens for three rounds of requests, each round all at once. */
    private static int connectionsForThreeRounds(List<String> properties) throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> answerEveryRequest(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(properties);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), KeepAliveConnectionsTest.class.getName(),
                    "http://127.0.0.1:" + server.getLocalPort() + "/", String.valueOf(DynamoSupport.SHARD_QUERIES_IN_FLIGHT)));
            Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS) && client.exitValue() == 0, output);
            acceptor.interrupt();
        }
        return accepted.get();
    }

    /** HTTP/1.1 keep-alive: answers each request on the connection after a short wait, so a round's requests overlap. */
    private static void answerEveryRequest(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    Thread.sleep(50);
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client closed the connection or the test ended.
        }
    }

    /** The child JVM: three rounds of {@code args[1]} GETs to {@code args[0]}, each round all at once. */
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int inFlight = Integer.parseInt(args[1]);
        for (int round = 0; round < 3; round++) {
            try (ExecutorService requests = Executors.newFixedThreadPool(inFlight)) {
                for (int i = 0; i < inFlight; i++) {
                    requests.submit(() -> {
                        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                        try (InputStream body = connection.getInputStream()) {
                            return body.readAllBytes();
                        }
                    });
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
