package com.wispbill.router.routeros;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The {@link SocketFactory} given to {@code ApiConnection.connect}: every socket it makes is an
 * {@link ApiSocket} for one endpoint, reporting to one session's observer. mikrotik-java calls only
 * {@link #createSocket()}; the other variants connect immediately, for completeness.
 */
final class ApiSocketFactory extends SocketFactory {
    private final SSLSocketFactory tls;
    private final String host;
    private final boolean verifyHostname;
    private final int connectTimeoutMillis;
    private final ApiReplyFilterInputStream.Observer observer;

    ApiSocketFactory(SSLSocketFactory tls, String host, boolean verifyHostname, int connectTimeoutMillis,
                     ApiReplyFilterInputStream.Observer observer) {
        this.tls = tls;
        this.host = host;
        this.verifyHostname = verifyHostname;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.observer = observer;
    }

    @Override
    public Socket createSocket() {
        return new ApiSocket(tls, host, verifyHostname, connectTimeoutMillis, observer);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), localAddress, localPort);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), localAddress, localPort);
    }

    private Socket connected(InetSocketAddress endpoint) throws IOException {
        Socket socket = createSocket();
        socket.connect(endpoint, connectTimeoutMillis);
        return socket;
    }

    private Socket connected(InetSocketAddress endpoint, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        try {
            socket.bind(new InetSocketAddress(localAddress, localPort));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        socket.connect(endpoint, connectTimeoutMillis);
        return socket;
    }
}
