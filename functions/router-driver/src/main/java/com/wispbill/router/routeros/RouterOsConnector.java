package com.wispbill.router.routeros;

/** Opens logged-in sessions to routers; the seam where tests and the local stack substitute their own. */
public interface RouterOsConnector {

    /**
     * Connects to {@code endpoint} and logs in.
     *
     * @throws RouterUnreachableException nothing answered, or the connection broke during login
     * @throws RouterOsTlsException       the TLS handshake failed (certificate, cipher)
     * @throws RouterOsAuthException      the router refused the credentials
     * @throws RouterOsTimeoutException   the router accepted the connection but did not answer the login
     */
    RouterOsSession open(RouterOsEndpoint endpoint, RouterOsCredentials credentials) throws RouterOsException;
}
