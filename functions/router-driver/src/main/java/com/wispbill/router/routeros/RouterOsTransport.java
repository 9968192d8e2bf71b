package com.wispbill.router.routeros;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** How the API connection is carried: TLS (api-ssl) by default, plain text only where explicitly allowed. */
public sealed interface RouterOsTransport {

    /**
     * Plain-text API (port 8728): credentials and commands cross the network unencrypted. Use only for
     * a router whose record explicitly allows it (for example a router reached over an encrypted VPN
     * that cannot run api-ssl); never as a fallback after a TLS failure.
     */
    static RouterOsTransport plainText() {
        return new PlainText();
    }

    /** TLS that trusts exactly the CA certificate(s) in {@code pem} (the router's pinned CA or its own certificate). */
    static Tls tlsTrusting(String pem, boolean verifyHostname) {
        return new Tls(parseCertificates(pem), verifyHostname);
    }

    /** TLS that trusts the JDK's default CAs (a router with a publicly signed certificate). */
    static Tls tlsWithDefaultTrust() {
        return new Tls(List.of(), true);
    }

    /** Plain-text API; see {@link #plainText()}. */
    record PlainText() implements RouterOsTransport {
    }

    /**
     * TLS with certificate verification, which cannot be turned off.
     *
     * @param trustedCertificates the certificates to trust as anchors; empty means the JDK's default CAs
     * @param verifyHostname      also require the certificate to name the host we connect to (an IP
     *                            SAN for a router reached by VPN address). May be off when the anchor is
     *                            pinned per router, where the chain check alone identifies the router.
     */
    record Tls(List<X509Certificate> trustedCertificates, boolean verifyHostname) implements RouterOsTransport {
        public Tls {
            trustedCertificates = List.copyOf(Objects.requireNonNull(trustedCertificates, "trustedCertificates"));
            if (trustedCertificates.isEmpty() && !verifyHostname) {
                throw new IllegalArgumentException(
                        "with the default CAs any publicly signed certificate verifies: the host name must be checked too");
            }
        }
    }

    private static List<X509Certificate> parseCertificates(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no CA certificate given for the router's api-ssl");
        }
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the router's CA certificate text contains no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the router's CA certificate is not a valid PEM X.509 certificate: "
                    + e.getMessage(), e);
        }
    }
}
