package com.wispbill.local.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on 127.0.0.1 that runs each exchange on its own virtual thread (long polls
 * and slow handlers never block other requests).
 */
final class LoopbackHttpServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK server's small response writes meet delayed ACKs on the client
        // side and many responses take an extra ~40 ms. Must be set before the first server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String name;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LoopbackHttpServer(String name, HttpServer server, ExecutorService executor) {
        this.name = name;
        this.server = server;
        this.executor = executor;
    }

    /** Binds now (so the port is known and reserved) but serves only after {@link #start}. */
    static LoopbackHttpServer bind(String name, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
            server.setExecutor(executor);
            return new LoopbackHttpServer(name, server, executor);
        } catch (BindException e) {
            throw new StackException("Cannot bind the " + name + " endpoint to 127.0.0.1:" + port + ": the port is in use", e);
        } catch (IOException e) {
            throw new StackException("Cannot bind the " + name + " endpoint to 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    void start(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** Reads a request body, refusing (with {@code null}) one longer than {@code limit} bytes. */
    static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                // Read the rest before answering 413: closing on a client still sending resets the connection,
                // and the client sees a reset instead of the answer (as it never does from API Gateway).
                in.skip(DRAIN_LIMIT);
                return null;
            }
            return body;
        }
    }

    /** How much of an oversized body is read and dropped so its sender gets the 413 (test payloads are far smaller). */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    /** Writes a complete response; HEAD and bodiless statuses get no body, as HTTP requires. */
    static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body == null || body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
                || status == 204 || status == 304 || status < 200;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public String toString() {
        return name + " " + baseUrl();
    }
}
