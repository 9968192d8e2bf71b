package com.wispbill.adapters.repository;

import java.time.Instant;

/**
 * Request counts per API key and fixed time window, shared by every Lambda execution environment
 * (an atomic increment on one item per key and window), for the per-key rate limit.
 */
public interface RequestCounter {
    /**
     * Counts one request of {@code keyId} in the window starting at {@code windowStart} and returns the
     * window's count including this one. The counter may be deleted any time after {@code expiresAt}.
     */
    long increment(String keyId, Instant windowStart, Instant expiresAt);
}
