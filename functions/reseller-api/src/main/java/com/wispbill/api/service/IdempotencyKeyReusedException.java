package com.wispbill.api.service;

/**
 * An {@code Idempotency-Key} came back with another request body within its lifetime: nothing is ordered
 * (the API answers 422).
 */
public final class IdempotencyKeyReusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was used for a different request in the last 24 hours; use a new key for a new order");
    }
}
