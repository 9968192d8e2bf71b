package com.wispbill.adapters.repository;

/**
 * The store refused a write for a passing reason (a concurrent transaction on the same items,
 * throttling): nothing was written, and the same write may succeed when tried again. Not a
 * {@link com.wispbill.domain.ConflictException}, which means the state the caller read has changed.
 */
public final class StoreBusyException extends RuntimeException {
    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
