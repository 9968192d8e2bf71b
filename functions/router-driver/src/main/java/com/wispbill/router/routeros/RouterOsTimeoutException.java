package com.wispbill.router.routeros;

/**
 * The router accepted a command (or the login) but did not finish answering within the command
 * timeout. The command may or may not have been applied. The session that timed out is no longer used:
 * a late reply could still be on its way.
 */
public final class RouterOsTimeoutException extends RouterOsException {
    public RouterOsTimeoutException(String message) {
        super(message);
    }
}
