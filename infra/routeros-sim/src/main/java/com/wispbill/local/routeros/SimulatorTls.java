package com.wispbill.local.routeros;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for the api-ssl port. A real router's api-ssl without a certificate offers only
 * anonymous Diffie-Hellman, which current JDKs refuse, so the simulator always serves a certificate:
 * by default the self-signed one for {@code 127.0.0.1} and {@code localhost} shipped in the jar
 * (made by {@code generate-tls-keystore.sh}), or one the test supplies.
 */
final class SimulatorTls {
    static final String BUNDLED_KEYSTORE = "routeros-sim-tls.p12";
    static final char[] BUNDLED_PASSWORD = "routeros-sim".toCharArray();

    private final SSLContext serverContext;
    private final X509Certificate certificate;

    private SimulatorTls(SSLContext serverContext, X509Certificate certificate) {
        this.serverContext = serverContext;
        this.certificate = certificate;
    }

    static SimulatorTls bundled() {
        try (InputStream in = SimulatorTls.class.getResourceAsStream(BUNDLED_KEYSTORE)) {
            if (in == null) {
                throw new IllegalStateException("bundled keystore " + BUNDLED_KEYSTORE + " is missing from the jar");
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, BUNDLED_PASSWORD);
            return from(keyStore, BUNDLED_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bundled keystore cannot be used", e);
        }
    }

    /** Uses the first private key entry of {@code keyStore}. */
    static SimulatorTls from(KeyStore keyStore, char[] password) {
        try {
            X509Certificate certificate = null;
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    Certificate entry = keyStore.getCertificate(alias);
                    if (entry instanceof X509Certificate x509) {
                        certificate = x509;
                        break;
                    }
                }
            }
            if (certificate == null) {
                throw new IllegalArgumentException("keystore has no private key with an X.509 certificate");
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return new SimulatorTls(context, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keystore cannot be used for TLS", e);
        }
    }

    SSLContext serverContext() {
        return serverContext;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A client context that trusts exactly this certificate and nothing else. */
    SSLContext clientContext() {
        try {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            trustStore.setCertificateEntry("routeros-sim", certificate);
            TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store for the simulator certificate", e);
        }
    }

    /**
     * A socket factory whose sockets trust exactly this certificate and check the host name against it
     * (HTTPS-style endpoint identification), which plain {@link SSLSocket}s do not do by themselves.
     */
    SSLSocketFactory verifyingSocketFactory() {
        return new HostnameVerifyingSocketFactory(clientContext().getSocketFactory());
    }

    /** Turns on endpoint identification for every socket it creates. */
    static final class HostnameVerifyingSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        HostnameVerifyingSocketFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket verifying(Socket socket) {
            SSLSocket ssl = (SSLSocket) socket;
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            return ssl;
        }

        @Override
        public Socket createSocket() throws IOException {
            return verifying(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return verifying(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return verifying(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return verifying(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return verifying(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
            return verifying(delegate.createSocket(address, port, localAddress, localPort));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
