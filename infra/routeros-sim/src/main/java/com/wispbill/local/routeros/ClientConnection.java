package com.wispbill.local.routeros;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One API connection. The connection's thread reads sentences and applies each command to the router
 * state in arrival order, so pipelined commands take effect in the order they were sent. Each
 * command's replies are then written by a reply stream of their own, which is what lets replies to
 * differently tagged commands interleave (a held or slow print does not delay a later add) and lets
 * {@code /cancel} interrupt a command that is still answering. Replies of untagged commands keep
 * their order: an untagged stream starts after the previous untagged one has finished, since a client
 * could not tell them apart otherwise.
 *
 * <p>Sentences are written whole under one lock; a stream that has been cancelled writes nothing more.
 */
final class ClientConnection {
    /** Before login RouterOS limits what a client may send; this keeps an unauthenticated peer from making us allocate. */
    static final int MAX_WORD_LENGTH_BEFORE_LOGIN = 64 * 1024;
    static final String SIMULATED_FATAL = "simulated fatal error";

    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final RouterOsSimulator simulator;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<ReplyStream> running = ConcurrentHashMap.newKeySet();

    // Only touched by the connection's reading thread.
    private boolean loggedIn;
    private boolean acceptingCommands = true;
    private byte[] pendingChallenge;
    private CompletableFuture<Void> lastUntagged = CompletableFuture.completedFuture(null);

    ClientConnection(RouterOsSimulator simulator, Socket socket) throws IOException {
        this.simulator = simulator;
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Reads and handles sentences until the peer or the simulator closes the connection. */
    void serve() {
        try {
            while (!closed.get()) {
                int limit = loggedIn ? simulator.maxWordLength() : MAX_WORD_LENGTH_BEFORE_LOGIN;
                List<String> words = ApiWireFormat.readSentence(in, limit);
                if (words.isEmpty() || !acceptingCommands) {
                    continue; // RouterOS ignores empty sentences; after a !fatal nothing more is answered
                }
                handle(ApiRequest.parse(words));
            }
        } catch (ApiProtocolException e) {
            fatal(e.getMessage());
        } catch (IOException e) {
            // The peer went away or the socket was closed under us: nothing to answer.
        } catch (RuntimeException e) {
            // A simulator bug: make it visible to the test (a !fatal it did not expect) and in the log.
            LOG.log(System.Logger.Level.ERROR, "simulator failed handling a command", e);
            fatal("simulator error: " + e);
        } finally {
            close();
        }
    }

    private void handle(ApiRequest request) {
        String command = request.command();
        if (command.equals("/quit")) {
            acceptingCommands = false;
            start(new ReplyStream(request.tag(), List.of(), null, command, "session terminated on request"));
        } else if (command.equals("/login")) {
            handleCommand(request, true);
        } else if (!loggedIn) {
            start(request, CommandResult.trap(new ApiTrap("not logged in")).sentences(), null);
        } else if (command.equals("/cancel")) {
            cancel(request);
        } else {
            handleCommand(request, false);
        }
    }

    private void handleCommand(ApiRequest request, boolean login) {
        String command = request.command();
        if (!login) {
            simulator.stats().received(command);
        }
        CommandFault fault = simulator.faults().takeFault(command);
        if (fault == CommandFault.FATAL_BEFORE_APPLY) {
            acceptingCommands = false;
            start(new ReplyStream(request.tag(), List.of(), null, command, SIMULATED_FATAL));
            return;
        }
        CommandResult result = login ? login(request) : simulator.state().execute(request, simulator.version());
        if (!login && result.succeeded()) {
            simulator.stats().applied(command);
        }
        if (fault == CommandFault.APPLY_THEN_DISCONNECT || fault == CommandFault.FATAL_MID_REPLY) {
            acceptingCommands = false;
        }
        start(request, result.sentences(), fault);
    }

    // ---------------------------------------------------------------- login

    /**
     * {@code /login}. From 6.43 a name and password log in directly. Before 6.45.1 a bare
     * {@code /login} (before 6.43 any {@code /login}: those versions ignore a name and password) answers
     * a challenge, and {@code /login =name= =response=00<md5(0x00 + password + challenge)>} logs in.
     */
    private CommandResult login(ApiRequest request) {
        String name = request.attributes().get("name");
        String response = request.attributes().get("response");
        RouterOsVersion version = simulator.version();
        String failure = version.supportsPasswordLogin() ? "invalid user name or password (6)" : "cannot log in";
        if (name != null && response != null) {
            byte[] challenge = pendingChallenge;
            pendingChallenge = null;
            boolean valid = version.supportsChallengeLogin() && challenge != null
                && name.equals(simulator.username())
                && response.equalsIgnoreCase(challengeResponse(simulator.password(), challenge));
            return loginOutcome(valid, failure);
        }
        if (name != null && version.supportsPasswordLogin()) {
            String password = request.attributes().getOrDefault("password", "");
            boolean valid = name.equals(simulator.username()) && password.equals(simulator.password());
            return loginOutcome(valid, failure);
        }
        if (!version.supportsChallengeLogin()) {
            return loginOutcome(false, failure);
        }
        pendingChallenge = new byte[16];
        RANDOM.nextBytes(pendingChallenge);
        return CommandResult.doneWithRet(HEX.formatHex(pendingChallenge));
    }

    private CommandResult loginOutcome(boolean credentialsValid, String failureMessage) {
        boolean succeeded = credentialsValid && !simulator.faults().rejectingLogins();
        simulator.stats().login(succeeded);
        if (succeeded) {
            loggedIn = true;
            return CommandResult.done();
        }
        return CommandResult.trap(new ApiTrap(failureMessage));
    }

    /** {@code 00} followed by the hex MD5 of a zero byte, the password and the challenge. */
    static String challengeResponse(String password, byte[] challenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) 0);
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(challenge);
            return "00" + HEX.formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    // ---------------------------------------------------------------- cancel

