package com.wispbill.router.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import me.legrange.mikrotik.ApiConnection;
import me.legrange.mikrotik.MikrotikApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session against a scripted server: wire-level cases the simulator does not produce. */
class MikrotikRouterOsSessionTest {
    private static final RouterOsCredentials CREDENTIALS = new RouterOsCredentials("billing", "api-secret");
    /** Long enough that a test finishing well within the preemptive limit proves nobody waited for it. */
    private static final RouterOsClientSettings PATIENT =
            new RouterOsClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(60));
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private ScriptedApiServer server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mikrotikJavaAloneHangsOnEmpty() throws Exception {
        // The bug the reply filter exists for: without it, a print without rows on RouterOS 7.18+ never
        // completes; the client waits for its timeout (and its processor thread spins on the reply).
        server = new ScriptedApiServer("api-secret", (command, replies) -> {
            replies.send("!empty");
            replies.send("!done");
        });
        ApiConnection raw = ApiConnection.connect(SocketFactory.getDefault(), "127.0.0.1", server.port(), 5000);
        try {
            raw.login("billing", "api-secret");
            raw.setTimeout(1000);
            MikrotikApiException e = assertThrows(MikrotikApiException.class,
                    () -> raw.execute("/ip/hotspot/user/print"));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        } finally {
            raw.close();
        }
    }

    @Test
    void printWithoutRowsReturnsEmptyListWhenEmptyArrivesInPieces() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> {
            byte[] empty = ApiWordCodec.encode(ApiSentence.of("!empty", ".tag=" + replies.tag()));
            replies.sendBytes(empty, 1);
            replies.send("!done");
        });
        try (RouterOsSession session = open(PATIENT)) {
            List<Map<String, String>> rows = assertTimeoutPreemptively(GENEROUS,
                    () -> session.execute(RouterOsCommand.of("/ip/hotspot/active/print")));
            assertEquals(List.of(), rows);
            assertTrue(session.isUsable());
        }
    }

    @Test
    void rowsAndReturnValueComeBack() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> {
            if (command.type().endsWith("/add")) {
                replies.send("!done", "=ret=*1A");
            } else {
                replies.send("!re", "=.id=*1", "=name=alpha", "=comment=two\nlines");
                replies.send("!re", "=.id=*2", "=name=beta");
                replies.send("!done");
            }
        });
        try (RouterOsSession session = open(PATIENT)) {
            assertEquals(List.of(Map.of(".id", "*1", "name", "alpha", "comment", "two lines"),
                            Map.of(".id", "*2", "name", "beta")),
                    session.execute(RouterOsCommand.of("/ppp/secret/print")));
            assertEquals(List.of(Map.of("ret", "*1A")),
                    session.execute(RouterOsCommand.builder("/ppp/secret/add").attribute("name", "x").build()));
        }
    }

    @Test
    void valuesReachTheRouterExactly() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> replies.send("!done"));
        String password = "p a=s's where \"x\"".replace("\"x\"", "x");
        try (RouterOsSession session = open(PATIENT)) {
            session.execute(RouterOsCommand.builder("/ip/hotspot/user/add")
                    .sensitiveAttribute("name", "K7M2Q9XR4T")
                    .sensitiveAttribute("password", password)
                    .attribute("comment", "say \"hi\" = and/or, where")
                    .attribute("limit-uptime", "1h")
                    .attribute("profile", "")
                    .build());
            session.execute(RouterOsCommand.builder("/ip/hotspot/user/print")
                    .properties(".id", "name").where("name", "a b").where("profile", "or").build());
        }
        ApiSentence add = server.commands().get(0);
        assertEquals("/ip/hotspot/user/add", add.type());
        assertEquals("K7M2Q9XR4T", add.attribute("name"));
        assertEquals(password, add.attribute("password"));
        assertEquals("say \"hi\" = and/or, where", add.attribute("comment"));
        assertEquals("1h", add.attribute("limit-uptime"));
        assertEquals("", add.attribute("profile"));
        ApiSentence print = server.commands().get(1);
        assertEquals(".id,name", print.attribute(".proplist"));
        assertTrue(print.words().containsAll(List.of("?name=a b", "?profile=or", "?#&")), print.words().toString());
    }

    @Test
    void untransmittableValuesAreRejectedBeforeAnythingIsSent() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> replies.send("!done"));
        try (RouterOsSession session = open(PATIENT)) {
            IllegalArgumentException bothQuotes = assertThrows(IllegalArgumentException.class,
                    () -> session.execute(RouterOsCommand.builder("/ppp/secret/add")
                            .sensitiveAttribute("password", "it's \"x\"").build()));
            assertEquals("value of 'password' for /ppp/secret/add contains both ' and \", which the API client "
                    + "(mikrotik-java) cannot send", bothQuotes.getMessage());
            IllegalArgumentException lineBreak = assertThrows(IllegalArgumentException.class,
                    () -> session.execute(RouterOsCommand.builder("/ppp/secret/add")
                            .attribute("comment", "a\nb").build()));
            assertTrue(lineBreak.getMessage().contains("line break"), lineBreak.getMessage());
            assertTrue(session.isUsable());
        }
        assertEquals(List.of(), server.commands());
    }

    @Test
    void trapCarriesMessageAndCategoryAndTheSessionStaysUsable() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> {
            if (command.type().endsWith("/add")) {
                replies.send("!trap", "=category=1", "=message=input does not match any value of profile");
            }
            replies.send("!done");
        });
        try (RouterOsSession session = open(PATIENT)) {
            RouterOsTrapException trap = assertThrows(RouterOsTrapException.class,
                    () -> session.execute(RouterOsCommand.builder("/ip/hotspot/user/add").attribute("name", "a").build()));
            assertEquals("input does not match any value of profile", trap.trapMessage());
            assertEquals(TrapCategory.ARGUMENT_VALUE_FAILURE, trap.category());
            assertTrue(trap.getMessage().startsWith("router rtr-scripted (127.0.0.1:"), trap.getMessage());
            assertTrue(session.isUsable());
            assertEquals(List.of(), session.execute(RouterOsCommand.of("/ip/hotspot/user/print")));
        }
    }

    @Test
    void trapWithoutCategoryHasNone() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> {
            replies.send("!trap", "=message=no such item");
            replies.send("!done");
        });
        try (RouterOsSession session = open(PATIENT)) {
            RouterOsTrapException trap = assertThrows(RouterOsTrapException.class,
                    () -> session.execute(RouterOsCommand.builder("/ppp/secret/remove").attribute(".id", "*9").build()));
            assertEquals(TrapCategory.NONE, trap.category());
        }
    }

    @Test
    void fatalFailsTheWaitingCommandAtOnce() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> {
            replies.send("!fatal", "session terminated on request");
            replies.disconnect();
        });
        try (RouterOsSession session = open(PATIENT)) {
            RouterUnreachableException e = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(
                    RouterUnreachableException.class, () -> session.execute(RouterOsCommand.of("/system/resource/print"))));
            assertTrue(e.getMessage().contains("the router ended the API session: session terminated on request"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("may or may not have been applied"), e.getMessage());
            assertFalse(session.isUsable());
            RouterUnreachableException next = assertThrows(RouterUnreachableException.class,
                    () -> session.execute(RouterOsCommand.of("/system/resource/print")));
            assertTrue(next.getMessage().contains("no longer usable"), next.getMessage());
        }
    }

    @Test
    void connectionLostMidReplyFailsTheWaitingCommandAtOnce() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> {
            replies.send("!re", "=.id=*1", "=name=a");
            replies.disconnect();
        });
        try (RouterOsSession session = open(PATIENT)) {
            RouterUnreachableException e = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(
                    RouterUnreachableException.class, () -> session.execute(RouterOsCommand.of("/ppp/secret/print"))));
            assertTrue(e.getMessage().contains("the router closed the connection"), e.getMessage());
        }
    }

    @Test
    void silentRouterTimesOutAndTheSessionIsRetired() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> { });
        RouterOsClientSettings quick = new RouterOsClientSettings(Duration.ofSeconds(5), Duration.ofMillis(300));
        try (RouterOsSession session = open(quick)) {
            RouterOsTimeoutException e = assertThrows(RouterOsTimeoutException.class,
                    () -> session.execute(RouterOsCommand.builder("/ip/hotspot/user/add").attribute("name", "a").build()));
            assertTrue(e.getMessage().contains("/ip/hotspot/user/add: no complete answer within 300 ms"), e.getMessage());
            assertFalse(session.isUsable());
        }
    }

    @Test
    void wrongPasswordIsAnAuthErrorAndLeavesNoThreads() throws Exception {
        server = new ScriptedApiServer("other-password", (command, replies) -> replies.send("!done"));
        RouterOsAuthException e = assertThrows(RouterOsAuthException.class,
                () -> new MikrotikRouterOsConnector(PATIENT).open(server.endpoint(), CREDENTIALS));
        assertEquals("router rtr-scripted (127.0.0.1:" + server.port() + "), login of API user 'billing': "
                + "the router refused the login: invalid user name or password (6)", e.getMessage());
        assertFalse(e.getMessage().contains("api-secret"));
        assertNoClientThreadsLeft();
    }

    @Test
    void routerClosingRightAfterAcceptFailsTheLoginAtOnce() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> replies.send("!done"));
        server.closeConnectionsRightAfterAccept();
        RouterUnreachableException e = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(
                RouterUnreachableException.class, () -> new MikrotikRouterOsConnector(PATIENT).open(server.endpoint(), CREDENTIALS)));
        assertTrue(e.getMessage().contains("the connection broke during login"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the session's own interrupt must not leak");
        assertNoClientThreadsLeft();
    }

    @Test
    void unansweredConnectFailsAfterTheConnectTimeout() throws Exception {
        // A listener whose accept queue is full: Linux drops further SYNs, as for a router that is down
        // behind the VPN, and the connect can only end by its timeout.
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                boolean blackholed = false;
                for (int i = 0; i < 16 && !blackholed; i++) {
                    java.net.Socket filler = new java.net.Socket();
                    fillers.add(filler);
                    try {
                        filler.connect(full.getLocalSocketAddress(), 200);
                    } catch (java.net.SocketTimeoutException e) {
                        blackholed = true;
                    }
                }
                org.junit.jupiter.api.Assumptions.assumeTrue(blackholed, "this system accepts every SYN");
                RouterOsEndpoint endpoint = new RouterOsEndpoint("rtr-down", "127.0.0.1", full.getLocalPort(),
                        RouterOsTransport.plainText());
                RouterOsClientSettings settings = new RouterOsClientSettings(Duration.ofMillis(300), Duration.ofSeconds(60));
                RouterUnreachableException e = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(
                        RouterUnreachableException.class, () -> new MikrotikRouterOsConnector(settings).open(endpoint, CREDENTIALS)));
                assertEquals("router rtr-down (127.0.0.1:" + full.getLocalPort() + "): no answer within 300 ms (connect timeout)",
                        e.getMessage());
            } finally {
                for (java.net.Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void closeStopsTheClientThreadsAndIsIdempotent() throws Exception {
        server = new ScriptedApiServer("api-secret", (command, replies) -> replies.send("!done"));
        RouterOsSession session = open(PATIENT);
        session.execute(RouterOsCommand.of("/system/identity/print"));
        session.close();
        session.close();
        assertFalse(session.isUsable());
        assertThrows(IllegalStateException.class, () -> session.execute(RouterOsCommand.of("/system/identity/print")));
        assertNoClientThreadsLeft();
    }

    @Test
    void commandToStringMasksSecrets() {
        RouterOsCommand command = RouterOsCommand.builder("/ip/hotspot/user/add")
                .sensitiveAttribute("name", "K7M2Q9XR4T").sensitiveAttribute("password", "pw")
                .attribute("profile", "1h").build();
        assertEquals("/ip/hotspot/user/add =name=**** =password=**** =profile=1h", command.toString());
        assertEquals("RouterOsCredentials[username=billing, password=****]", CREDENTIALS.toString());
    }

    private RouterOsSession open(RouterOsClientSettings settings) throws RouterOsException {
        return new MikrotikRouterOsConnector(settings).open(server.endpoint(), CREDENTIALS);
    }

    /** mikrotik-java's threads are named "Mikrotik API Reader" and "Mikrotik API Result Processor". */
    static void assertNoClientThreadsLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith("Mikrotik API")).toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("mikrotik-java threads still running: " + alive);
    }
}
