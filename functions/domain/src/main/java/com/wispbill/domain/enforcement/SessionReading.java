package com.wispbill.domain.enforcement;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Cumulative counters of one router session at one moment (a sample, or the last one stored).
 *
 * @param bytesIn       upload, cumulative for the session
 * @param bytesOut      download, cumulative for the session
 * @param uptimeSeconds session uptime, cumulative
 * @param sampledAt     when the router was read
 */
public record SessionReading(long bytesIn, long bytesOut, long uptimeSeconds, Instant sampledAt) {

    public SessionReading {
        if (bytesIn < 0 || bytesOut < 0 || uptimeSeconds < 0) {
            throw new IllegalArgumentException("session counters are never negative");
        }
        Objects.requireNonNull(sampledAt, "sampledAt");
    }

    /** Whether this reading is newer than {@code stored} (absent: a session never seen). */
    public boolean isNewerThan(Optional<SessionReading> stored) {
        return stored.isEmpty() || sampledAt.isAfter(stored.get().sampledAt());
    }

    /**
     * Usage between {@code previous} and this (newer) reading. A counter below the previous reading
     * means the router started a new session under the same id (counters restart at zero after a
     * reboot or re-login), so everything this reading shows is new usage, never a negative amount.
     */
    public Usage since(Optional<SessionReading> previous) {
        if (!isNewerThan(previous)) {
            throw new IllegalArgumentException("a reading is counted only against an older one");
        }
        if (previous.isEmpty()) {
            return new Usage(bytesIn, bytesOut, uptimeSeconds);
        }
        SessionReading p = previous.get();
        boolean restarted = bytesIn < p.bytesIn || bytesOut < p.bytesOut || uptimeSeconds < p.uptimeSeconds;
        return restarted
                ? new Usage(bytesIn, bytesOut, uptimeSeconds)
                : new Usage(bytesIn - p.bytesIn, bytesOut - p.bytesOut, uptimeSeconds - p.uptimeSeconds);
    }
}
