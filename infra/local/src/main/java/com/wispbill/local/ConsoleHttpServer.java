package com.wispbill.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reseller console as {@code ./dev run} serves it, standing in for its CloudFront distribution:
 * the built files from the classpath (the console module's output, under {@code console/}), a
 * generated {@code config.js} naming this run's HTTP API, and on every answer the security headers
 * the template's response headers policy adds (its Content-Security-Policy resolved for this run),
 * so that what the browser refuses on AWS it refuses here too. Nothing is cached: a rebuilt console
 * shows on reload.
 */
final class ConsoleHttpServer implements AutoCloseable {

    /** Where the console module's build puts the files on the classpath. */
    static final String CLASSPATH_ROOT = "console/";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "woff2", "font/woff2", "map", "application/json");

    private final HttpServer server;
    private final ExecutorService executor;
    private final ClassLoader classes;
    private final String root;
    private final byte[] config;
    private final Map<String, String> securityHeaders;

    private ConsoleHttpServer(HttpServer server, ExecutorService executor, ClassLoader classes, String root, String apiBaseUrl,
                              Map<String, String> securityHeaders) {
        this.server = server;
        this.executor = executor;
        this.classes = classes;
        this.root = root;
        this.config = configJs(apiBaseUrl).getBytes(StandardCharsets.UTF_8);
        this.securityHeaders = Map.copyOf(securityHeaders);
    }

    /**
     * Serves the files under {@code root} of {@code classes} on 127.0.0.1:{@code port} (0: any free
     * port), with {@code config.js} pointing the console at {@code apiBaseUrl}.
     */
    static ConsoleHttpServer start(int port, ClassLoader classes, String root, String apiBaseUrl, Map<String, String> securityHeaders)
            throws IOException {
        if (classes.getResource(root + "index.html") == null) {
            throw new IllegalStateException("The console is not built: no " + root + "index.html on the classpath (module console)");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "wispbill-console-http");
            thread.setDaemon(true);
            return thread;
        });
        ConsoleHttpServer console = new ConsoleHttpServer(server, executor, classes, root, apiBaseUrl, securityHeaders);
        server.createContext("/", console::handle);
        server.setExecutor(executor);
        server.start();
        return console;
    }

    /** What the console reads before it starts (the deploy step writes the same for AWS). */
    static String configJs(String apiBaseUrl) {
        return "window.WISPBILL_CONSOLE = {apiBaseUrl: \"" + apiBaseUrl.replace("\\", "\\\\").replace("\"", "\\\"") + "\"};\n";
    }

    /** {@code http://127.0.0.1:PORT}: the console's origin, which the HTTP API's CORS allows. */
    String origin() {
        return "http://127.0.0.1:" + port();
    }

    URI baseUri() {
        return URI.create(origin() + "/");
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            securityHeaders.forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed".getBytes(StandardCharsets.UTF_8));
                return;
            }
            // Hash routing: every page is index.html, so only the files themselves are ever asked for.
            String path = exchange.getRequestURI().getPath();
            String name = path.equals("/") ? "index.html" : path.substring(1);
            if (name.equals("config.js")) {
                send(exchange, 200, CONTENT_TYPES.get("js"), config);
                return;
            }
            // Files only: a class loader answers a directory of the classpath with a listing of it.
            boolean isFileName = !name.contains("..") && !name.contains("//") && name.substring(name.lastIndexOf('/') + 1).contains(".");
            byte[] file = isFileName ? read(root + name) : null;
            if (file == null) {
                send(exchange, 404, "text/plain; charset=utf-8", ("not found: " + path).getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, contentType(name), file);
        }
    }

    private byte[] read(String resource) throws IOException {
        try (InputStream in = classes.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
