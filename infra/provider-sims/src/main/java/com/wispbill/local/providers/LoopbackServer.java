package com.wispbill.local.providers;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** An HTTP server for a stand-in on a loopback port, served by daemon threads named {@code threadName}. */
final class LoopbackServer {
    private LoopbackServer() {
    }

    /** On an ephemeral port. */
    static HttpServer start(String threadName, HttpHandler handler) {
        return start(threadName, 0, handler);
    }

    /** On {@code port} (0: an ephemeral one). */
    static HttpServer start(String threadName, int port, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", handler);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + threadName + " stand-in on port " + port, e);
        }
    }
}