    /**
     * {@code /cancel =tag=x} interrupts the command tagged x; without {@code =tag=} every running
     * command. Like the manual's example, each interrupted command gets {@code !trap =category=2
     * =message=interrupted}, then {@code /cancel} gets its {@code !done}, then each interrupted command
     * its {@code !done}. A command that has already sent its {@code !done} is not interrupted.
     */
    private void cancel(ApiRequest request) {
        String tag = request.attributes().get("tag");
        List<ReplyStream> interrupted = new ArrayList<>();
        synchronized (writeLock) {
            for (ReplyStream stream : running) {
                if (!stream.completed && (tag == null || tag.equals(stream.tag))) {
                    stream.cancelled = true;
                    interrupted.add(stream);
                }
            }
        }
        interrupted.forEach(ReplyStream::interrupt);
        List<List<String>> sentences = new ArrayList<>();
        for (ReplyStream stream : interrupted) {
            sentences.add(tagged(CommandResult.trapSentence(ApiTrap.CATEGORY_INTERRUPTED, "interrupted"), stream.tag));
        }
        sentences.add(tagged(List.of("!done"), request.tag()));
        for (ReplyStream stream : interrupted) {
            sentences.add(tagged(List.of("!done"), stream.tag));
        }
        start(new ReplyStream(request.tag(), sentences, null, request.command(), null));
    }

    // ---------------------------------------------------------------- replies

    private void start(ApiRequest request, List<List<String>> sentences, CommandFault fault) {
        List<List<String>> taggedSentences = new ArrayList<>(sentences.size());
        sentences.forEach(sentence -> taggedSentences.add(tagged(sentence, request.tag())));
        start(new ReplyStream(request.tag(), taggedSentences, fault, request.command(), null));
    }

    private void start(ReplyStream stream) {
        if (stream.tag == null) {
            stream.previous = lastUntagged;
            lastUntagged = stream.finished;
        }
        running.add(stream);
        try {
            simulator.executor().execute(stream);
        } catch (RejectedExecutionException e) {
            running.remove(stream);
            stream.finished.complete(null);
            close(); // the simulator is shutting down
        }
    }

