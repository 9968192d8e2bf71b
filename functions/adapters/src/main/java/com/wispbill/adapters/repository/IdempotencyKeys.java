package com.wispbill.adapters.repository;

import java.time.Instant;
import java.util.Optional;

/**
 * Client idempotency keys ({@code Idempotency-Key} on a POST): the first request with a key claims it
 * for the object it creates, in the creating transaction, so a retry of a request whose answer was lost
 * finds that object instead of creating a second one. Keys are per reseller and forgotten after a day.
 */
public interface IdempotencyKeys {
    /** Enlists claiming {@code key} for {@code objectId} in {@code tx}; a key already claimed fails the commit. */
    void claim(String resellerId, String key, String objectId, Instant now, WriteTransaction tx);

    /** The object {@code key} was claimed for, if it was (strongly consistent). */
    Optional<String> find(String resellerId, String key);
}
