package com.wispbill.router.routeros;

/**
 * The router answered something this driver cannot read: a reserved control byte, an oversized word,
 * a reply without the rows or attributes a command always returns, or a value in an unknown format.
 */
public final class RouterOsProtocolException extends RouterOsException {
    public RouterOsProtocolException(String message) {
        super(message);
    }

    public RouterOsProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
