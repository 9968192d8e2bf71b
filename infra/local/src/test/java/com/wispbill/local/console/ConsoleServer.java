package com.wispbill.local.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The console as a browser gets it, for the browser tests: the built files from the classpath
 * ({@code console/index.html}, {@code app.js}, {@code app.css}), a {@code config.js} naming this server
 * as the API base, and {@code /v1/*} passed on to the local run's HTTP API, so the page and the API
 * share one origin (the local HTTP API sends no CORS headers).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");
    /** Request headers the console sends that the API reads. */
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key");
    /** Answer headers the console reads. */
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Retry-After", "X-Next-Cursor",
            "Content-Disposition", "Cache-Control", "Allow", "Location");

    private final HttpServer server;
    private final URI api;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConsoleServer(URI api) throws IOException {
        this.api = api;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "console-test-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::serve);
        server.start();
    }

    /** Serves the console and passes {@code /v1/*} to {@code api} ({@code http://127.0.0.1:<port>}). */
    public static ConsoleServer start(URI api) throws IOException {
        return new ConsoleServer(api);
    }

    /** Where the browser opens the console: {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/v1/")) {
                passOn(exchange);
            } else if (path.equals("/config.js")) {
                String base = baseUri().toString().replaceAll("/$", "");
                send(exchange, 200, "text/javascript; charset=utf-8",
                        ("window.WISPBILL_CONSOLE = {apiBaseUrl: \"" + base + "\"};\n").getBytes(StandardCharsets.UTF_8));
            } else {
                String name = path.equals("/") ? "index.html" : path.substring(1);
                byte[] file = name.matches("[a-z.]+") ? resource("console/" + name) : null;
                if (file == null) {
                    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 200, TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream"), file);
                }
            }
        }
    }

    private void passOn(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : REQUEST_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted passing on " + exchange.getRequestURI(), e);
        }
        for (String header : RESPONSE_HEADERS) {
            answer.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().set(header, v));
        }
        byte[] bytes = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
