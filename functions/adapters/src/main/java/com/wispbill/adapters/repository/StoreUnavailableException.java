package com.wispbill.adapters.repository;

/**
 * The store did not give an answer the repository could interpret: it could not be reached, timed out,
 * throttled, or refused the request. Unlike {@link StoreBusyException}, a write may or may not have
 * happened; the caller's unit of work fails and is retried as a whole (idempotently).
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
