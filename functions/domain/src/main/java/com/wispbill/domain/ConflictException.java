package com.wispbill.domain;

/**
 * The request is valid but conflicts with the current state, typically because a concurrent writer
 * got there first (a conditional write lost: "voucher already redeemed", "phone already registered").
 * Maps to HTTP 409. Retrying the same request will not help without re-reading the state.
 */
public final class ConflictException extends DomainException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
