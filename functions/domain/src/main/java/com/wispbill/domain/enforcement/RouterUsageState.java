package com.wispbill.domain.enforcement;

import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageSample;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * What usage ingestion keeps per router, stored as ONE item written once per poll: the session
 * cursors (last counters counted per session), the usage counted but not yet added to the per-user
 * counters ({@code pending}, written behind), the flush in progress ({@code flushing}, frozen so a
 * retried flush adds exactly what the first attempt added) and a cache of who each username belongs to.
 * <p>Applying a poll moves cursors and pending usage together in this one item, so a poll applied
 * twice (duplicate, retry after a crash) finds its cursors moved and adds nothing. Mutable: load,
 * apply, save under the stored version.
 */
public final class RouterUsageState {
    /**
     * Cursors of sessions no longer reported are kept this long after the newest poll, so a poll that
     * arrives up to this late still finds them; parts of older polls count only against cursors still
     * kept (a session without one was counted before or is counted in full by its next poll).
     */
    public static final Duration CURSOR_GRACE = Duration.ofMinutes(30);

    public record Cursor(String username, SessionReading reading) {
        public Cursor {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(reading, "reading");
        }
    }

    /**
     * Who a username belongs to, as last resolved, and its quota usage as of the last flush.
     *
     * @param enforced its quota enforcement for {@code period} is in force and leaves it connected (throttled or
     *                 isolated): nothing more happens however far over the limit it goes, so its usage is written
     *                 behind like everyone's. Cleared whenever the owner is resolved again (a renewal, a plan change).
     */
    public record Owner(Kind kind, Optional<String> period, OptionalLong dataLimitBytes, OptionalLong timeLimitSeconds,
                        long usedBytes, long usedSeconds, Instant resolvedAt, boolean enforced) {
        public enum Kind { SUBSCRIPTION, VOUCHER, UNBILLED }

        public Owner {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(resolvedAt, "resolvedAt");
        }

        /** An owner whose quota is not (yet) enforced. */
        public Owner(Kind kind, Optional<String> period, OptionalLong dataLimitBytes, OptionalLong timeLimitSeconds,
                     long usedBytes, long usedSeconds, Instant resolvedAt) {
            this(kind, period, dataLimitBytes, timeLimitSeconds, usedBytes, usedSeconds, resolvedAt, false);
        }

        public static Owner unbilled(Instant resolvedAt) {
            return new Owner(Kind.UNBILLED, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), 0, 0, resolvedAt);
        }

        public Owner withUsed(long bytes, long seconds) {
            return new Owner(kind, period, dataLimitBytes, timeLimitSeconds, bytes, seconds, resolvedAt, enforced);
        }

        /** The same owner with its enforcement recorded as in force. */
        public Owner asEnforced() {
            return new Owner(kind, period, dataLimitBytes, timeLimitSeconds, usedBytes, usedSeconds, resolvedAt, true);
        }

        /**
         * Whether this owner must be flushed and enforced with every poll: its flushed plus {@code notFlushed}
         * usage reaches {@code fraction} of a limit and its enforcement is not in force yet.
         */
        public boolean awaitsEnforcement(Usage notFlushed, double fraction) {
            return !enforced && near(notFlushed, fraction);
        }

