package com.wispbill.router.credentials;

/** A router's credentials could not be read or are malformed. Messages never contain the secret's value. */
public final class RouterCredentialsException extends RuntimeException {
    public RouterCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }

    public RouterCredentialsException(String message) {
        super(message);
    }
}
