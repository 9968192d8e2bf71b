package com.wispbill.adapters.repository;

import java.time.Instant;
import java.util.Optional;

/**
 * Client idempotency keys ({@code Idempotency-Key} on a POST): the first request with a key claims it
 * for the object it creates, in the creating transaction, so a retry of a request whose answer was lost
 * finds that object instead of creating a second one. A key is bound to a hash of the request that
 * claimed it: the same key with another request is the client's mistake, not a retry. Keys are per
 * reseller and forgotten after a day.
 */
public interface IdempotencyKeys {
    /** What a key was claimed for. {@code requestHash} is empty for claims made before keys were bound to requests. */
    record Claim(String objectId, Optional<String> requestHash) {
        public Claim {
            requestHash = requestHash == null ? Optional.empty() : requestHash;
        }

        /** Whether a request hashing to {@code hash} is a retry of the one that claimed the key. */
        public boolean isFor(String hash) {
            return requestHash.map(hash::equals).orElse(true);
        }
    }

    /**
     * Enlists claiming {@code key} for {@code objectId}, created by a request hashing to {@code requestHash},
     * in {@code tx}; a key already claimed fails the commit.
     */
    void claim(String resellerId, String key, String requestHash, String objectId, Instant now, WriteTransaction tx);

    /** What {@code key} was claimed for, if it was (strongly consistent). */
    Optional<Claim> find(String resellerId, String key);
}
