package com.wispbill.usage;

import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.UsageRepository.QuotaRef;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.adapters.repository.UsageRepository.StoredRouterUsage;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.enforcement.RouterUsageState;
import com.wispbill.domain.enforcement.RouterUsageState.Flush;
import com.wispbill.domain.enforcement.RouterUsageState.Owner;
import com.wispbill.domain.messages.RouterUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns router polls (one message per poll, all its sessions) into usage with about one write per
 * poll. Per router of a batch:
 * <ol>
 *   <li>load the router's usage state (one item: session cursors, usage not yet on the counters, owner cache);</li>
 *   <li>finish a flush a crash left in progress (each counter item takes a flush once);</li>
 *   <li>apply the polls in time order: newer readings than the cursors add to pending usage;</li>
 *   <li>resolve owners not cached or recorded as changed ({@link OwnerChangesHandler}), record vouchers' first use;</li>
 *   <li>freeze into a flush: everyone's pending usage when the last flush of everyone is
 *       {@link WriteBehind#flushEvery()} old, else only users near a quota whose enforcement is not in force yet (a router that stops
 *       polling is flushed by {@link UsageFlushSweep}'s job, a message without polls);</li>
 *   <li>save the state, conditional on the version read (cursors, pending and the frozen flush move together);</li>
 *   <li>apply the flush to the per-user counters, save again with it cleared, enforce quotas from the totals.</li>
 * </ol>
 * A crash between any two steps: before 6 nothing is stored (the redelivery recomputes the same);
 * after 6 the cursors moved (the redelivery adds nothing) and the frozen flush is finished by the
 * next message of the router, each counter item taking it once. Returns the ids of the messages to retry.
 */
public final class UsageIngestor {
    private static final Logger LOG = LoggerFactory.getLogger(UsageIngestor.class);
    /**
     * A poll older than this is not counted but sent to the DLQ: it is far behind the router's
     * newest poll, whose state no longer tells what it counted.
     */
    static final Duration MAX_SAMPLE_AGE = Duration.ofHours(36);
    /**
     * How far before a router's last look at the owner changes the next look starts: covers a change
     * recorded while that look read (eventually consistent) and clocks of two functions apart.
     */
    static final Duration OWNER_CHANGES_MARGIN = Duration.ofMinutes(2);

    /**
     * When per-user counters are written.
     *
     * @param flushEvery   everyone's pending usage is flushed by the first poll this long after the last
     *                     flush of everyone (polls come every minute: flushed at most a poll interval later)
     * @param nearQuota    a user whose flushed plus pending usage reaches this fraction of a limit is
     *                     flushed (and enforced) with every poll
     * @param ownerRefresh a cached owner (subscription or voucher, plan limits, quota period) is
     *                     read again after this long even if no change of it was recorded (a safety
     *                     net: changes are taken from the recorded owner changes at every poll)
     */
    public record WriteBehind(Duration flushEvery, double nearQuota, Duration ownerRefresh) {
        /** Flushed at least every 15 minutes with polls a minute apart; within 20 % of a limit, every poll. */
        public static final WriteBehind DEFAULT = new WriteBehind(Duration.ofMinutes(13), 0.8, Duration.ofHours(24));
        /** Every poll flushed: the counters are current after each message (tests of totals). */
        public static final WriteBehind EVERY_POLL = new WriteBehind(Duration.ZERO, 0.8, Duration.ofHours(24));

        public WriteBehind {
            Objects.requireNonNull(flushEvery, "flushEvery");
            Objects.requireNonNull(ownerRefresh, "ownerRefresh");
            if (flushEvery.isNegative() || flushEvery.compareTo(Duration.ofMinutes(14)) > 0) {
                throw new IllegalArgumentException("flushEvery must be between 0 and 14 minutes");
            }
            if (!(nearQuota > 0 && nearQuota <= 1)) {
                throw new IllegalArgumentException("nearQuota must be in (0, 1]");
            }
        }
    }

    private final UsageRepository usage;
    private final ResellerRepository resellers;
    private final PlanRepository plans;
    private final SubscriptionRepository subscriptions;
    private final VoucherRepository vouchers;
    private final QuotaEnforcer enforcer;
    private final Clock clock;
    private final WriteBehind writeBehind;
    /** Reseller zones change rarely and only move future day boundaries: cached per instance. */
    private final Map<String, ResellerCalendar> calendars = new ConcurrentHashMap<>();

    UsageIngestor(UsageRepository usage, ResellerRepository resellers, PlanRepository plans,
                  SubscriptionRepository subscriptions, VoucherRepository vouchers, QuotaEnforcer enforcer,
                  Clock clock, WriteBehind writeBehind) {
        this.usage = usage;
        this.resellers = resellers;
        this.plans = plans;
        this.subscriptions = subscriptions;
        this.vouchers = vouchers;
        this.enforcer = enforcer;
        this.clock = clock;
        this.writeBehind = Objects.requireNonNull(writeBehind, "writeBehind");
    }

    private record RouterRef(String resellerId, String routerId) {
    }

    /**
     * Ingests {@code messages} (polls, and the flush sweep's jobs for routers that stopped polling); returns
     * the message ids to report as failed.
     */
    public Set<String> ingest(List<ReceivedUsage> messages) {
        Set<String> failed = new LinkedHashSet<>();
        Instant oldestCountable = clock.instant().minus(MAX_SAMPLE_AGE);
        Map<RouterRef, List<ReceivedUsage>> byRouter = new LinkedHashMap<>();
        for (ReceivedUsage r : messages) {
            if (r.message() instanceof RouterUsage poll
                    && !poll.sessions().stream().allMatch(s -> Subscription.isValidUsername(s.username()))) {
                // Cannot be keyed: poison, so it goes to the DLQ for a look instead of vanishing.
                LOG.warn("message " + r.messageId() + ": a username is not a RouterOS username we bill: " + poll);
                failed.add(r.messageId());
            } else if (r.message() instanceof RouterUsage poll && poll.sampledAt().isBefore(oldestCountable)) {
                LOG.warn("message " + r.messageId() + ": poll older than " + MAX_SAMPLE_AGE + ", not counted: " + poll);
                failed.add(r.messageId());
            } else {
                // A flush job joins the router's polls of the batch: one load and save for all of them.
                byRouter.computeIfAbsent(new RouterRef(r.message().resellerId(), r.message().routerId()),
                        k -> new ArrayList<>()).add(r);
            }
        }
        OwnerChangeLooks looks = new OwnerChangeLooks();
        byRouter.forEach((router, group) -> {
            try {
                if (!ingestRouter(router, group, looks)) {
                    group.forEach(r -> failed.add(r.messageId()));
                }
            } catch (RuntimeException e) {
                LOG.warn("usage of router " + router.routerId() + " of reseller " + router.resellerId()
                        + " failed; its messages will be retried", e);
                group.forEach(r -> failed.add(r.messageId()));
            }
        });
        return failed;
    }

    /** Applies a router's messages of the batch (polls and flush jobs); false if they must be retried. */
    private boolean ingestRouter(RouterRef router, List<ReceivedUsage> received, OwnerChangeLooks looks) {
        Optional<ResellerCalendar> calendar = calendar(router.resellerId());
        if (calendar.isEmpty()) {
            if (received.stream().noneMatch(r -> r.message() instanceof RouterUsage)) {
                // Only the sweep's jobs: the state outlived its reseller, and no retry can count its usage.
                // Dead-lettering it every minute would keep the DLQ alarm on for nothing anyone can fix.
                LOG.warn("flush job for router " + router.routerId() + " of unknown reseller " + router.resellerId()
                        + ": its pending usage cannot be counted; taken out of the flush sweep");
                usage.abandonUnflushed(router.resellerId(), router.routerId());
                return true;
            }
            LOG.warn("usage for unknown reseller " + router.resellerId() + ": sent to the DLQ");
            return false;
        }
        List<RouterUsage> ordered = received.stream().map(ReceivedUsage::message)
                .flatMap(m -> m instanceof RouterUsage poll ? java.util.stream.Stream.of(poll) : java.util.stream.Stream.empty())
                .sorted(Comparator.comparing(RouterUsage::sampledAt)).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                apply(router, ordered, calendar.get(), attempt > 1, looks);
                return true;
            } catch (ConflictException e) {
                // Another message of this router was applied meanwhile: read it strongly and apply on top, once.
                if (attempt >= 2) {
                    LOG.warn("usage state of router " + router.routerId() + " keeps changing; retried by redelivery");
                    return false;
                }
            }
        }
    }

    private void apply(RouterRef router, List<RouterUsage> polls, ResellerCalendar calendar, boolean consistent,
                       OwnerChangeLooks looks) {
        String rid = router.resellerId();
        StoredRouterUsage stored = usage.routerUsage(rid, router.routerId(), consistent);
        RouterUsageState state = stored.state();
        Instant now = clock.instant();
        Map<String, UsageOwner> fresh = new HashMap<>();
        Map<String, Plan> planCache = new HashMap<>();

        Set<String> toEnforce = new LinkedHashSet<>();
        boolean leftInProgress = state.flushing().isPresent();
        if (leftInProgress) {
            // Left in progress by a crash after its state was saved: each counter item takes it once.
            finishFlush(router, state, state.flushing().get(), toEnforce);
        }

        Map<String, Instant> firstSeen = new LinkedHashMap<>();
        for (RouterUsage poll : polls) {
            state.apply(poll, calendar).firstSeen().forEach((u, t) -> firstSeen.merge(u, t, (a, b) -> a.isBefore(b) ? a : b));
        }
        state.notePendingSince(now);
        boolean flushAll = state.lastFlushAt().isEmpty()
                || !state.lastFlushAt().get().plus(writeBehind.flushEvery()).isAfter(now);
        if (polls.isEmpty() && !leftInProgress && !(flushAll && !state.pendingUsers().isEmpty())) {
            // The sweep's job for a router that polled (and flushed) after the sweep looked: nothing to do.
            return;
        }

        List<QuotaRef> unknownUsed = new ArrayList<>();
        Set<String> changed = changedOwners(rid, state, now, looks);
        for (Map.Entry<String, Instant> seen : firstSeen.entrySet()) {
            String user = seen.getKey();
            Optional<Owner> cached = state.owner(user);
            if (cached.isEmpty() || changed.contains(user)
                    || !cached.get().resolvedAt().plus(writeBehind.ownerRefresh()).isAfter(now)) {
                UsageOwner owner = resolve(rid, user, planCache, seen.getValue(), calendar);
                fresh.put(user, owner);
                cache(state, user, owner, cached, now, unknownUsed);
            }
        }
        for (String user : changed) {
            if (!fresh.containsKey(user)) {
                // Not in these polls but cached (usage waiting to be flushed): its pending usage must go to the new period.
                UsageOwner owner = resolve(rid, user, planCache, null, calendar);
                fresh.put(user, owner);
                cache(state, user, owner, state.owner(user), now, unknownUsed);
            }
        }

        Set<String> flushUsers = new LinkedHashSet<>();
        if (flushAll) {
            flushUsers.addAll(state.pendingUsers());
        }
        for (String user : firstSeen.keySet()) {
            Optional<Owner> owner = state.owner(user);
            // Throttled or isolated already (still connected): written behind like everyone, nothing to enforce.
            if (owner.isPresent() && owner.get().awaitsEnforcement(state.notFlushed(user), writeBehind.nearQuota())) {
                if (!fresh.containsKey(user)) {
                    // About to be enforced: the stored subscription or voucher, not the cached summary
                    // (a renewal moves the quota period).
                    UsageOwner owner2 = resolve(rid, user, planCache, firstSeen.get(user), calendar);
                    fresh.put(user, owner2);
                    cache(state, user, owner2, owner, now, unknownUsed);
                }
                flushUsers.add(user);
                toEnforce.add(user);
            }
        }
        if (!unknownUsed.isEmpty()) {
            // Owners resolved into a period this router has not flushed to: its stored total so far.
            usage.quotaUsage(rid, unknownUsed).forEach((ref, used) -> state.owner(ref.username()).ifPresent(o ->
                    state.cacheOwner(ref.username(), o.withUsed(used.usedBytes(), used.usedSeconds()))));
        }

        Optional<Flush> flush = Optional.empty();
        if (!flushUsers.isEmpty()) {
            flush = Optional.of(state.startFlush(flushUsers, u -> state.owner(u).flatMap(Owner::period), now));
        }
        state.forgetIdleOwners();
        usage.saveRouterUsage(rid, router.routerId(), state, stored.version());
        long version = stored.version() + 1;

        boolean saved = true;
        if (flush.isPresent()) {
            finishFlush(router, state, flush.get(), toEnforce);
            try {
                usage.saveRouterUsage(rid, router.routerId(), state, version);
                version++;
            } catch (ConflictException e) {
                // A newer message of the router saved first: it finishes this flush again, adding nothing twice.
                LOG.info("router " + router.routerId() + ": flush " + flush.get().sequence() + " left for the next poll to clear");
                saved = false;
            }
        }

        List<String> nowInForce = new ArrayList<>();
        for (String user : toEnforce) {
            Optional<Owner> owner = state.owner(user);
            if (owner.isEmpty() || owner.get().period().isEmpty()) {
                continue;
            }
            UsageOwner current = fresh.computeIfAbsent(user, u -> resolve(rid, u, planCache, null, calendar));
            if (current.limitedPeriod().equals(owner.get().period())
                    && enforcer.enforce(current, new QuotaUsage(owner.get().usedBytes(), owner.get().usedSeconds()))) {
                nowInForce.add(user);
            }
        }
        if (saved && !nowInForce.isEmpty()) {
            // Recorded only once the enforcement is in force (its commands queued): from the next poll on these
            // users are written behind like everyone instead of being flushed and re-read with every poll.
            nowInForce.forEach(user -> state.owner(user).ifPresent(o -> state.cacheOwner(user, o.asEnforced())));
            try {
                usage.saveRouterUsage(rid, router.routerId(), state, version);
            } catch (ConflictException e) {
                LOG.info("router " + router.routerId() + ": enforcement of " + nowInForce.size()
                        + " users recorded by a later poll instead");
            }
        }
    }

    /**
     * Cached owners whose subscription (period, plan, status) or plan changed since this router last
     * looked: one eventually consistent Query of the reseller's owner changes (fed by the entity table's
     * stream) per reseller and invocation (routers of a reseller in one batch share it), instead of
     * reading every owner again on a timer. Looks back {@link #OWNER_CHANGES_MARGIN} before the last
     * look, for changes recorded while it read.
     */
    private Set<String> changedOwners(String resellerId, RouterUsageState state, Instant now, OwnerChangeLooks looks) {
        Set<String> cached = state.cachedOwners();
        if (cached.isEmpty()) {
            state.ownersCheckedAt(now);
            return Set.of();
        }
        if (state.ownersCheckedAt().isEmpty()) {
            // Cached before owner changes were recorded: changes since then cannot be told, so all are read once.
            state.ownersCheckedAt(now);
            return cached;
        }
        OwnerChangeLooks.Look look = looks.since(resellerId, state.ownersCheckedAt().get().minus(OWNER_CHANGES_MARGIN), now);
        state.ownersCheckedAt(look.at());
        Set<String> changed = new LinkedHashSet<>();
        for (String user : cached) {
            if (look.changes().affects(user)) {
                changed.add(user);
            }
        }
        return changed;
    }

    /** The owner changes read in one invocation, per reseller: a look from an earlier time serves later ones too. */
    private final class OwnerChangeLooks {
        record Look(Instant from, Instant at, UsageRepository.OwnerChanges changes) {
        }

        private final Map<String, Look> byReseller = new HashMap<>();

        Look since(String resellerId, Instant from, Instant now) {
            Look look = byReseller.get(resellerId);
            if (look == null || look.from().isAfter(from)) {
                look = new Look(from, now, usage.ownerChangesSince(resellerId, from));
                byReseller.put(resellerId, look);
            }
            return look;
        }
    }

    /** Adds {@code flush} to the counters, takes the quota totals into the owner cache, marks it done. */
    private void finishFlush(RouterRef router, RouterUsageState state, Flush flush, Set<String> toEnforce) {
        Map<String, QuotaUsage> totals = usage.applyFlush(router.resellerId(), router.routerId(), flush);
        for (RouterUsageState.UserFlush u : flush.users()) {
            QuotaUsage total = totals.get(u.username());
            Optional<Owner> owner = state.owner(u.username());
            if (total != null && owner.isPresent() && owner.get().period().equals(u.period())) {
                Owner updated = owner.get().withUsed(total.usedBytes(), total.usedSeconds());
                state.cacheOwner(u.username(), updated);
                if (updated.awaitsEnforcement(com.wispbill.domain.enforcement.Usage.NONE, writeBehind.nearQuota())) {
                    toEnforce.add(u.username());
                }
            }
        }
        state.flushed();
    }

    /** Caches {@code owner}; a period this router has not counted in yet needs its stored total read. */
    private static void cache(RouterUsageState state, String user, UsageOwner owner, Optional<Owner> previous,
                              Instant now, List<QuotaRef> unknownUsed) {
        Optional<String> period = owner.limitedPeriod();
        boolean samePeriod = previous.isPresent() && previous.get().period().equals(period);
        long usedBytes = samePeriod ? previous.get().usedBytes() : 0;
        long usedSeconds = samePeriod ? previous.get().usedSeconds() : 0;
        if (period.isPresent() && !samePeriod) {
            unknownUsed.add(new QuotaRef(user, period.get()));
        }
        state.cacheOwner(user, switch (owner) {
            case UsageOwner.OfSubscription s -> new Owner(Owner.Kind.SUBSCRIPTION, period, dataLimit(s.plan()),
                    timeLimit(s.plan()), usedBytes, usedSeconds, now);
            case UsageOwner.OfVoucher v -> new Owner(Owner.Kind.VOUCHER, period, dataLimit(v.plan()),
                    timeLimit(v.plan()), usedBytes, usedSeconds, now);
            case UsageOwner.Unbilled u -> Owner.unbilled(now);
        });
    }

    private static OptionalLong dataLimit(Plan plan) {
        return plan.dataLimit().map(d -> OptionalLong.of(d.bytes())).orElse(OptionalLong.empty());
    }

    private static OptionalLong timeLimit(Plan plan) {
        return plan.timeLimit().map(t -> OptionalLong.of(t.toSeconds())).orElse(OptionalLong.empty());
    }

    /**
     * The stored owner of {@code username}; a voucher seen in a session while ACTIVE becomes USED at
     * {@code firstSeen} (the session's login), when known.
     */
    private UsageOwner resolve(String resellerId, String username, Map<String, Plan> planCache, Instant firstSeen,
                               ResellerCalendar calendar) {
        Optional<Subscription> subscription = subscriptions.findByUsername(resellerId, username);
        UsageOwner owner;
        if (subscription.isPresent()) {
            owner = plan(resellerId, subscription.get().planId(), planCache)
                    .<UsageOwner>map(p -> new UsageOwner.OfSubscription(subscription.get(), p))
                    .orElseGet(UsageOwner.Unbilled::new);
        } else {
            owner = vouchers.findByCode(resellerId, username)
                    .flatMap(v -> plan(resellerId, v.planId(), planCache).<UsageOwner>map(p -> new UsageOwner.OfVoucher(v, p)))
                    .orElseGet(UsageOwner.Unbilled::new);
        }
        if (owner instanceof UsageOwner.OfVoucher v && firstSeen != null) {
            return enforcer.recordFirstUse(v, firstSeen, calendar);
        }
        return owner;
    }

    private Optional<Plan> plan(String resellerId, String planId, Map<String, Plan> cache) {
        Plan cached = cache.get(planId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Plan> plan = plans.find(resellerId, planId);
        plan.ifPresent(p -> cache.put(planId, p));
        return plan;
    }

    private Optional<ResellerCalendar> calendar(String resellerId) {
        ResellerCalendar cached = calendars.get(resellerId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ResellerCalendar> calendar = resellers.find(resellerId).map(r -> r.calendar());
        calendar.ifPresent(c -> calendars.put(resellerId, c));
        return calendar;
    }
}
