package com.wispbill.adapters.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * High-write usage counters, in their own table so usage traffic never competes with billing data.
 * Counters are atomic increments: usage-ingest aggregates a batch in memory and makes one call per key.
 */
public interface UsageRepository {

    /** Cumulative counters of one router session as last sampled. */
    record SessionCounters(long bytesIn, long bytesOut, Instant sampledAt) {
    }

    /**
     * Result of {@link #advanceSession}: whether the sample was newer than the stored one, and the
     * stored one it replaced (empty for a session seen for the first time).
     */
    record SessionAdvance(boolean accepted, Optional<SessionCounters> previous) {
    }

    /** Bytes of one day (subscriber usage or reseller bandwidth). */
    record DailyUsage(LocalDate day, long bytesIn, long bytesOut) {
        public long totalBytes() {
            return Math.addExact(bytesIn, bytesOut);
        }
    }

    /**
     * Stores {@code sample} as the session's latest counters if it is newer than what is stored, and
     * returns the previous counters so the caller can compute the delta. An older or equal sample
     * (duplicate or out-of-order delivery) is not stored and comes back {@code accepted = false}.
     */
    SessionAdvance advanceSession(String resellerId, String routerId, String sessionId, SessionCounters sample);

    /** Adds to a subscriber's (RouterOS username's) usage on {@code day}; returns the day's new totals. */
    DailyUsage addSubscriberUsage(String resellerId, String username, LocalDate day, long bytesIn, long bytesOut);

    /** Adds to the reseller's total bandwidth on {@code day}; returns the day's new totals. */
    DailyUsage addResellerBandwidth(String resellerId, LocalDate day, long bytesIn, long bytesOut);

    /**
     * Adds to the bytes used against a quota period ({@code periodId}: e.g. the subscription id and the
     * expiry it runs to, or a voucher id) and returns the new total, for data-limit enforcement.
     */
    long addQuotaUsage(String resellerId, String username, String periodId, long bytes);

    List<DailyUsage> subscriberUsage(String resellerId, String username, LocalDate from, LocalDate to);

    List<DailyUsage> resellerBandwidth(String resellerId, LocalDate from, LocalDate to);
}