        /** Whether {@code notFlushed} on top of the flushed usage reaches {@code fraction} of a limit. */
        public boolean near(Usage notFlushed, double fraction) {
            if (period.isEmpty()) {
                return false;
            }
            long bytes = usedBytes + notFlushed.totalBytes();
            long seconds = usedSeconds + notFlushed.uptimeSeconds();
            return (dataLimitBytes.isPresent() && bytes >= dataLimitBytes.getAsLong() * fraction)
                    || (timeLimitSeconds.isPresent() && seconds >= timeLimitSeconds.getAsLong() * fraction);
        }
    }

    /** A user's usage written behind in one flush: per reseller-local day, and against its quota period. */
    public record UserFlush(String username, Optional<String> period, Map<LocalDate, Usage> days) {
        public UserFlush {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(period, "period");
            days = Map.copyOf(days);
        }

        public Usage total() {
            return days.values().stream().reduce(Usage.NONE, Usage::plus);
        }
    }

    /** A frozen set of per-user additions, applied to the counters under {@code sequence} (once each). */
    public record Flush(long sequence, List<UserFlush> users) {
        public Flush {
            users = List.copyOf(users);
        }

        /** The router's share of the reseller's bandwidth per day, summed over the flushed users. */
        public Map<LocalDate, Usage> bandwidth() {
            Map<LocalDate, Usage> days = new LinkedHashMap<>();
            users.forEach(u -> u.days().forEach((day, usage) -> days.merge(day, usage, Usage::plus)));
            return days;
        }
    }

    /** What applying one poll part changed: usage added per user, and each user's earliest login seen. */
    public record Applied(Map<String, Usage> added, Map<String, Instant> firstSeen) {
    }

    private Optional<Instant> newest;
    private final Map<String, Cursor> cursors;
    private final Map<String, Owner> owners;
    private final Map<String, Map<LocalDate, Usage>> pending;
    private Optional<Flush> flushing;
    private long flushSequence;
    private Optional<Instant> lastFlushAt;
    /** Owner changes up to this time are reflected in the owner cache (kept beside the deflated state). */
    private Optional<Instant> ownersCheckedAt = Optional.empty();
    /** When the oldest usage in {@code pending} was accepted (kept beside the deflated state). */
    private Optional<Instant> pendingSince = Optional.empty();

    public RouterUsageState(Optional<Instant> newest, Map<String, Cursor> cursors, Map<String, Owner> owners,
                            Map<String, Map<LocalDate, Usage>> pending, Optional<Flush> flushing, long flushSequence,
                            Optional<Instant> lastFlushAt) {
        this.newest = Objects.requireNonNull(newest, "newest");
        this.cursors = new HashMap<>(cursors);
        this.owners = new HashMap<>(owners);
        this.pending = new LinkedHashMap<>();
        pending.forEach((user, days) -> this.pending.put(user, new LinkedHashMap<>(days)));
        this.flushing = Objects.requireNonNull(flushing, "flushing");
        this.flushSequence = flushSequence;
        this.lastFlushAt = Objects.requireNonNull(lastFlushAt, "lastFlushAt");
    }

    /** A router seen for the first time. */
    public static RouterUsageState empty() {
        return new RouterUsageState(Optional.empty(), Map.of(), Map.of(), Map.of(), Optional.empty(), 0, Optional.empty());
    }

    /** The key of a session's cursor: kind and the router's id of the active entry. */
    public static String sessionKey(UsageSample.SessionKind kind, String sessionId) {
        return (kind == UsageSample.SessionKind.HOTSPOT ? "H" : "P") + sessionId;
    }

    /**
     * Counts one poll part: per session, a reading newer than its cursor adds the difference (or the
     * whole reading if a counter went down: a new session under that id) to the user's pending usage
     * on the reseller-local day of the poll, and moves the cursor. Older or equal readings were counted.
     */
    public Applied apply(RouterUsage poll, ResellerCalendar calendar) {
        Instant at = poll.sampledAt();
        boolean late = newest.isPresent() && at.isBefore(newest.get().minus(CURSOR_GRACE));
        LocalDate day = calendar.dateOf(at);
        Map<String, Usage> added = new HashMap<>();
        Map<String, Instant> firstSeen = new HashMap<>();
        for (RouterUsage.Session s : poll.sessions()) {
            String key = sessionKey(s.kind(), s.sessionId());
            Cursor cursor = cursors.get(key);
            Optional<SessionReading> previous = cursor == null ? Optional.empty() : Optional.of(cursor.reading());
            SessionReading reading = new SessionReading(s.bytesIn(), s.bytesOut(), s.uptimeSeconds(), at);
            Instant login = at.minusSeconds(s.uptimeSeconds());
            firstSeen.merge(s.username(), login, (a, b) -> a.isBefore(b) ? a : b);
            if (!reading.isNewerThan(previous) || (cursor == null && late)) {
                continue;
            }
            Usage usage = reading.since(previous);
            pending.computeIfAbsent(s.username(), u -> new LinkedHashMap<>()).merge(day, usage, Usage::plus);
            added.merge(s.username(), usage, Usage::plus);
            cursors.put(key, new Cursor(s.username(), reading));
        }
        if (newest.isEmpty() || at.isAfter(newest.get())) {
            newest = Optional.of(at);
        }
        Instant keepFrom = newest.get().minus(CURSOR_GRACE);
        cursors.values().removeIf(c -> c.reading().sampledAt().isBefore(keepFrom));
        return new Applied(added, firstSeen);
    }

    /**
     * Freezes the pending usage of {@code users} into the next flush ({@code periodOf} names each
     * one's quota period now). Only one flush at a time: the previous one must be {@link #flushed}.
     */
    public Flush startFlush(Collection<String> users, Function<String, Optional<String>> periodOf, Instant now) {
        if (flushing.isPresent()) {
            throw new IllegalStateException("a flush is still in progress");
        }
        List<UserFlush> flushed = new ArrayList<>();
        for (String user : users) {
            Map<LocalDate, Usage> days = pending.remove(user);
            if (days != null && !days.isEmpty()) {
                flushed.add(new UserFlush(user, periodOf.apply(user), days));
            }
        }
        // Never smaller than an earlier flush's, even for a state that started afresh (its item expired while the
        // router was away): the counters keep each router's last flush number and take only a larger one.
        flushSequence = Math.max(flushSequence + 1, now.toEpochMilli());
        Flush flush = new Flush(flushSequence, flushed);
        flushing = Optional.of(flush);
        if (pending.isEmpty()) {
            // Only a flush of everyone restarts the write-behind clock: flushing the users near a quota with
            // every poll must not keep the others' usage off the counters.
            lastFlushAt = Optional.of(now);
        }
        return flush;
    }

    /**
     * Records that usage pending now was accepted at {@code now} if nothing was waiting before: usage
     * waiting longer than the write-behind limit is flushed by the router's next poll, or by the sweep if
     * the router stopped polling.
     */
    public void notePendingSince(Instant now) {
        if (pending.isEmpty() && flushing.isEmpty()) {
            pendingSince = Optional.empty();
        } else if (pendingSince.isEmpty()) {
            pendingSince = Optional.of(now);
        }
    }

    /**
     * When the oldest usage not yet on the counters (pending, or frozen in a flush in progress) was accepted;
     * empty when everything is on the counters. After a flush of some users only, it stays that of the oldest
     * usage before the flush (it may flush everyone a little early, never late).
     */
    public Optional<Instant> pendingSince() {
        if (pending.isEmpty() && flushing.isEmpty()) {
            return Optional.empty();
        }
        return pendingSince.isPresent() || flushing.isEmpty() ? pendingSince : lastFlushAt;
    }

    /** As stored beside the deflated state. */
    public void pendingSince(Instant since) {
        pendingSince = Optional.of(Objects.requireNonNull(since, "since"));
    }

        /** The flush in progress reached the counters. */
    public void flushed() {
        flushing = Optional.empty();
        if (pending.isEmpty()) {
            pendingSince = Optional.empty();
        }
    }

    /** Owners of users with neither a kept cursor nor usage waiting: no longer cached. */
    public void forgetIdleOwners() {
        Set<String> active = new HashSet<>(pending.keySet());
        cursors.values().forEach(c -> active.add(c.username()));
        flushing.ifPresent(f -> f.users().forEach(u -> active.add(u.username())));
        owners.keySet().retainAll(active);
    }

    /** Usage counted for {@code user} but not yet on the counters (pending and in the flush in progress). */
    public Usage notFlushed(String user) {
        Usage total = pending.getOrDefault(user, Map.of()).values().stream().reduce(Usage.NONE, Usage::plus);
        if (flushing.isPresent()) {
            for (UserFlush u : flushing.get().users()) {
                if (u.username().equals(user)) {
                    total = total.plus(u.total());
                }
            }
        }
        return total;
    }

    /** Drops the cached owner of {@code username}: it is read again when next needed. */
    public void forgetOwner(String username) {
        owners.remove(username);
    }

    /** Usernames with a cached owner. */
    public Set<String> cachedOwners() {
        return Set.copyOf(owners.keySet());
    }

    /** Owner changes recorded up to {@code at} have been taken into the owner cache. */
    public void ownersCheckedAt(Instant at) {
        ownersCheckedAt = Optional.of(Objects.requireNonNull(at, "at"));
    }

    public Optional<Instant> ownersCheckedAt() {
        return ownersCheckedAt;
    }

    public Optional<Owner> owner(String username) {
        return Optional.ofNullable(owners.get(username));
    }

    public void cacheOwner(String username, Owner owner) {
        owners.put(username, Objects.requireNonNull(owner, "owner"));
    }

    public Optional<Instant> newest() {
        return newest;
    }

    public Map<String, Cursor> cursors() {
        return Map.copyOf(cursors);
    }

    public Map<String, Owner> owners() {
        return Map.copyOf(owners);
    }

    public Map<String, Map<LocalDate, Usage>> pending() {
        Map<String, Map<LocalDate, Usage>> copy = new LinkedHashMap<>();
        pending.forEach((user, days) -> copy.put(user, Map.copyOf(days)));
        return copy;
    }

    public Set<String> pendingUsers() {
        return Set.copyOf(pending.keySet());
    }

    public Optional<Flush> flushing() {
        return flushing;
    }

    public long flushSequence() {
        return flushSequence;
    }

    public Optional<Instant> lastFlushAt() {
        return lastFlushAt;
    }
}
