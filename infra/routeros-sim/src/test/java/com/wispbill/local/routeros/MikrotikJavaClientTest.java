package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;
import me.legrange.mikrotik.ApiConnection;
import me.legrange.mikrotik.MikrotikApiException;
import org.junit.jupiter.api.Test;

/**
 * The real client library the driver uses, mikrotik-java 3.0.8, against the simulator: proof that
 * the simulator speaks what the library expects, and a record of the library's known limit.
 */
class MikrotikJavaClientTest {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private static ApiConnection connect(RouterOsSimulator router) throws MikrotikApiException {
        return ApiConnection.connect(SocketFactory.getDefault(), router.host(), router.port(), CONNECT_TIMEOUT_MS);
    }

    @Test
    void addPrintRemoveHotspotUserOnSixFortyNine() throws Exception {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_49)
                 .credentials("api", "secret").start()) {
            router.state().addHotspotUserProfile(Map.of("name", "1h", "rate-limit", "1M/2M"));
            ApiConnection api = connect(router);
            try {
                api.login("api", "secret");
                List<Map<String, String>> added = api.execute(
                    "/ip/hotspot/user/add name=v-1001 password=4821 profile=1h limit-uptime=1h comment=\"batch 7\"");
                assertEquals(List.of(Map.of("ret", "*1")), added);

                List<Map<String, String>> printed =
                    api.execute("/ip/hotspot/user/print where name=v-1001 return .id,name,profile,limit-uptime,comment");
                assertEquals(List.of(Map.of(".id", "*1", "name", "v-1001", "profile", "1h", "limit-uptime", "1h",
                    "comment", "batch 7")), printed);

                assertEquals(List.of(), api.execute("/ip/hotspot/user/remove .id=*1"));
                assertEquals(List.of(), api.execute("/ip/hotspot/user/print where name=v-1001"),
                    "6.x answers an empty print with !done only, which the library handles");
            } finally {
                api.close();
            }
            assertEquals(1, router.stats().commandsApplied("/ip/hotspot/user/add"));
            assertEquals(1, router.stats().commandsApplied("/ip/hotspot/user/remove"));
            assertEquals(List.of(), router.state().hotspotUsers());
        }
    }

    @Test
    void trapsArriveAsExceptionsWithRouterOsMessages() throws Exception {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_49)
                 .credentials("api", "secret").start()) {
            router.addHotspotUserBehindBillingsBack("v-1", "x", "default");
            ApiConnection api = connect(router);
            try {
                api.login("api", "secret");
                MikrotikApiException duplicate = assertThrows(MikrotikApiException.class,
                    () -> api.execute("/ip/hotspot/user/add name=v-1 password=y"));
                assertEquals("failure: already have user with this name for this server", duplicate.getMessage());
                MikrotikApiException missing = assertThrows(MikrotikApiException.class,
                    () -> api.execute("/ip/hotspot/user/remove .id=*99"));
                assertEquals("no such item", missing.getMessage());
            } finally {
                api.close();
            }
        }
    }

    @Test
    void wrongPasswordFailsLogin() throws Exception {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_49)
                 .credentials("api", "secret").start()) {
            ApiConnection api = connect(router);
            try {
                MikrotikApiException e = assertThrows(MikrotikApiException.class, () -> api.login("api", "nope"));
                assertEquals("invalid user name or password (6)", e.getMessage());
            } finally {
                api.close();
            }
        }
    }

    @Test
    void libraryFallsBackToTheChallengeLoginOnSixForty() throws Exception {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_40)
                 .credentials("api", "secret").start()) {
            ApiConnection api = connect(router);
            try {
                api.login("api", "secret");
                assertEquals("6.40.9 (bugfix)", api.execute("/system/resource/print return version").getFirst()
                    .get("version"));
            } finally {
                api.close();
            }
            assertEquals(1, router.stats().logins());
        }
    }

    @Test
    void libraryWorksOverApiSslWithTheSimulatorsCertificate() throws Exception {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_49)
                 .credentials("api", "secret").tls(true).start()) {
            ApiConnection api = ApiConnection.connect(router.clientSocketFactory(), router.host(), router.tlsPort(),
                CONNECT_TIMEOUT_MS);
            try {
                api.login("api", "secret");
                assertEquals(List.of(Map.of("ret", "*1")), api.execute("/ppp/secret/add name=c-17 password=pw service=pppoe"));
            } finally {
                api.close();
            }
        }
    }

    /**
     * mikrotik-java 3.0.8 does not know {@code !empty} (RouterOS 7.18+): its processor thread stops at
     * the unknown sentence, so the empty print never completes and {@code execute} throws only when the
     * command timeout (60 s by default) runs out, and the connection is unusable afterwards. Prints that
     * find rows still work. On 7.18+ the driver needs a client that understands {@code !empty}.
     */
    @Test
    void libraryHangsOnAnEmptyPrintFromSevenEighteenUntilItsTimeout() throws Exception {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V7_19)
                 .credentials("api", "secret").start()) {
            router.addHotspotUserBehindBillingsBack("v-1", "x", "default");
            ApiConnection api = connect(router);
            try {
                api.login("api", "secret");
                assertEquals(List.of(Map.of("name", "v-1")), api.execute("/ip/hotspot/user/print return name"));
                assertEquals(List.of(Map.of("ret", "1")),
                    api.execute("/ip/hotspot/user/print count-only=\"\" where name=v-1"));
                api.setTimeout(1_000);
                MikrotikApiException timeout = assertThrows(MikrotikApiException.class,
                    () -> api.execute("/ip/hotspot/user/print where name=nobody"));
                assertEquals("Command timed out after 1000 ms", timeout.getMessage());
                MikrotikApiException stuck = assertThrows(MikrotikApiException.class,
                    () -> api.execute("/system/identity/print"));
                assertEquals("Command timed out after 1000 ms", stuck.getMessage(),
                    "the library never gets past the !empty: the connection is unusable");
            } finally {
                api.close();
            }
            assertEquals(3, router.stats().commandsApplied("/ip/hotspot/user/print"),
                "the router answered every print; the client is what waited");
            assertEquals(1, router.stats().commandsApplied("/system/identity/print"));
            assertLibraryThreadsEnd();
        }
    }

    /** The library's processor spins on the unknown sentence until close(); make sure close() really stops it. */
    private static void assertLibraryThreadsEnd() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("Mikrotik API")) {
                thread.join(RawApiClient.GENEROUS_TIMEOUT.toMillis());
                assertFalse(thread.isAlive(), thread.getName() + " still running after close()");
            }
        }
    }

    @Test
    void simulatorSeesExactlyOneConnectionPerLibraryConnection() throws IOException, MikrotikApiException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_49).start()) {
            ApiConnection api = connect(router);
            api.login("admin", "");
            api.close();
            assertEquals(1, router.stats().connectionsAccepted());
            assertEquals(1, router.stats().logins());
        }
    }
}
