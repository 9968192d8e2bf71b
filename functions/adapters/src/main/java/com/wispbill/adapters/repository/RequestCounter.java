package com.wispbill.adapters.repository;

import java.time.Duration;
import java.time.Instant;

/**
 * Request counts per API key and fixed time window, shared by every Lambda execution environment
 * (an atomic increment on one item per key and window), for the per-key rate limit.
 */
public interface RequestCounter {
    /** The fixed window of length {@code length} that holds an instant; counters expire a window after it ends. */
    record Window(Instant start, Duration length) {
        public static Window containing(Instant now, Duration length) {
            long millis = length.toMillis();
            return new Window(Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis), length);
        }

        public Instant end() {
            return start.plus(length);
        }

        /** Whole seconds from {@code now} until the window ends, at least 1: a {@code Retry-After} value. */
        public long secondsLeft(Instant now) {
            return Math.max(1, (Duration.between(now, end()).toMillis() + 999) / 1000);
        }
    }

    /** Counts one request of {@code keyId} in {@code window} and returns the window's count including this one. */
    default long increment(String keyId, Window window) {
        return increment(keyId, window.start(), window.end().plus(window.length()));
    }

    /**
     * Counts one request of {@code keyId} in the window starting at {@code windowStart} and returns the
     * window's count including this one. The counter may be deleted any time after {@code expiresAt}.
     */
    long increment(String keyId, Instant windowStart, Instant expiresAt);
}
