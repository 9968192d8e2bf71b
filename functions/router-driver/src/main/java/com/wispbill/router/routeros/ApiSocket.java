package com.wispbill.router.routeros;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket handed to mikrotik-java. It connects a plain TCP socket, optionally layers TLS over it with
 * an eager, time-limited handshake (so certificate problems surface from {@code connect}, not later on
 * the client's reader thread where they would be swallowed), and exposes the filtered reply stream
 * ({@link ApiReplyFilterInputStream}) and the sentence-buffered command stream.
 *
 * <p>mikrotik-java only creates the socket unconnected, connects it with a timeout, takes its streams
 * and closes it; the methods it does not use act on the unconnected base socket and are not relied on.
 */
final class ApiSocket extends Socket {
    private final Socket tcp = new Socket();
    private final SSLSocketFactory tls;
    private final String tlsHost;
    private final boolean verifyHostname;
    private final int handshakeTimeoutMillis;
    private final ApiReplyFilterInputStream.Observer observer;

    private volatile Socket connected;
    private ApiReplyFilterInputStream input;
    private SentenceBufferingOutputStream output;

    /**
     * @param tls            null for plain text
     * @param tlsHost        the host as configured, for SNI and host name verification
     * @param verifyHostname require the certificate to name {@code tlsHost}
     */
    ApiSocket(SSLSocketFactory tls, String tlsHost, boolean verifyHostname, int handshakeTimeoutMillis,
              ApiReplyFilterInputStream.Observer observer) {
        this.tls = tls;
        this.tlsHost = tlsHost;
        this.verifyHostname = verifyHostname;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.observer = observer;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, handshakeTimeoutMillis);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeoutMillis) throws IOException {
        try {
            tcp.setTcpNoDelay(true);
            tcp.connect(endpoint, timeoutMillis);
            Socket transport = tcp;
            if (tls != null) {
                transport = handshake((InetSocketAddress) endpoint);
            }
            input = new ApiReplyFilterInputStream(transport.getInputStream(), observer);
            output = new SentenceBufferingOutputStream(transport.getOutputStream());
            connected = transport;
        } catch (IOException | RuntimeException e) {
            // mikrotik-java does not close a socket whose connect failed.
            tcp.close();
            throw e;
        }
    }

    private SSLSocket handshake(InetSocketAddress endpoint) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(tcp, tlsHost, endpoint.getPort(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        if (verifyHostname) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        ssl.setSSLParameters(parameters);
        ssl.setUseClientMode(true);
        ssl.setSoTimeout(handshakeTimeoutMillis);
        ssl.startHandshake();
        // Replies are awaited by the session with its own command timeout; the reader thread blocks.
        ssl.setSoTimeout(0);
        return ssl;
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        tcp.bind(local);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        requireConnected();
        return input;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        requireConnected();
        return output;
    }

    @Override
    public synchronized void close() throws IOException {
        Socket transport = connected;
        try {
            if (input != null) {
                input.close();
            }
        } finally {
            if (transport != null) {
                transport.close();
            }
            tcp.close();
        }
    }

    @Override
    public boolean isConnected() {
        return connected != null;
    }

    @Override
    public boolean isClosed() {
        return tcp.isClosed();
    }

    @Override
    public InetAddress getInetAddress() {
        return tcp.getInetAddress();
    }

    @Override
    public int getPort() {
        return tcp.getPort();
    }

    @Override
    public int getLocalPort() {
        return tcp.getLocalPort();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tcp.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return tcp.getSoTimeout();
    }

    @Override
    public String toString() {
        return "ApiSocket[" + (tls == null ? "plain" : "tls") + ", " + tcp + "]";
    }

    private void requireConnected() throws SocketException {
        if (connected == null) {
            throw new SocketException("API socket is not connected");
        }
    }
}
