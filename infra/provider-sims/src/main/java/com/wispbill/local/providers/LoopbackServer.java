package com.wispbill.local.providers;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** An HTTP server for a stand-in on an ephemeral loopback port, served by daemon threads named {@code threadName}. */
final class LoopbackServer {
    private LoopbackServer() {
    }

    static HttpServer start(String threadName, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", handler);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + threadName + " stand-in", e);
        }
    }
}
