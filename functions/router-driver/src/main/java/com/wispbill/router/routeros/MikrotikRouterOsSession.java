package com.wispbill.router.routeros;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import me.legrange.mikrotik.ApiConnection;
import me.legrange.mikrotik.ApiConnectionException;
import me.legrange.mikrotik.MikrotikApiException;
import me.legrange.mikrotik.ResultListener;
import me.legrange.mikrotik.impl.ApiCommandException;

/**
 * A {@link RouterOsSession} over mikrotik-java 3.0.8, used without modification.
 *
 * <p>Commands go through the client's asynchronous {@code execute(String, ResultListener)}, and this
 * session waits for the answer itself with its own timeout. That way it can fail a waiting command the
 * moment the connection breaks (the client's synchronous wait notices nothing and runs into its
 * timeout), and it reads the trap category and the {@code =ret=} of {@code !done} straight off the wire
 * through the {@link ApiReplyFilterInputStream} observer (the client reports neither for asynchronous
 * commands, and reports a missing category as 0).
 *
 * <p>Login uses the client's {@code login}, which sends {@code /login =name= =password=} (RouterOS
 * 6.43+) and answers a {@code =ret=} challenge with the MD5 response (older versions).
 */
final class MikrotikRouterOsSession implements RouterOsSession {
    private final RouterOsEndpoint endpoint;
    private final RouterOsClientSettings settings;
    private final WireMonitor monitor = new WireMonitor();
    private final Set<PendingReply> pending = ConcurrentHashMap.newKeySet();
    /** {@code =ret=} of each {@code !done}, by tag, recorded before the client processes the reply. */
    private final Map<String, String> returnValues = new ConcurrentHashMap<>();
    /** Message and category of each {@code !trap}, by tag. */
    private final Map<String, Trap> traps = new ConcurrentHashMap<>();
    private final Object loginLock = new Object();
    private Thread loginThread;
    private boolean loginInterrupted;

    private ApiConnection api;
    /** Why the connection can no longer be used; null while it can. */
    private volatile String brokenReason;
    private volatile boolean closed;

    private MikrotikRouterOsSession(RouterOsEndpoint endpoint, RouterOsClientSettings settings) {
        this.endpoint = endpoint;
        this.settings = settings;
    }

