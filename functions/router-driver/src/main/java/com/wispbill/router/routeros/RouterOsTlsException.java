package com.wispbill.router.routeros;

/**
 * The TLS handshake with the router's api-ssl service failed: its certificate is not signed by the
 * trusted CA, does not name the address we connected to, or the service offers no usable cipher (for
 * example api-ssl without a certificate, which only offers anonymous Diffie-Hellman).
 */
public final class RouterOsTlsException extends RouterOsException {
    public RouterOsTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
