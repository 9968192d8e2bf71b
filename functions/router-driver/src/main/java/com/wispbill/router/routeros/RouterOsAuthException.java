package com.wispbill.router.routeros;

/** The router refused the API login: wrong user name or password, or a user without API access. */
public final class RouterOsAuthException extends RouterOsException {
    public RouterOsAuthException(String message) {
        super(message);
    }
}
