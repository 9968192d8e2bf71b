package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** api-ssl with a certificate clients verify: trust only the simulator's certificate, check the host name. */
class TlsTest {
    private static RouterOsSimulator router;

    @BeforeAll
    static void start() throws IOException {
        router = RouterOsSimulator.builder().credentials("api", "secret").tls(true).start();
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void certificateNamesTheLoopbackAddressAndLocalhostAndIsValidNow() throws CertificateException {
        X509Certificate certificate = router.tlsCertificate();
        Set<String> names = certificate.getSubjectAlternativeNames().stream()
            .map(entry -> entry.get(1).toString()).collect(Collectors.toSet());
        assertEquals(Set.of("127.0.0.1", "localhost"), names);
        certificate.checkValidity(new Date());
        assertTrue(certificate.getNotAfter().getTime() > System.currentTimeMillis() + 50L * 365 * 24 * 3600 * 1000,
            "long enough that nobody has to regenerate it");
    }

    @Test
    void clientTrustingOnlyTheSimulatorCertificateLogsInOverApiSsl() throws IOException {
        try (RawApiClient client = RawApiClient.connect(router.clientSocketFactory(), router.host(), router.tlsPort())) {
            client.login("api", "secret", router.version());
            assertEquals("MikroTik", RawApiClient.rows(client.call("/system/identity/print")).getFirst().get("name"));
            SSLSocket socket = (SSLSocket) client.socket();
            assertEquals("HTTPS", socket.getSSLParameters().getEndpointIdentificationAlgorithm());
            assertTrue(socket.getSession().getProtocol().startsWith("TLSv1."), socket.getSession().getProtocol());
        }
    }

    @Test
    void hostNameVerificationAcceptsLocalhost() throws IOException {
        try (RawApiClient client = RawApiClient.connect(router.clientSocketFactory(), "localhost", router.tlsPort())) {
            client.login("api", "secret", router.version());
        }
    }

    @Test
    void clientWithTheJdkDefaultTrustStoreRejectsTheSelfSignedCertificate() {
        SSLSocketFactory defaults = (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> {
            try (RawApiClient client = RawApiClient.connect(defaults, router.host(), router.tlsPort())) {
                client.send("/login", "=name=api", "=password=secret");
                client.readSentence();
            }
        });
        assertTrue(e.getMessage().contains("PKIX"), e.getMessage());
    }

    @Test
    void hostNameVerificationRejectsANameTheCertificateDoesNotCarry() throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(router.host(), router.tlsPort()), 10_000);
            SSLSocket ssl = (SSLSocket) router.clientSocketFactory()
                .createSocket(plain, "router.example.net", router.tlsPort(), false);
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, ssl::startHandshake);
            assertTrue(e.getMessage().contains("router.example.net"), e.getMessage());
        }
    }

    @Test
    void plainPortAndTlsPortAreDifferentAndBothServe() throws IOException {
        assertTrue(router.port() != router.tlsPort());
        try (RawApiClient plain = RawApiClient.loggedIn(router)) {
            assertEquals(List.of(List.of("!re", "=name=MikroTik"), List.of("!done")),
                plain.call("/system/identity/print"));
        }
    }

    @Test
    void tlsIsOffUnlessAskedFor() throws IOException {
        try (RouterOsSimulator plainOnly = RouterOsSimulator.builder().start()) {
            assertThrows(IllegalStateException.class, plainOnly::tlsPort);
            assertThrows(IllegalStateException.class, plainOnly::tlsCertificate);
        }
    }
}
