package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorLifecycleTest {

    @Test
    void closeEndsEveryConnectionAndEveryThreadEvenWithCommandsStillRunning() throws IOException {
        RouterOsSimulator router = RouterOsSimulator.builder().tls(true).start();
        RawApiClient idle = RawApiClient.loggedIn(router);
        RawApiClient busy = RawApiClient.loggedIn(router);
        router.faults().holdReplies("/ip/hotspot/user/print");
        router.faults().replyDelay("/system/resource/print", Duration.ofHours(1));
        busy.send("/ip/hotspot/user/print", ".tag=held");
        busy.send("/system/resource/print", ".tag=slow");
        router.faults().failNext("/ppp/secret/print", CommandFault.APPLY_THEN_SILENCE);
        busy.send("/ppp/secret/print", ".tag=silent");
        assertTrue(busy.staysSilentFor(Duration.ofMillis(100)));
        assertEquals(2, router.openConnections());

        router.close();

        assertTrue(router.threadsTerminated(), "close() returns only when all simulator threads have ended");
        assertTrue(idle.isClosedByPeer());
        assertTrue(busy.isClosedByPeer());
        assertEquals(0, router.openConnections());
        int port = router.port();
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress(router.host(), port), 5_000));
        }
        idle.close();
        busy.close();
        router.close(); // a second close is harmless
    }

    @Test
    void clientDisconnectingEndsItsConnection() throws IOException, InterruptedException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().start()) {
            RawApiClient client = RawApiClient.loggedIn(router);
            assertEquals(1, router.openConnections());
            client.close();
            long deadline = System.nanoTime() + RawApiClient.GENEROUS_TIMEOUT.toNanos();
            while (router.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // the connection's thread notices the end of the stream on its own schedule
            }
            assertEquals(0, router.openConnections());
        }
    }

    @Test
    void portsAreKnownOnlyOnceStartedAndStartHappensOnce() throws IOException {
        RouterOsSimulator router = RouterOsSimulator.builder().build();
        try {
            assertThrows(IllegalStateException.class, router::port);
            router.start();
            assertTrue(router.port() > 0);
            assertThrows(IllegalStateException.class, router::start);
        } finally {
            router.close();
        }
        assertThrows(IllegalStateException.class, router::start);
    }

    @Test
    void aTakenPortFailsStart() throws IOException {
        try (RouterOsSimulator first = RouterOsSimulator.builder().start()) {
            RouterOsSimulator.Builder second = RouterOsSimulator.builder().port(first.port());
            assertThrows(IOException.class, second::start);
        }
    }

    @Test
    void severalRoutersRunSideBySideWithTheirOwnState() throws IOException {
        try (RouterOsSimulator a = RouterOsSimulator.builder().identity("a").start();
             RouterOsSimulator b = RouterOsSimulator.builder().identity("b").version(RouterOsVersion.V6_49).start();
             RawApiClient clientA = RawApiClient.loggedIn(a);
             RawApiClient clientB = RawApiClient.loggedIn(b)) {
            clientA.call("/ip/hotspot/user/add", "=name=only-on-a");
            assertEquals(1, a.state().hotspotUsers().size());
            assertEquals(0, b.state().hotspotUsers().size());
            assertEquals("b", RawApiClient.rows(clientB.call("/system/identity/print")).getFirst().get("name"));
        }
    }
}
