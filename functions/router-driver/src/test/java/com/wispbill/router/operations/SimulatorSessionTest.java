package com.wispbill.router.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import com.wispbill.router.operations.SimulatedRouter.Mode;
import com.wispbill.router.routeros.MikrotikRouterOsConnector;
import com.wispbill.router.routeros.RouterOsAuthException;
import com.wispbill.router.routeros.RouterOsClientSettings;
import com.wispbill.router.routeros.RouterOsCommand;
import com.wispbill.router.routeros.RouterOsCredentials;
import com.wispbill.router.routeros.RouterOsEndpoint;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsSession;
import com.wispbill.router.routeros.RouterOsTimeoutException;
import com.wispbill.router.routeros.RouterOsTlsException;
import com.wispbill.router.routeros.RouterOsTransport;
import com.wispbill.router.routeros.RouterUnreachableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import me.legrange.mikrotik.ApiConnection;
import me.legrange.mikrotik.MikrotikApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Connecting, logging in and failing, against the simulator. */
class SimulatorSessionTest {
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private SimulatedRouter router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void logsInWithEitherMethodAndServesManyCommandsOnOneConnection(Mode mode) throws Exception {
        router = SimulatedRouter.start(mode);
        RouterOsSession session = router.open();
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of(Map.of("name", "rtr-test")), session.execute(RouterOsCommand.of("/system/identity/print")));
            assertEquals(List.of(), session.execute(RouterOsCommand.of("/ip/hotspot/active/print")));
        }
        assertTrue(session.isUsable());
        assertEquals(1, router.simulator.stats().logins());
        assertEquals(1, router.simulator.stats().connectionsAccepted());
        session.close();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void wrongPasswordIsAnAuthErrorNamingRouterAndUser(Mode mode) throws Exception {
        router = SimulatedRouter.start(mode);
        RouterOsAuthException e = assertThrows(RouterOsAuthException.class, () -> new MikrotikRouterOsConnector()
                .open(router.endpoint(), new RouterOsCredentials(SimulatedRouter.API_USER, "wrong password")));
        String expectedReason = mode.version.supportsPasswordLogin() ? "invalid user name or password (6)" : "cannot log in";
        assertEquals("router rtr-test (127.0.0.1:" + router.endpoint().port() + "), login of API user 'wispbill': "
                + "the router refused the login: " + expectedReason, e.getMessage());
        assertFalse(e.getMessage().contains("wrong password"));
        assertEquals(1, router.simulator.stats().failedLogins());
        assertConnectionsClosedBySimulator();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void routerDownFailsFastAsUnreachable(Mode mode) throws Exception {
        router = SimulatedRouter.start(mode);
        RouterOsEndpoint endpoint = router.endpoint();
        router.simulator.faults().refuseConnections(true);
        RouterUnreachableException e = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(
                RouterUnreachableException.class,
                () -> new MikrotikRouterOsConnector().open(endpoint, SimulatedRouter.CREDENTIALS)));
        assertTrue(e.getMessage().startsWith("router rtr-test (127.0.0.1:" + endpoint.port() + "): "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("refused"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void routerGoingDownBreaksTheSessionAndAReconnectWorksOnceItIsBack(Mode mode) throws Exception {
        router = SimulatedRouter.start(mode);
        RouterOsSession session = router.open();
        router.simulator.faults().refuseConnections(true);
        assertTimeoutPreemptively(GENEROUS, () -> assertThrows(RouterUnreachableException.class,
                () -> session.execute(RouterOsCommand.of("/system/identity/print"))));
        assertFalse(session.isUsable());
        router.simulator.faults().refuseConnections(false);
        assertEquals("rtr-test", new RouterOperations(router.open()).identity());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void loginWithoutAnswerTimesOut(Mode mode) throws Exception {
        router = SimulatedRouter.start(mode);
        router.simulator.faults().replyDelay("/login", Duration.ofSeconds(30));
        RouterOsClientSettings settings = new RouterOsClientSettings(Duration.ofSeconds(5), Duration.ofMillis(500));
        RouterOsTimeoutException e = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(RouterOsTimeoutException.class,
                () -> new MikrotikRouterOsConnector(settings).open(router.endpoint(), SimulatedRouter.CREDENTIALS)));
        assertTrue(e.getMessage().endsWith("login of API user 'wispbill': no answer within 500 ms"), e.getMessage());
    }

    @Test
    void mikrotikJavaAloneHangsOnTheSimulatorsEmptyWhileTheSessionDoesNot() throws Exception {
        // Proves the 7.19 simulator really sends !empty, so the tests above exercise the filter.
        router = SimulatedRouter.start(Mode.V7_19_PLAIN);
        ApiConnection raw = ApiConnection.connect(SocketFactory.getDefault(), router.simulator.host(),
                router.simulator.port(), 5000);
        try {
            raw.login(SimulatedRouter.API_USER, SimulatedRouter.API_PASSWORD);
            raw.setTimeout(1000);
            assertEquals(1, raw.execute("/system/identity/print").size());
            assertThrows(MikrotikApiException.class, () -> raw.execute("/ip/hotspot/active/print"));
        } finally {
            raw.close();
        }
        assertEquals(List.of(), router.open().execute(RouterOsCommand.of("/ip/hotspot/active/print")));
    }

    @Test
    void apiSslRejectsACertificateNotSignedByThePinnedCa() throws Exception {
        router = SimulatedRouter.start(Mode.V7_19_API_SSL);
        RouterOsEndpoint endpoint = new RouterOsEndpoint("rtr-test", router.simulator.host(), router.simulator.tlsPort(),
                new RouterOsTransport.Tls(List.of(someUnrelatedCa()), true));
        RouterOsTlsException e = assertThrows(RouterOsTlsException.class,
                () -> new MikrotikRouterOsConnector().open(endpoint, SimulatedRouter.CREDENTIALS));
        assertTrue(e.getMessage().startsWith("router rtr-test (127.0.0.1:" + endpoint.port() + "): TLS handshake failed"),
                e.getMessage());
        assertEquals(0, router.simulator.stats().logins());
    }

    @Test
    void apiSslWithTheJdkDefaultCasRejectsASelfSignedRouterCertificate() throws Exception {
        router = SimulatedRouter.start(Mode.V7_19_API_SSL);
        RouterOsEndpoint endpoint = new RouterOsEndpoint("rtr-test", router.simulator.host(), router.simulator.tlsPort(),
                RouterOsTransport.tlsWithDefaultTrust());
        assertThrows(RouterOsTlsException.class,
                () -> new MikrotikRouterOsConnector().open(endpoint, SimulatedRouter.CREDENTIALS));
    }

    @Test
    void apiSslChecksTheHostNameUnlessTheCertificateIsPinnedWithoutIt(@TempDir Path directory) throws Exception {
        KeyStore otherHost = keyStoreFor("other.example", directory);
        try (RouterOsSimulator simulator = RouterOsSimulator.builder().version(RouterOsVersion.V7_19)
                .credentials(SimulatedRouter.API_USER, SimulatedRouter.API_PASSWORD)
                .tls(true).tlsKeyStore(otherHost, "changeit".toCharArray()).start()) {
            List<X509Certificate> pinned = List.of(simulator.tlsCertificate());
            RouterOsEndpoint checked = new RouterOsEndpoint("rtr-test", simulator.host(), simulator.tlsPort(),
                    new RouterOsTransport.Tls(pinned, true));
            RouterOsTlsException e = assertThrows(RouterOsTlsException.class,
                    () -> new MikrotikRouterOsConnector().open(checked, SimulatedRouter.CREDENTIALS));
            assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());

            RouterOsEndpoint pinnedOnly = new RouterOsEndpoint("rtr-test", simulator.host(), simulator.tlsPort(),
                    new RouterOsTransport.Tls(pinned, false));
            try (RouterOsSession session = new MikrotikRouterOsConnector().open(pinnedOnly, SimulatedRouter.CREDENTIALS)) {
                assertEquals(1, session.execute(RouterOsCommand.of("/system/identity/print")).size());
            }
        }
    }

    @Test
    void tlsToThePlainPortFailsInsteadOfHanging() throws Exception {
        router = SimulatedRouter.start(Mode.V7_19_API_SSL);
        RouterOsEndpoint wrongPort = new RouterOsEndpoint("rtr-test", router.simulator.host(), router.simulator.port(),
                new RouterOsTransport.Tls(List.of(router.simulator.tlsCertificate()), true));
        RouterOsClientSettings settings = new RouterOsClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(2));
        RouterOsException e = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(RouterOsException.class,
                () -> new MikrotikRouterOsConnector(settings).open(wrongPort, SimulatedRouter.CREDENTIALS)));
        assertTrue(e instanceof RouterOsTlsException || e instanceof RouterUnreachableException, e.toString());
    }

    @Test
    void plainTextToTheApiSslPortFailsInsteadOfHanging() throws Exception {
        router = SimulatedRouter.start(Mode.V7_19_API_SSL);
        RouterOsEndpoint wrongPort = new RouterOsEndpoint("rtr-test", router.simulator.host(), router.simulator.tlsPort(),
                RouterOsTransport.plainText());
        RouterOsClientSettings settings = new RouterOsClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(2));
        RouterOsException e = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(RouterOsException.class,
                () -> new MikrotikRouterOsConnector(settings).open(wrongPort, SimulatedRouter.CREDENTIALS)));
        assertFalse(e instanceof RouterOsAuthException, e.toString());
    }

    // ---------------------------------------------------------------- helpers

    private void assertConnectionsClosedBySimulator() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (router.simulator.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, router.simulator.openConnections(), "a failed login must close its connection");
    }

    /** Any CA the JDK trusts: certainly not the signer of the simulator's self-signed certificate. */
    private static X509Certificate someUnrelatedCa() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager trustManager = Arrays.stream(factory.getTrustManagers())
                .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast).findFirst().orElseThrow();
        return trustManager.getAcceptedIssuers()[0];
    }

    /** A self-signed key and certificate for {@code host} only, made with the JDK's keytool. */
    private static KeyStore keyStoreFor(String host, Path directory) throws Exception {
        Path file = directory.resolve("other-host.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "router", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }
}
