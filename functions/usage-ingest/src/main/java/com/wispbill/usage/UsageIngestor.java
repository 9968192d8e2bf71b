package com.wispbill.usage;

import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.UsageRepository.BandwidthDayDelta;
import com.wispbill.adapters.repository.UsageRepository.CursorAdvance;
import com.wispbill.adapters.repository.UsageRepository.QuotaDelta;
import com.wispbill.adapters.repository.UsageRepository.QuotaRef;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.adapters.repository.UsageRepository.SessionRef;
import com.wispbill.adapters.repository.UsageRepository.SubscriberDayDelta;
import com.wispbill.adapters.repository.UsageRepository.UsageCommit;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Plan;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.enforcement.SessionReading;
import com.wispbill.domain.enforcement.Usage;
import com.wispbill.domain.messages.UsageSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a batch of cumulative session samples into usage and commits it with few writes:
 * <ol>
 *   <li>per session, samples newer than the stored cursor are taken in time order and turned into
 *       deltas (a counter going down is a new session); older or equal ones were counted already;</li>
 *   <li>deltas are summed in memory per key (subscriber day, reseller day, quota period);</li>
 *   <li>each group of sessions is committed in ONE transaction together with the cursor advances its
 *       deltas came from, conditional on the cursors read. A retry (partial failure, crash after some
 *       groups) recomputes from the cursors: committed groups yield zero, uncommitted ones their full
 *       delta, so nothing is counted twice or lost;</li>
 *   <li>then first use and quotas are acted on from stored totals.</li>
 * </ol>
 * Returns the ids of the messages whose effects did not all commit; the queue redelivers those.
 */
public final class UsageIngestor {
    private static final Logger LOG = LoggerFactory.getLogger(UsageIngestor.class);
    /**
     * Session cursors expire (TTL) two days after their last sample; a sample older than this could
     * find its cursor gone and be counted again, so it is not counted but sent to the DLQ.
     */
    static final Duration MAX_SAMPLE_AGE = Duration.ofHours(36);

    private final UsageRepository usage;
    private final ResellerRepository resellers;
    private final PlanRepository plans;
    private final SubscriptionRepository subscriptions;
    private final VoucherRepository vouchers;
    private final QuotaEnforcer enforcer;
    private final Clock clock;
    /** Reseller zones change rarely and only move future day boundaries: cached per instance. */
    private final Map<String, ResellerCalendar> calendars = new ConcurrentHashMap<>();

    UsageIngestor(UsageRepository usage, ResellerRepository resellers, PlanRepository plans,
                  SubscriptionRepository subscriptions, VoucherRepository vouchers, QuotaEnforcer enforcer,
                  Clock clock) {
        this.usage = usage;
        this.resellers = resellers;
        this.plans = plans;
        this.subscriptions = subscriptions;
        this.vouchers = vouchers;
        this.enforcer = enforcer;
        this.clock = clock;
    }

    /** Ingests {@code samples}; returns the message ids to report as failed. */
    public Set<String> ingest(List<ReceivedSample> samples) {
        Set<String> failed = new LinkedHashSet<>();
        Instant oldestCountable = clock.instant().minus(MAX_SAMPLE_AGE);
        Map<String, List<ReceivedSample>> byReseller = new LinkedHashMap<>();
        for (ReceivedSample r : samples) {
            if (!Subscription.isValidUsername(r.sample().username())) {
                // Cannot be keyed: poison, so it goes to the DLQ for a look instead of vanishing.
                LOG.warn("message " + r.messageId() + ": username is not a RouterOS username we bill: " + r.sample());
                failed.add(r.messageId());
            } else if (r.sample().sampledAt().isBefore(oldestCountable)) {
                LOG.warn("message " + r.messageId() + ": sample older than " + MAX_SAMPLE_AGE + ", not counted: " + r.sample());
                failed.add(r.messageId());
            } else {
                byReseller.computeIfAbsent(r.sample().resellerId(), k -> new ArrayList<>()).add(r);
            }
        }
        byReseller.forEach((resellerId, group) -> {
            try {
                failed.addAll(ingestReseller(resellerId, group));
            } catch (RuntimeException e) {
                LOG.warn("usage of reseller " + resellerId + " failed; its messages will be retried", e);
                group.forEach(r -> failed.add(r.messageId()));
            }
        });
        return failed;
    }

