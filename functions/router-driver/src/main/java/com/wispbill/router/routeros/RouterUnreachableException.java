package com.wispbill.router.routeros;

/**
 * The router could not be reached (refused, no route, connect timeout, unknown host) or the connection
 * to it broke (closed by the router, reset, {@code !fatal}). If it broke while a command was waiting
 * for its reply, that command may or may not have been applied.
 */
public final class RouterUnreachableException extends RouterOsException {
    public RouterUnreachableException(String message) {
        super(message);
    }

    public RouterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
