package com.wispbill.router.routeros;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback API server whose answers a test scripts byte by byte, for what the simulator does not do:
 * split sentences across TCP segments, odd reply types, line breaks in values. Logins with the
 * configured password succeed ({@code /login =name= =password=}); every other command goes to the
 * test's {@link Script}, which answers through a {@link Replies}.
 */
final class ScriptedApiServer implements AutoCloseable {

    /** Answers one command. */
    @FunctionalInterface
    interface Script {
        void answer(ApiSentence command, Replies replies) throws IOException;
    }

    /** Writes answers to one command; {@link #tag()} is the command's tag. */
    static final class Replies {
        private final OutputStream out;
        private final Socket socket;
        private final String tag;

        Replies(OutputStream out, Socket socket, String tag) {
            this.out = out;
            this.socket = socket;
            this.tag = tag;
        }

        String tag() {
            return tag;
        }

        /** Sends a sentence with this command's {@code .tag} appended. */
        void send(String... words) throws IOException {
            List<String> tagged = new ArrayList<>(List.of(words));
            if (tag != null) {
                tagged.add(".tag=" + tag);
            }
            sendBytes(ApiWordCodec.encode(new ApiSentence(tagged)), Integer.MAX_VALUE);
        }

        /** Sends raw bytes, flushing after every {@code chunk} bytes. */
        void sendBytes(byte[] bytes, int chunk) throws IOException {
            for (int offset = 0; offset < bytes.length; offset += chunk) {
                out.write(bytes, offset, Math.min(chunk, bytes.length - offset));
                out.flush();
            }
        }

        /** Closes the connection, as a router that goes away. */
        void disconnect() throws IOException {
            socket.close();
        }
    }

    private final ServerSocket server;
    private final String password;
    private final Script script;
    private final List<ApiSentence> commands = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closeRightAfterAccept;

    ScriptedApiServer(String password, Script script) throws IOException {
        this.password = password;
        this.script = script;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.add(Thread.ofPlatform().daemon().name("scripted-api-accept").start(this::acceptLoop));
    }

    /** Every command received after login (login itself excluded), in order. */
    List<ApiSentence> commands() {
        return commands;
    }

    /** Connections are closed as soon as they are accepted, before anything is read. */
    void closeConnectionsRightAfterAccept() {
        closeRightAfterAccept = true;
    }

    RouterOsEndpoint endpoint() {
        return new RouterOsEndpoint("rtr-scripted", "127.0.0.1", server.getLocalPort(), RouterOsTransport.plainText());
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                if (closeRightAfterAccept) {
                    socket.close();
                    continue;
                }
                threads.add(Thread.ofPlatform().daemon().name("scripted-api-conn").start(() -> serve(socket)));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ApiWordCodec.Decoder decoder = new ApiWordCodec.Decoder();
            List<ApiSentence> received = new ArrayList<>();
            byte[] buffer = new byte[4096];
            int count;
            while ((count = in.read(buffer)) >= 0) {
                decoder.feed(buffer, 0, count, received::add);
                for (ApiSentence sentence : received) {
                    Replies replies = new Replies(out, socket, sentence.tag());
                    if (sentence.type().equals("/login")) {
                        if (password.equals(sentence.attribute("password"))) {
                            replies.send("!done");
                        } else {
                            replies.send("!trap", "=message=invalid user name or password (6)");
                            replies.send("!done");
                        }
                    } else {
                        commands.add(sentence);
                        script.answer(sentence, replies);
                    }
                }
                received.clear();
            }
        } catch (IOException e) {
            // Connection closed by the client or by a script.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