    /** One session's part of the batch: the cursor move and the usage per local day. */
    private record SessionWork(SessionRef ref, String username, Optional<SessionReading> expected,
                               Optional<SessionReading> next, Map<LocalDate, Usage> perDay, Set<String> messageIds,
                               Instant firstSeen) {
        Usage total() {
            return perDay.values().stream().reduce(Usage.NONE, Usage::plus);
        }
    }

    private Set<String> ingestReseller(String resellerId, List<ReceivedSample> group) {
        Optional<ResellerCalendar> calendar = calendar(resellerId);
        if (calendar.isEmpty()) {
            LOG.warn("samples for unknown reseller " + resellerId + ": sent to the DLQ");
            return messageIds(group);
        }
        Map<SessionRef, List<ReceivedSample>> bySession = new LinkedHashMap<>();
        for (ReceivedSample r : group) {
            bySession.computeIfAbsent(new SessionRef(r.sample().routerId(), r.sample().sessionId()), k -> new ArrayList<>()).add(r);
        }
        Map<SessionRef, SessionReading> cursors = usage.sessionCursors(resellerId, bySession.keySet());
        List<SessionWork> work = new ArrayList<>();
        bySession.forEach((ref, received) -> work.add(deltas(ref, Optional.ofNullable(cursors.get(ref)), received, calendar.get())));

        Map<String, UsageOwner> owners = new LinkedHashMap<>();
        Map<String, Plan> planCache = new HashMap<>();
        for (SessionWork w : work) {
            owners.computeIfAbsent(w.username(), u -> owner(resellerId, u, planCache));
        }
        Map<QuotaRef, QuotaUsage> quotaBefore = usage.quotaUsage(resellerId, owners.entrySet().stream()
                .flatMap(e -> e.getValue().limitedPeriod().map(p -> new QuotaRef(e.getKey(), p)).stream()).toList());

        Set<String> failed = new LinkedHashSet<>();
        Map<String, Usage> committedPerUser = new HashMap<>();
        Set<String> failedUsers = new HashSet<>();
        for (List<SessionWork> chunk : chunks(work, owners)) {
            try {
                usage.commit(commitOf(resellerId, chunk, owners));
                for (SessionWork w : chunk) {
                    committedPerUser.merge(w.username(), w.total(), Usage::plus);
                }
            } catch (RuntimeException e) {
                // A cursor moved by a concurrent batch (ConflictException) or a store failure: nothing
                // of this chunk was written; redelivery recomputes it from the cursors.
                LOG.warn("usage commit of " + chunk.size() + " sessions of reseller " + resellerId
                        + " failed; retried by redelivery", e);
                chunk.forEach(w -> {
                    failed.addAll(w.messageIds());
                    failedUsers.add(w.username());
                });
            }
        }

        Map<String, Instant> firstSeen = new HashMap<>();
        Map<String, Set<String>> messagesOfUser = new HashMap<>();
        for (SessionWork w : work) {
            firstSeen.merge(w.username(), w.firstSeen(), (a, b) -> a.isBefore(b) ? a : b);
            messagesOfUser.computeIfAbsent(w.username(), k -> new HashSet<>()).addAll(w.messageIds());
        }
        owners.forEach((username, owner) -> {
            if (failedUsers.contains(username)) {
                return;
            }
            try {
                UsageOwner current = owner instanceof UsageOwner.OfVoucher v
                        ? enforcer.recordFirstUse(v, firstSeen.get(username), calendar.get())
                        : owner;
                current.limitedPeriod().ifPresent(period -> {
                    QuotaUsage before = quotaBefore.getOrDefault(new QuotaRef(username, period), QuotaUsage.NONE);
                    Usage added = committedPerUser.getOrDefault(username, Usage.NONE);
                    enforcer.enforce(current, new QuotaUsage(before.usedBytes() + added.totalBytes(),
                            before.usedSeconds() + added.uptimeSeconds()));
                });
            } catch (RuntimeException e) {
                LOG.warn("enforcement for a user of reseller " + resellerId + " failed; retried by redelivery", e);
                failed.addAll(messagesOfUser.get(username));
            }
        });
        return failed;
    }