    /** Connects to {@code endpoint} and logs in; see {@link RouterOsConnector#open}. */
    static MikrotikRouterOsSession open(RouterOsEndpoint endpoint, RouterOsCredentials credentials,
                                        RouterOsClientSettings settings) throws RouterOsException {
        MikrotikRouterOsSession session = new MikrotikRouterOsSession(endpoint, settings);
        session.connect();
        try {
            session.login(credentials);
            return session;
        } catch (RouterOsException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public String routerId() {
        return endpoint.routerId();
    }

    @Override
    public boolean isUsable() {
        return !closed && brokenReason == null;
    }

    @Override
    public List<Map<String, String>> execute(RouterOsCommand command) throws RouterOsException {
        if (closed) {
            throw new IllegalStateException("the session to " + endpoint.describe() + " is closed");
        }
        String line = MikrotikCommandLine.render(command);
        String context = endpoint.describe() + ", " + command.path();
        throwIfBroken(context);
        PendingReply reply = new PendingReply();
        pending.add(reply);
        try {
            // A break between the check above and registering would not fail this reply: check again.
            throwIfBroken(context);
            String tag = send(line, reply, context);
            await(reply, context);
            return result(tag, reply, context);
        } finally {
            pending.remove(reply);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connectionBroken("the session was closed");
        if (api != null) {
            try {
                api.close();
            } catch (ApiConnectionException alreadyClosed) {
                // The client refuses to close twice; the socket is closed either way.
            }
        }
    }

    private void connect() throws RouterOsException {
        SSLSocketFactory tls = null;
        boolean verifyHostname = false;
        if (endpoint.transport() instanceof RouterOsTransport.Tls settingsTls) {
            tls = sslSocketFactory(settingsTls);
            verifyHostname = settingsTls.verifyHostname();
        }
        ApiSocketFactory sockets = new ApiSocketFactory(tls, endpoint.host(), verifyHostname,
                settings.connectTimeoutMillis(), monitor);
        try {
            api = ApiConnection.connect(sockets, endpoint.host(), endpoint.port(), settings.connectTimeoutMillis());
        } catch (MikrotikApiException e) {
            throw connectFailure(e);
        }
    }

    private RouterOsException connectFailure(MikrotikApiException e) {
        String where = endpoint.describe();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return new RouterOsTlsException(where + ": TLS handshake failed: " + cause.getMessage()
                        + " (api-ssl needs a certificate on the router signed by the CA in the router's record)", e);
            }
            if (cause instanceof SocketTimeoutException) {
                return new RouterUnreachableException(where + ": no answer within "
                        + settings.connectTimeout().toMillis() + " ms (connect timeout)", e);
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return new RouterUnreachableException(where + ": " + cause.getMessage(), e);
            }
            if (cause instanceof UnknownHostException) {
                return new RouterUnreachableException(where + ": unknown host", e);
            }
        }
        return new RouterUnreachableException(where + ": cannot connect: " + e.getMessage(), e);
    }

    private static SSLSocketFactory sslSocketFactory(RouterOsTransport.Tls tls) throws RouterOsException {
        try {
            if (tls.trustedCertificates().isEmpty()) {
                return SSLContext.getDefault().getSocketFactory();
            }
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int index = 0;
            for (X509Certificate certificate : tls.trustedCertificates()) {
                anchors.setCertificateEntry("router-anchor-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new RouterOsTlsException("cannot set up TLS with the router's CA certificate: " + e.getMessage(), e);
        }
    }

    private void login(RouterOsCredentials credentials) throws RouterOsException {
        String context = endpoint.describe() + ", login of API user '" + credentials.username() + "'";
        try {
            api.setTimeout(settings.commandTimeoutMillis());
            synchronized (loginLock) {
                loginThread = Thread.currentThread();
            }
            try {
                // The connection may have broken before this thread could be interrupted for it.
                throwIfBrokenDuringLogin(context);
                api.login(credentials.username(), credentials.password());
                // ... or after the login's answer, but before this thread stopped being interruptible.
                throwIfBrokenDuringLogin(context);
            } finally {
                synchronized (loginLock) {
                    loginThread = null;
                    if (loginInterrupted) {
                        // Our own interrupt (connection lost); do not leak it to the caller.
                        Thread.interrupted();
                    }
                }
            }
        } catch (MikrotikApiException e) {
            throw loginFailure(e, context);
        } finally {
            // Replies to the login's own commands (the pre-6.43 challenge) are not ours to return.
            returnValues.clear();
            traps.clear();
        }
    }

    private void throwIfBrokenDuringLogin(String context) throws RouterUnreachableException {
        String broken = brokenReason;
        if (broken != null) {
            throw new RouterUnreachableException(context + ": the connection broke during login: " + broken);
        }
    }

    private RouterOsException loginFailure(MikrotikApiException e, String context) {
        String broken = brokenReason;
        if (broken != null) {
            return new RouterUnreachableException(context + ": the connection broke during login: " + broken, e);
        }
        // The client's synchronous wait wraps what ended it: a trap, or its own timeout.
        if (e.getCause() instanceof ApiCommandException trap) {
            return new RouterOsAuthException(context + ": the router refused the login: " + trap.getMessage());
        }
        if (e.getCause() instanceof ApiConnectionException) {
            connectionBroken("the login timed out");
            return new RouterOsTimeoutException(context + ": no answer within "
                    + settings.commandTimeout().toMillis() + " ms");
        }
        connectionBroken("the login could not be sent");
        return new RouterUnreachableException(context + ": " + e.getMessage(), e);
    }

    private String send(String line, PendingReply reply, String context) throws RouterOsException {
        try {
            return api.execute(line, reply);
        } catch (ApiConnectionException e) {
            connectionBroken("sending a command failed: " + e.getMessage());
            throw new RouterUnreachableException(context + ": sending failed: " + e.getMessage(), e);
        } catch (MikrotikApiException e) {
            // MikrotikCommandLine only renders lines the client's parser accepts: this is a bug here.
            throw new IllegalStateException(context + ": mikrotik-java could not parse the command line: "
                    + e.getMessage(), e);
        }
    }

    private void await(PendingReply reply, String context) throws RouterOsException {
        try {
            reply.completion.get(settings.commandTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A late answer may still arrive; the session is not used again.
            connectionBroken("a command timed out");
            throw new RouterOsTimeoutException(context + ": no complete answer within "
                    + settings.commandTimeout().toMillis() + " ms; the command may or may not have been applied");
        } catch (ExecutionException e) {
            throw new RouterUnreachableException(context + ": " + e.getCause().getMessage()
                    + "; the command may or may not have been applied", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connectionBroken("interrupted while waiting for an answer");
            throw new RouterUnreachableException(context + ": interrupted while waiting for the answer; "
                    + "the command may or may not have been applied", e);
        }
    }

    private List<Map<String, String>> result(String tag, PendingReply reply, String context)
            throws RouterOsTrapException {
        String returnValue = returnValues.remove(tag);
        Trap trap = traps.remove(tag);
        if (trap != null || reply.trapped) {
            throw trap != null
                    ? new RouterOsTrapException(context, trap.message(), trap.category())
                    : new RouterOsTrapException(context, reply.trapMessage, TrapCategory.NONE);
        }
        List<Map<String, String>> rows = new ArrayList<>(reply.rows);
        if (returnValue != null) {
            rows.add(Map.of("ret", returnValue));
        }
        return Collections.unmodifiableList(rows);
    }

    private void throwIfBroken(String context) throws RouterUnreachableException {
        String broken = brokenReason;
        if (broken != null) {
            throw new RouterUnreachableException(context + ": the connection is no longer usable: " + broken);
        }
    }

    /** Records the first reason the connection broke and fails everything waiting on it. */
    private void connectionBroken(String reason) {
        synchronized (this) {
            if (brokenReason != null) {
                return;
            }
            brokenReason = reason;
        }
        for (PendingReply reply : pending) {
            reply.completion.completeExceptionally(new IOException(reason));
        }
        synchronized (loginLock) {
            if (loginThread != null) {
                loginInterrupted = true;
                loginThread.interrupt();
            }
        }
    }

    private record Trap(String message, TrapCategory category) {
    }

    /** Sees the router's sentences before the client does (on the client's reader thread). */
    private final class WireMonitor implements ApiReplyFilterInputStream.Observer {
        @Override
        public void sentenceReceived(ApiSentence sentence) {
            String tag = sentence.tag();
            switch (sentence.type()) {
                case "!done" -> {
                    String ret = sentence.attribute("ret");
                    if (tag != null && ret != null) {
                        returnValues.put(tag, ret);
                    }
                }
                case "!trap" -> {
                    if (tag != null) {
                        String message = sentence.attribute("message");
                        traps.putIfAbsent(tag, new Trap(message == null ? "(no message)" : message,
                                TrapCategory.fromAttribute(sentence.attribute("category"))));
                    }
                }
                case "!fatal" -> connectionBroken("the router ended the API session: " + sentence.fatalMessage());
                default -> {
                    // !re goes to the client; !empty needs nothing (its !done follows).
                }
            }
        }

        @Override
        public void streamFailed(IOException cause) {
            connectionBroken(cause instanceof EOFException
                    ? cause.getMessage()
                    : "reading from the router failed: " + cause.getMessage());
        }
    }

    /** Collects one command's answer from the client's processor thread. */
    private static final class PendingReply implements ResultListener {
        final CompletableFuture<Void> completion = new CompletableFuture<>();
        final List<Map<String, String>> rows = Collections.synchronizedList(new ArrayList<>());
        volatile boolean trapped;
        volatile String trapMessage = "(no message)";

        @Override
        public void receive(Map<String, String> row) {
            rows.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }

        @Override
        public void error(MikrotikApiException e) {
            trapMessage = e.getMessage();
            trapped = true;
        }

        @Override
        public void completed() {
            completion.complete(null);
        }
    }
}
