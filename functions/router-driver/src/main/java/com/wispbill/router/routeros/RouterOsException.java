package com.wispbill.router.routeros;

/**
 * A router could not do what was asked. The subclasses say why, and with that what a caller should do:
 * <ul>
 *   <li>{@link RouterUnreachableException}: no connection, or the connection broke. Transient; the
 *       router's circuit breaker counts it. Retry later.</li>
 *   <li>{@link RouterOsTimeoutException}: a command was sent and no answer came in time; the command
 *       may or may not have been applied. Retry later (operations are idempotent).</li>
 *   <li>{@link RouterOsAuthException}, {@link RouterOsTlsException}: the router's record does not match
 *       the router (credentials, certificate). Retrying cannot help until someone fixes the record.</li>
 *   <li>{@link RouterOsTrapException}: the router refused this one command (e.g. an unknown profile);
 *       the connection stays usable.</li>
 *   <li>{@link RouterObjectNotFoundException}: the object a command needs is not on the router.</li>
 *   <li>{@link RouterOsProtocolException}: the router answered something this driver cannot read.</li>
 * </ul>
 * Messages name the router, the command path and the object, never passwords or whole voucher codes.
 */
public abstract sealed class RouterOsException extends Exception permits
        RouterUnreachableException, RouterOsTimeoutException, RouterOsAuthException, RouterOsTlsException,
        RouterOsTrapException, RouterObjectNotFoundException, RouterOsProtocolException {

    protected RouterOsException(String message) {
        super(message);
    }

    protected RouterOsException(String message, Throwable cause) {
        super(message, cause);
    }
}
