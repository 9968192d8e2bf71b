package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault switches. Where a test needs "no reply", it waits a short while for bytes that must not come;
 * the assertion is about silence, so a slow machine can only make the test pass more slowly, never fail.
 */
class FaultsTest {
    private static final Duration SILENCE = Duration.ofMillis(300);
    private RouterOsSimulator router;

    @BeforeEach
    void start() throws IOException {
        router = RouterOsSimulator.builder().credentials("api", "secret").start();
    }

    @AfterEach
    void stop() {
        router.close();
    }

    @Test
    void refusingConnectionsClosesThePortAndDropsOpenConnectionsThenListensAgainOnTheSamePort() throws IOException {
        int port = router.port();
        RawApiClient open = RawApiClient.loggedIn(router);
        router.faults().refuseConnections(true);
        assertTrue(open.isClosedByPeer(), "an outage drops open connections");
        open.close();
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class,
                () -> socket.connect(new InetSocketAddress(router.host(), port), 5_000));
        }
        router.faults().refuseConnections(false);
        assertEquals(port, router.port());
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            assertEquals("!re", client.call("/system/identity/print").getFirst().getFirst());
        }
    }

    @Test
    void replyDelayHoldsEverySentenceBackUntilTheClientGivesUp() throws IOException {
        router.faults().replyDelay("/system/resource/print", Duration.ofMinutes(10));
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.send("/system/resource/print");
            assertTrue(client.staysSilentFor(SILENCE));
            client.socket().setSoTimeout((int) SILENCE.toMillis());
            assertThrows(SocketTimeoutException.class, client::readSentence);
        }
        router.faults().replyDelay("/system/resource/print", Duration.ZERO);
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            assertEquals("!re", client.call("/system/resource/print").getFirst().getFirst());
        }
    }

    @Test
    void applyThenDisconnectCommitsTheCommandButTheClientNeverHearsOfIt() throws IOException {
        router.faults().failNext("/ip/hotspot/user/add", CommandFault.APPLY_THEN_DISCONNECT);
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.send("/ip/hotspot/user/add", "=name=v-1", ".tag=1");
            assertTrue(client.isClosedByPeer());
        }
        assertTrue(router.state().hotspotUser("v-1").isPresent());
        assertEquals(1, router.stats().commandsApplied("/ip/hotspot/user/add"));

        try (RawApiClient retry = RawApiClient.loggedIn(router)) {
            assertEquals(List.of(List.of("!trap", "=message=failure: already have user with this name for this server"),
                List.of("!done")), retry.call("/ip/hotspot/user/add", "=name=v-1"), "the fault was for one command only");
        }
        assertEquals(1, router.stats().commandsApplied("/ip/hotspot/user/add"));
        assertEquals(2, router.stats().commandsReceived("/ip/hotspot/user/add"));
    }

    @Test
    void applyThenSilenceCommitsAndNeverAnswersUntilCancelled() throws IOException {
        router.faults().failNext("/ip/hotspot/user/add", CommandFault.APPLY_THEN_SILENCE);
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.send("/ip/hotspot/user/add", "=name=v-1", ".tag=add");
            assertTrue(client.staysSilentFor(SILENCE));
            assertTrue(router.state().hotspotUser("v-1").isPresent());
            client.send("/cancel", "=tag=add", ".tag=c");
            assertEquals(List.of("!trap", "=category=2", "=message=interrupted", ".tag=add"), client.readSentence());
            assertEquals(List.of("!done", ".tag=c"), client.readSentence());
            assertEquals(List.of("!done", ".tag=add"), client.readSentence());
        }
    }

    @Test
    void fatalBeforeApplyLeavesTheRouterUnchanged() throws IOException {
        router.faults().failNext("/ip/hotspot/user/add", CommandFault.FATAL_BEFORE_APPLY);
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.send("/ip/hotspot/user/add", "=name=v-1", ".tag=1");
            assertEquals(List.of("!fatal", ClientConnection.SIMULATED_FATAL), client.readSentence());
            assertTrue(client.isClosedByPeer());
        }
        assertTrue(router.state().hotspotUser("v-1").isEmpty());
        assertEquals(1, router.stats().commandsReceived("/ip/hotspot/user/add"));
        assertEquals(0, router.stats().commandsApplied("/ip/hotspot/user/add"));
    }

    @Test
    void fatalMidReplySendsTheFirstRowThenFatal() throws IOException {
        router.addHotspotUserBehindBillingsBack("a", "1", "default");
        router.addHotspotUserBehindBillingsBack("b", "2", "default");
        router.faults().failNext("/ip/hotspot/user/print", CommandFault.FATAL_MID_REPLY);
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.send("/ip/hotspot/user/print", "=.proplist=name", ".tag=p");
            assertEquals(List.of("!re", "=name=a", ".tag=p"), client.readSentence());
            assertEquals(List.of("!fatal", ClientConnection.SIMULATED_FATAL), client.readSentence());
            assertTrue(client.isClosedByPeer());
        }
    }

    @Test
    void faultsCanTargetSeveralCommandsAndAnyCommand() throws IOException {
        router.faults().failNext(Faults.ANY_COMMAND, CommandFault.FATAL_BEFORE_APPLY, 2);
        for (int attempt = 0; attempt < 2; attempt++) {
            try (RawApiClient client = RawApiClient.connect(router)) {
                client.send("/login", "=name=api", "=password=secret");
                assertEquals("!fatal", client.readSentence().getFirst());
            }
        }
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            assertEquals("!re", client.call("/system/identity/print").getFirst().getFirst());
        }
        assertEquals(3, router.stats().connectionsAccepted());
        assertEquals(1, router.stats().logins());
    }

    @Test
    void clearTurnsEverythingOff() throws IOException {
        router.faults().refuseConnections(true);
        router.faults().rejectLogins(true);
        router.faults().replyDelay(Duration.ofMinutes(10));
        router.faults().failNext(Faults.ANY_COMMAND, CommandFault.APPLY_THEN_SILENCE);
        router.faults().clear();
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            assertEquals("!re", client.call("/system/identity/print").getFirst().getFirst());
        }
    }

    @Test
    void statsCountConnectionsLoginsAndCommands() throws IOException {
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.call("/ip/hotspot/user/add", "=name=v-1");
            client.call("/ip/hotspot/user/add", "=name=v-1");
            client.call("/ip/hotspot/user/print");
        }
        assertEquals(1, router.stats().connectionsAccepted());
        assertEquals(1, router.stats().logins());
        assertEquals(2, router.stats().commandsApplied());
        assertEquals(1, router.stats().commandsApplied("/ip/hotspot/user/add"));
        router.stats().reset();
        assertEquals(0, router.stats().commandsApplied());
    }
}