    private static List<String> tagged(List<String> sentence, String tag) {
        if (tag == null) {
            return sentence;
        }
        List<String> words = new ArrayList<>(sentence.size() + 1);
        words.addAll(sentence);
        words.add(".tag=" + tag);
        return List.copyOf(words);
    }

    /** Writes one sentence unless the stream was cancelled or the connection closed; false if not written. */
    private boolean write(ReplyStream stream, List<String> sentence, boolean last) {
        synchronized (writeLock) {
            if (closed.get() || stream.cancelled) {
                return false;
            }
            try {
                ApiWireFormat.writeSentence(out, sentence);
                out.flush();
            } catch (IOException e) {
                close();
                return false;
            }
            if (last) {
                stream.completed = true;
            }
            return true;
        }
    }

    /** {@code !fatal} with its reason as a bare word, as RouterOS sends it, then close. */
    private void fatal(String reason) {
        synchronized (writeLock) {
            if (!closed.get()) {
                try {
                    ApiWireFormat.writeSentence(out, List.of("!fatal", reason));
                    out.flush();
                } catch (IOException e) {
                    // Closing anyway.
                }
            }
        }
        close();
    }

    /** Closes the socket and interrupts every reply stream; safe to call more than once, from any thread. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to do with a socket that will not close.
        }
        running.forEach(ReplyStream::interrupt);
        simulator.connectionClosed(this);
    }

    boolean isClosed() {
        return closed.get();
    }

    /** The replies of one command (or of a {@code /cancel}, or a {@code !fatal}), written on a thread of their own. */
    private final class ReplyStream implements Runnable {
        final String tag;
        final List<List<String>> sentences;
        final CommandFault fault;
        final Duration delay;
        final ReplyGate gate;
        /** Non-null: send {@code !fatal} with this reason (after the sentences) and close. */
        final String fatalReason;
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        volatile boolean cancelled;
        /** Set under the write lock once the final sentence is out; a completed command cannot be cancelled. */
        volatile boolean completed;
        private volatile Thread thread;

        ReplyStream(String tag, List<List<String>> sentences, CommandFault fault, String command, String fatalReason) {
            this.tag = tag;
            this.sentences = sentences;
            this.fault = fault;
            this.fatalReason = fault == CommandFault.FATAL_MID_REPLY ? SIMULATED_FATAL : fatalReason;
            this.delay = simulator.faults().replyDelayFor(command);
            this.gate = simulator.faults().gateFor(command);
            if (gate != null) {
                gate.hold();
            }
        }

        void interrupt() {
            cancelled = true;
            Thread current = thread;
            if (current != null) {
                current.interrupt();
            }
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                if (cancelled) {
                    return;
                }
                if (previous != null) {
                    previous.get();
                }
                if (gate != null) {
                    gate.awaitRelease();
                }
                send();
            } catch (InterruptedException e) {
                // Cancelled, or the connection is closing.
            } catch (ExecutionException e) {
                throw new IllegalStateException("reply streams complete normally", e);
            } finally {
                running.remove(this);
                finished.complete(null);
            }
        }

        private void send() throws InterruptedException {
            if (fault == CommandFault.APPLY_THEN_DISCONNECT) {
                pause();
                close();
                return;
            }
            if (fault == CommandFault.APPLY_THEN_SILENCE) {
                new CountDownLatch(1).await(); // until /cancel or close interrupts
                return;
            }
            int last = sentences.size() - 1;
            for (int i = 0; i <= last; i++) {
                if (fault == CommandFault.FATAL_MID_REPLY && (i > 0 || i == last)) {
                    break;
                }
                pause();
                if (!write(this, sentences.get(i), i == last)) {
                    return;
                }
            }
            if (fatalReason != null && !cancelled) {
                pause();
                fatal(fatalReason);
            }
        }

        private void pause() throws InterruptedException {
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
        }
    }
}
