package com.wispbill.adapters.repository;

import com.wispbill.domain.enforcement.RouterUsageState;
import com.wispbill.domain.enforcement.SessionReading;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * High-write usage counters, in their own table so usage traffic never competes with billing data.
 * Counters are atomic increments: usage-ingest aggregates a batch in memory and makes one call per key.
 */
public interface UsageRepository {

    /** Bytes of one day (subscriber usage or reseller bandwidth). */
    record DailyUsage(LocalDate day, long bytesIn, long bytesOut) {
        public long totalBytes() {
            return Math.addExact(bytesIn, bytesOut);
        }
    }

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

    /** A quota counter: a username's usage in one quota period. */
    record QuotaRef(String username, String periodId) {
        public QuotaRef {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(periodId, "periodId");
        }
    }

    /** Usage counted against a quota period so far. */
    record QuotaUsage(long usedBytes, long usedSeconds) {
        public static final QuotaUsage NONE = new QuotaUsage(0, 0);
    }

    /** Stored quota usage (strongly consistent); counters never written are absent. */
    Map<QuotaRef, QuotaUsage> quotaUsage(String resellerId, Collection<QuotaRef> quotas);

    // ---------------------------------------------------------------- per-router state, written behind

    /** A router's usage state and the version it is stored under (0: never stored). */
    record StoredRouterUsage(RouterUsageState state, long version) {
    }

    /**
     * The router's usage state ({@link RouterUsageState#empty()} at version 0 if none);
     * {@code consistent} reads it strongly consistent (after a conflicting save).
     */
    StoredRouterUsage routerUsage(String resellerId, String routerId, boolean consistent);

    /**
     * Stores {@code state} as version {@code expectedVersion + 1}, only if the stored version is still
     * {@code expectedVersion}; otherwise nothing is written and a
     * {@link com.wispbill.domain.ConflictException} is thrown (another poll of the router was applied
     * meanwhile: reload and apply again).
     */
    void saveRouterUsage(String resellerId, String routerId, RouterUsageState state, long expectedVersion);

    /**
     * Adds {@code flush} to the counters: per user its day items and (with a period) its quota item,
     * and the router's share of the reseller's bandwidth per day. Each item records the last flush
     * sequence of this router it took, and takes a flush only once: repeated after a crash it adds
     * nothing twice. Returns the quota totals after the flush, per username with a period.
     */
    Map<String, QuotaUsage> applyFlush(String resellerId, String routerId, RouterUsageState.Flush flush);

    // ---------------------------------------------------------------- routers with usage not on the counters

    /**
     * Shards of the index of routers whose usage is not all on the counters: the flush sweep reads each
     * one on its own, and no partition of the index takes every router's writes.
     */
    int UNFLUSHED_SHARDS = 16;

    /** The index shard (0 to {@link #UNFLUSHED_SHARDS} - 1) a router's unflushed usage is listed in, spread by its key. */
    static int unflushedShardOf(String resellerId, String routerId) {
        return Math.floorMod((resellerId + "#" + routerId).hashCode(), UNFLUSHED_SHARDS);
    }

    /** A router whose usage accepted since {@code unflushedSince} is not all on the per-user counters. */
    record UnflushedRouter(String resellerId, String routerId, Instant unflushedSince) {
    }

    /**
     * Every index shard's routers with usage unflushed since before {@code before}, without those the sweep took at or
     * after {@code sweptSince} (their job may still wait on the queue), read side by side (the sweep's one listing per
     * run): one list per shard ({@link #unflushedShardOf}), in shard order, oldest first within a shard (a sparse
     * index of the router state items, eventually consistent: the flush itself re-reads the state).
     */
    List<List<UnflushedRouter>> routersUnflushedBeforeByShard(Instant before, Instant sweptSince);

    /**
     * Records that the sweep queues a job for each of {@code routers} at {@code at}, each only if its usage is still
     * unflushed since {@code unflushedSince()} and it was not taken at or after {@code sweptSince} (one conditional
     * write per router, the writes side by side); returns the routers marked, in the order given. The others were
     * taken by a concurrent sweep, flushed, or are gone. A mark is cleared by the router's next state save.
     *
     * @throws SomeMarksFailedException when the store failed some marks: every other mark was still made, and the
     *     exception names the routers marked (to be queued) apart from those failed (not to be queued)
     */
    List<UnflushedRouter> markSwept(List<UnflushedRouter> routers, Instant at, Instant sweptSince);

    /**
     * The store failed the marks of {@link #failed()} (throttled after the client's retries, unavailable): whether
     * they were written is unknown, so they are not to be queued (a mark written without its job only delays the
     * router by the sweep's wait). {@link #marked()} were marked, in the order given; the cause is the first
     * failure.
     */
    final class SomeMarksFailedException extends RuntimeException {
        private final transient List<UnflushedRouter> marked;
        private final transient List<UnflushedRouter> failed;

        public SomeMarksFailedException(List<UnflushedRouter> marked, List<UnflushedRouter> failed, RuntimeException first) {
            super(failed.size() + " sweep marks failed (first " + failed.getFirst() + "): " + first.getMessage(), first);
            this.marked = List.copyOf(marked);
            this.failed = List.copyOf(failed);
        }

        public List<UnflushedRouter> marked() {
            return marked;
        }

        public List<UnflushedRouter> failed() {
            return failed;
        }
    }

    /**
     * Takes a router state out of the index of unflushed routers for good (its reseller is gone: its usage can
     * never be counted) and lets it expire like a state with nothing pending. Nothing if the state is gone.
     */
    void abandonUnflushed(String resellerId, String routerId);

    // ---------------------------------------------------------------- owner changes (renewals, plan changes)

    /**
     * Usernames of a reseller whose owner (subscription: period, plan, status) changed, and whether every
     * owner of the reseller may have changed (a plan was edited).
     */
    record OwnerChanges(Set<String> usernames, boolean everyone) {
        public static final OwnerChanges NONE = new OwnerChanges(Set.of(), false);

        public OwnerChanges {
            usernames = Set.copyOf(usernames);
        }

        public boolean affects(String username) {
            return everyone || usernames.contains(username);
        }
    }

    /** Records that the owners of {@code changes} changed at {@code at} (what the entity table's stream reports). */
    void recordOwnerChanges(String resellerId, OwnerChanges changes, Instant at);

    /** Owner changes recorded at or after {@code since} (eventually consistent; callers look back a margin). */
    OwnerChanges ownerChangesSince(String resellerId, Instant since);
}