    /** Samples newer than the cursor, in time order, each against the one before it. */
    private static SessionWork deltas(SessionRef ref, Optional<SessionReading> stored, List<ReceivedSample> received,
                                      ResellerCalendar calendar) {
        List<UsageSample> ordered = received.stream().map(ReceivedSample::sample)
                .sorted(Comparator.comparing(UsageSample::sampledAt)).toList();
        Optional<SessionReading> current = stored;
        Map<LocalDate, Usage> perDay = new LinkedHashMap<>();
        String username = ordered.getLast().username();
        Instant firstSeen = ordered.getFirst().sampledAt().minus(ordered.getFirst().uptime());
        for (UsageSample s : ordered) {
            SessionReading reading = new SessionReading(s.bytesIn(), s.bytesOut(), s.uptime().toSeconds(), s.sampledAt());
            if (reading.isNewerThan(current)) {
                perDay.merge(calendar.dateOf(s.sampledAt()), reading.since(current), Usage::plus);
                current = Optional.of(reading);
            }
        }
        Optional<SessionReading> next = current.equals(stored) ? Optional.empty() : current;
        return new SessionWork(ref, username, stored, next, perDay, messageIds(received), firstSeen);
    }

    private static Set<String> messageIds(List<ReceivedSample> received) {
        Set<String> ids = new LinkedHashSet<>();
        received.forEach(r -> ids.add(r.messageId()));
        return ids;
    }

    /**
     * Sessions grouped so each group fits one transaction: a cursor per session, plus the day and
     * quota items of its user and the reseller's day items, counted once per group. A user's
     * sessions stay together where they fit, so each user key is written once per batch.
     */
    private static List<List<SessionWork>> chunks(List<SessionWork> work, Map<String, UsageOwner> owners) {
        Map<String, List<SessionWork>> byUser = new LinkedHashMap<>();
        work.stream().filter(w -> w.next().isPresent())
                .forEach(w -> byUser.computeIfAbsent(w.username(), k -> new ArrayList<>()).add(w));
        List<List<SessionWork>> chunks = new ArrayList<>();
        List<SessionWork> chunk = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        for (List<SessionWork> sessions : byUser.values()) {
            for (SessionWork w : sessions) {
                Set<Object> needed = keysOf(w, owners);
                long newKeys = needed.stream().filter(k -> !keys.contains(k)).count();
                if (!chunk.isEmpty() && keys.size() + newKeys > WriteTransaction.MAX_WRITES) {
                    chunks.add(chunk);
                    chunk = new ArrayList<>();
                    keys.clear();
                }
                chunk.add(w);
                keys.addAll(needed);
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** The items a session's commit touches: its cursor, its user's days and quota, the reseller's days. */
    private static Set<Object> keysOf(SessionWork w, Map<String, UsageOwner> owners) {
        Set<Object> keys = new HashSet<>();
        keys.add(w.ref());
        for (LocalDate day : w.perDay().keySet()) {
            keys.add(List.of(w.username(), day));
            keys.add(day);
        }
        owners.get(w.username()).limitedPeriod().ifPresent(p -> keys.add(new QuotaRef(w.username(), p)));
        return keys;
    }

    private static UsageCommit commitOf(String resellerId, List<SessionWork> chunk, Map<String, UsageOwner> owners) {
        List<CursorAdvance> cursors = new ArrayList<>();
        List<SubscriberDayDelta> days = new ArrayList<>();
        List<BandwidthDayDelta> bandwidth = new ArrayList<>();
        List<QuotaDelta> quotas = new ArrayList<>();
        for (SessionWork w : chunk) {
            cursors.add(new CursorAdvance(w.ref(), w.expected(), w.next().orElseThrow()));
            w.perDay().forEach((day, u) -> {
                days.add(new SubscriberDayDelta(w.username(), day, u.bytesIn(), u.bytesOut()));
                bandwidth.add(new BandwidthDayDelta(day, u.bytesIn(), u.bytesOut()));
            });
            Usage total = w.total();
            owners.get(w.username()).limitedPeriod().ifPresent(p ->
                    quotas.add(new QuotaDelta(new QuotaRef(w.username(), p), total.totalBytes(), total.uptimeSeconds())));
        }
        return new UsageCommit(resellerId, cursors, days, bandwidth, quotas);
    }

    private UsageOwner owner(String resellerId, String username, Map<String, Plan> planCache) {
        Optional<Subscription> subscription = subscriptions.findByUsername(resellerId, username);
        if (subscription.isPresent()) {
            return plan(resellerId, subscription.get().planId(), planCache)
                    .<UsageOwner>map(p -> new UsageOwner.OfSubscription(subscription.get(), p))
                    .orElseGet(UsageOwner.Unbilled::new);
        }
        return vouchers.findByCode(resellerId, username)
                .flatMap(v -> plan(resellerId, v.planId(), planCache).<UsageOwner>map(p -> new UsageOwner.OfVoucher(v, p)))
                .orElseGet(UsageOwner.Unbilled::new);
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
