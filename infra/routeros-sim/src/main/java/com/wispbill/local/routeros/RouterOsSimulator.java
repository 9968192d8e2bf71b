package com.wispbill.local.routeros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A simulated MikroTik router speaking the RouterOS API on 127.0.0.1: the plain API port (like 8728)
 * and optionally api-ssl (like 8729) with a certificate clients can verify.
 *
 * <pre>{@code
 * try (RouterOsSimulator router = RouterOsSimulator.builder()
 *         .version(RouterOsVersion.V6_49).credentials("api", "secret").tls(true).start()) {
 *     router.state().addHotspotUserProfile(Map.of("name", "1h", "rate-limit", "2M/5M"));
 *     // ... the code under test connects to router.host():router.port() ...
 *     assertEquals(1, router.stats().commandsApplied("/ip/hotspot/user/add"));
 * }
 * }</pre>
 *
 * <p>Every connection and every command's reply stream runs on a virtual thread of the simulator's
 * own; {@link #close()} closes the ports and all connections and waits for every one of those threads
 * to end.
 */
public final class RouterOsSimulator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RouterOsSimulator.class.getName());
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String username;
    private final String password;
    private final int requestedPort;
    private final boolean tlsEnabled;
    private final int requestedTlsPort;
    private final int maxWordLength;
    private final SimulatorTls tls;
    private final RouterState state;
    private final Faults faults;
    private final SimulatorStats stats = new SimulatorStats();
    private final ExecutorService executor;
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private volatile RouterOsVersion version;
    private ServerSocket plainServer;
    private ServerSocket tlsServer;
    private final List<Future<?>> acceptLoops = new ArrayList<>();
    private volatile int port = -1;
    private volatile int tlsPort = -1;
    private boolean started;
    private boolean closed;

    private RouterOsSimulator(Builder builder) {
        this.username = builder.username;
        this.password = builder.password;
        this.requestedPort = builder.port;
        this.tlsEnabled = builder.tls;
        this.requestedTlsPort = builder.tlsPort;
        this.maxWordLength = builder.maxWordLength;
        this.version = builder.version;
        this.tls = !builder.tls ? null
            : builder.keyStore == null ? SimulatorTls.bundled() : SimulatorTls.from(builder.keyStore, builder.keyStorePassword);
        this.state = new RouterState(builder.identity, builder.boardName, () -> this.version);
        this.faults = new Faults(this::setReachable);
        this.executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("routeros-sim-" + builder.identity + "-", 0).factory());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the API port (and the api-ssl port if enabled) on 127.0.0.1 and starts accepting. Ports
     * given as 0 are chosen by the system; {@link #port()} and {@link #tlsPort()} tell which.
     *
     * @return this simulator
     */
    public RouterOsSimulator start() throws IOException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("simulator is closed");
            }
            if (started) {
                throw new IllegalStateException("simulator is already started");
            }
            started = true;
            port = requestedPort;
            tlsPort = tlsEnabled ? requestedTlsPort : -1;
            if (!faults.refusingConnections()) {
                listen();
            }
            return this;
        }
    }

    private void listen() throws IOException {
        ServerSocket plain = bind(new ServerSocket(), port);
        ServerSocket secure = null;
        try {
            if (tlsEnabled) {
                secure = bind(tls.serverContext().getServerSocketFactory().createServerSocket(), tlsPort);
            }
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        plainServer = plain;
        port = plain.getLocalPort();
        acceptLoops.add(executor.submit(() -> acceptLoop(plain)));
        if (secure != null) {
            tlsServer = secure;
            tlsPort = secure.getLocalPort();
            ServerSocket tlsListener = secure;
            acceptLoops.add(executor.submit(() -> acceptLoop(tlsListener)));
        }
    }

    private static ServerSocket bind(ServerSocket server, int port) throws IOException {
        try {
            // Rebinding the same port after a simulated outage must not wait for TIME_WAIT to pass.
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(LOOPBACK, port), 50);
            return server;
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    private void acceptLoop(ServerSocket server) {
        while (true) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // the listener was closed: outage or shutdown
            }
            stats.connectionAccepted();
            try {
                ClientConnection connection = new ClientConnection(this, socket);
                connections.add(connection);
                executor.execute(connection::serve);
            } catch (IOException | RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    /** Faults' switch: stop listening and drop connections, or listen again on the same ports. */
    private void setReachable(boolean reachable) {
        synchronized (lifecycle) {
            if (!started || closed) {
                return;
            }
            if (reachable) {
                try {
                    listen();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot listen again on port " + port, e);
                }
            } else {
                stopListening();
                List.copyOf(connections).forEach(ClientConnection::close);
            }
        }
    }

    /**
     * Closes the listeners and waits for their accept loops to end: a socket closed while a thread is
     * blocked in accept() keeps its port until that thread has left, and listening again right after an
     * outage needs the port free.
     */
    private void stopListening() {
        closeQuietly(plainServer);
        closeQuietly(tlsServer);
        plainServer = null;
        tlsServer = null;
        for (Future<?> loop : acceptLoops) {
            try {
                loop.get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("accept loop did not stop", e);
            }
        }
        acceptLoops.clear();
    }

    /** Always {@code 127.0.0.1}: the simulator never listens on other interfaces. */
    public String host() {
        return LOOPBACK.getHostAddress();
    }

    /** The plain API port. */
    public int port() {
        requireStarted();
        return port;
    }

    /** The api-ssl port. */
    public int tlsPort() {
        requireStarted();
        if (!tlsEnabled) {
            throw new IllegalStateException("api-ssl is not enabled; use builder().tls(true)");
        }
        return tlsPort;
    }

    public boolean tlsEnabled() {
        return tlsEnabled;
    }

    public RouterOsVersion version() {
        return version;
    }

    /** Switches the version (login methods, {@code !empty}, reported version) for what happens next. */
    public void setVersion(RouterOsVersion newVersion) {
        this.version = Objects.requireNonNull(newVersion, "version");
    }

    /** The API user name logins must use. */
    public String username() {
        return username;
    }

    /** The API user's password. */
    public String password() {
        return password;
    }

    public RouterState state() {
        return state;
    }

    public Faults faults() {
        return faults;
    }

    public SimulatorStats stats() {
        return stats;
    }

    /** The api-ssl certificate (self-signed, for 127.0.0.1 and localhost unless the builder was given another). */
    public X509Certificate tlsCertificate() {
        return requireTls().certificate();
    }

    /** A client TLS context that trusts this router's certificate and nothing else. */
    public SSLContext clientSslContext() {
        return requireTls().clientContext();
    }

    /**
     * A socket factory for api-ssl clients (e.g. {@code ApiConnection.connect(factory, host, tlsPort,
     * timeout)}): trusts only this router's certificate and verifies that it names the host connected to.
     */
    public SSLSocketFactory clientSocketFactory() {
        return requireTls().verifyingSocketFactory();
    }

    /**
     * Adds a hotspot user directly, as an operator would in WinBox, behind the billing system's back
     * (not counted in {@link #stats()}).
     */
    public HotspotUser addHotspotUserBehindBillingsBack(String name, String userPassword, String profile) {
        return state.addHotspotUser(Map.of("name", name, "password", userPassword, "profile", profile));
    }

    /** Logs a hotspot user in from {@code ip} and {@code mac}; see {@link RouterState#loginHotspotUser}. */
    public HotspotSession login(String user, String ip, String mac) {
        return state.loginHotspotUser(user, ip, mac);
    }

    /** Moves the simulated clock; see {@link RouterState#advance}. */
    public void advance(Duration elapsed, long bytesInPerSecond, long bytesOutPerSecond) {
        state.advance(elapsed, bytesInPerSecond, bytesOutPerSecond);
    }

    /** Connections currently open. */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Closes both ports and every connection, and waits until every thread of the simulator has ended.
     *
     * @throws IllegalStateException if threads are still running after 10 seconds
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            stopListening();
        }
        List.copyOf(connections).forEach(ClientConnection::close);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("simulator threads did not stop within " + SHUTDOWN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(System.Logger.Level.WARNING, "interrupted while waiting for simulator threads to stop");
        }
    }

    /** True once {@link #close()} has returned and no simulator thread is left. */
    boolean threadsTerminated() {
        return executor.isTerminated();
    }

    ExecutorService executor() {
        return executor;
    }

    int maxWordLength() {
        return maxWordLength;
    }

    void connectionClosed(ClientConnection connection) {
        connections.remove(connection);
    }

    private void requireStarted() {
        synchronized (lifecycle) {
            if (!started) {
                throw new IllegalStateException("simulator is not started");
            }
        }
    }

    private SimulatorTls requireTls() {
        if (tls == null) {
            throw new IllegalStateException("api-ssl is not enabled; use builder().tls(true)");
        }
        return tls;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + closeable + " failed", e);
        }
    }

    /** Settings of a simulated router; every one has a default. */
    public static final class Builder {
        private String identity = "MikroTik";
        private String boardName = "hAP ac^2";
        private RouterOsVersion version = RouterOsVersion.V7_19;
        private String username = "admin";
        private String password = "";
        private int port;
        private boolean tls;
        private int tlsPort;
        private KeyStore keyStore;
        private char[] keyStorePassword;
        private int maxWordLength = 16 * 1024 * 1024;

        private Builder() {
        }

        /** {@code /system/identity} name; default {@code MikroTik}. Also names the simulator's threads. */
        public Builder identity(String value) {
            this.identity = requireText(value, "identity");
            return this;
        }

        /** {@code board-name} in {@code /system/resource}; default {@code hAP ac^2}. */
        public Builder boardName(String value) {
            this.boardName = requireText(value, "boardName");
            return this;
        }

        /** Default {@link RouterOsVersion#V7_19}. */
        public Builder version(RouterOsVersion value) {
            this.version = Objects.requireNonNull(value, "version");
            return this;
        }

        /** The API user; default {@code admin} with an empty password, RouterOS's factory login. */
        public Builder credentials(String user, String userPassword) {
            this.username = requireText(user, "user");
            this.password = Objects.requireNonNull(userPassword, "password");
            return this;
        }

        /** Plain API port; default 0, an ephemeral port. */
        public Builder port(int value) {
            this.port = requirePort(value);
            return this;
        }

        /** Enables api-ssl on an ephemeral port. */
        public Builder tls(boolean enabled) {
            this.tls = enabled;
            return this;
        }

        /** Enables api-ssl on this port (0: ephemeral). */
        public Builder tlsPort(int value) {
            this.tlsPort = requirePort(value);
            this.tls = true;
            return this;
        }

        /** Serves this keystore's first key and certificate on api-ssl instead of the bundled one. */
        public Builder tlsKeyStore(KeyStore store, char[] storePassword) {
            this.keyStore = Objects.requireNonNull(store, "store");
            this.keyStorePassword = storePassword.clone();
            return this;
        }

        /** Longest word accepted after login (default 16 MiB); a longer one ends the connection with {@code !fatal}. */
        public Builder maxWordLength(int bytes) {
            if (bytes < 1024 || bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxWordLength out of range: " + bytes);
            }
            this.maxWordLength = bytes;
            return this;
        }

        public RouterOsSimulator build() {
            return new RouterOsSimulator(this);
        }

        /** {@link #build()} and {@link RouterOsSimulator#start()}. */
        public RouterOsSimulator start() throws IOException {
            RouterOsSimulator simulator = build();
            try {
                return simulator.start();
            } catch (IOException | RuntimeException e) {
                simulator.close();
                throw e;
            }
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " cannot be empty");
            }
            return value;
        }

        private static int requirePort(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("not a port: " + value);
            }
            return value;
        }
    }
}
