package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.EnforcementStateRepository;
import com.wispbill.adapters.repository.StoreUnavailableException;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.UsageRepository.DailyUsage;
import com.wispbill.adapters.repository.UsageRepository.QuotaRef;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.adapters.repository.UsageRepository.StoredRouterUsage;
import com.wispbill.adapters.repository.UsageRepository.UnflushedRouter;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.enforcement.RouterUsageState;
import com.wispbill.domain.enforcement.RouterUsageState.Flush;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageSample.SessionKind;
import com.wispbill.testing.FaultyDynamoDb;
import com.wispbill.testing.InFlightDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The write-behind path usage-ingest takes: a router's state item moves only from the version read,
 * and a flush reaches each counter item once however often it is applied.
 */
class RouterUsageStoreTest extends StoreTestSupport {
    // Counters and reminder markers carry TTLs computed from these instants, and DynamoDB Local deletes
    // expired items as DynamoDB does: test instants lie after the real clock.
    private static final Instant SAMPLED = Instant.parse("2030-11-22T14:05:00Z");
    private static final LocalDate DAY = LocalDate.parse("2030-11-22");
    /** A {@code sweptSince} after every mark the tests make: the listing leaves no router out for being swept. */
    private static final Instant NO_SWEEP_YET = Instant.parse("9999-01-01T00:00:00Z");
    private static final ResellerCalendar UTC = ResellerCalendar.of("UTC");
    private static final String PERIOD = "sub-1@1795430400";
    private static final QuotaRef QUOTA = new QuotaRef("jane", PERIOD);

    private static RouterUsage poll(Instant at, long janeIn, long janeOut, long ottoIn) {
        return new RouterUsage(A, "router-1", at, 1, 1, List.of(
                new RouterUsage.Session(SessionKind.HOTSPOT, "*1A", "jane", janeIn, janeOut, 60),
                new RouterUsage.Session(SessionKind.PPP, "*2", "otto", ottoIn, 0, 60)));
    }

    private static Flush freeze(RouterUsageState state, Instant now) {
        return state.startFlush(state.pendingUsers(),
                u -> u.equals("jane") ? Optional.of(PERIOD) : Optional.empty(), now);
    }

    @Test
    void theStateMovesOnlyFromTheVersionReadAndAFlushReachesEachCounterOnce() {
        RouterUsageState state = store.usage().routerUsage(A, "router-1", true).state();
        state.apply(poll(SAMPLED, 100, 200, 7), UTC);
        Flush flush = freeze(state, SAMPLED);
        store.usage().saveRouterUsage(A, "router-1", state, 0);
        // A second writer that read the same (absent) state loses: its poll is applied again on top of the stored one.
        assertThrows(ConflictException.class, () -> store.usage().saveRouterUsage(A, "router-1", state, 0));

        StoredRouterUsage stored = store.usage().routerUsage(A, "router-1", true);
        assertEquals(1, stored.version());
        assertEquals(Optional.of(flush), stored.state().flushing());

        Map<String, QuotaUsage> totals = store.usage().applyFlush(A, "router-1", flush);
        // Applied again (a crash before the state was cleared): every item refuses, the totals are still learnt.
        assertEquals(totals, store.usage().applyFlush(A, "router-1", flush));
        assertEquals(Map.of("jane", new QuotaUsage(300, 60)), totals);
        assertEquals(Map.of(QUOTA, new QuotaUsage(300, 60)), store.usage().quotaUsage(A, List.of(QUOTA)));
        assertEquals(List.of(new DailyUsage(DAY, 100, 200)), store.usage().subscriberUsage(A, "jane", DAY, DAY));
        assertEquals(List.of(new DailyUsage(DAY, 7, 0)), store.usage().subscriberUsage(A, "otto", DAY, DAY));
        assertEquals(List.of(new DailyUsage(DAY, 107, 200)), store.usage().resellerBandwidth(A, DAY, DAY));

        // The next flush of the router (a larger sequence) adds again; the session's uptime did not move.
        stored.state().flushed();
        stored.state().apply(poll(SAMPLED.plusSeconds(60), 150, 300, 7), UTC);
        Flush next = freeze(stored.state(), SAMPLED.plusSeconds(60));
        store.usage().saveRouterUsage(A, "router-1", stored.state(), 1);
        assertEquals(Map.of("jane", new QuotaUsage(450, 60)), store.usage().applyFlush(A, "router-1", next));
        assertEquals(List.of(new DailyUsage(DAY, 157, 300)), store.usage().resellerBandwidth(A, DAY, DAY));

        // Another reseller's router of the same id is another router.
        assertEquals(0, store.usage().routerUsage(B, "router-1", true).version());
        assertEquals(Map.of(), store.usage().quotaUsage(B, List.of(QUOTA)));
    }

    @Test
    void aRouterIsInTheUnflushedIndexExactlyWhileItHoldsUsageNotOnTheCounters() {
        int shard = UsageRepository.unflushedShardOf(A, "router-9");
        RouterUsageState state = savedWithUsagePending("router-9");
        assertEquals(List.of(new UnflushedRouter(A, "router-9", SAMPLED)),
                unflushed(shard, SAMPLED.plusSeconds(1)));
        assertEquals(List.of(), unflushed(shard, SAMPLED), "not older than asked");
        assertEquals(Optional.of(SAMPLED), store.usage().routerUsage(A, "router-9", true).state().pendingSince());

        // Frozen into a flush (a crash may leave it there): still unflushed, since the older of the two.
        Flush flush = freeze(state, SAMPLED.plusSeconds(60));
        store.usage().saveRouterUsage(A, "router-9", state, 1);
        assertEquals(List.of(new UnflushedRouter(A, "router-9", SAMPLED)), unflushed(shard, SAMPLED.plusSeconds(1)));

        store.usage().applyFlush(A, "router-9", flush);
        state.flushed();
        store.usage().saveRouterUsage(A, "router-9", state, 2);
        assertEquals(List.of(), unflushed(shard, SAMPLED.plusSeconds(3_600)));
    }

    @Test
    void aSweptRouterIsLeftOutUntilItsStateIsSavedOrTheWaitIsOverAndAnAbandonedOneLeavesTheIndex() {
        int shard = UsageRepository.unflushedShardOf(A, "router-8");
        RouterUsageState state = savedWithUsagePending("router-8");
        UnflushedRouter router = new UnflushedRouter(A, "router-8", SAMPLED);
        Instant sweep = SAMPLED.plusSeconds(900);
        Instant waitOver = sweep.plusSeconds(300);

        assertEquals(List.of(router), store.usage().markSwept(List.of(router), sweep, sweep.minusSeconds(300)));
        assertEquals(List.of(), store.usage().markSwept(List.of(router), sweep, sweep.minusSeconds(300)),
                "a second sweep of the same minute");
        assertEquals(List.of(), unflushed(shard, sweep, sweep.plusSeconds(60).minusSeconds(300)));
        assertEquals(List.of(router), unflushed(shard, sweep, waitOver.plusSeconds(1).minusSeconds(300)));
        assertEquals(List.of(), store.usage().markSwept(List.of(new UnflushedRouter(A, "router-8", SAMPLED.minusSeconds(1))),
                waitOver, waitOver.minusSeconds(300)), "flushed since the index was read");

        // A save (its job or a poll applied) ends the wait.
        store.usage().saveRouterUsage(A, "router-8", state, 1);
        assertEquals(List.of(router), unflushed(shard, sweep, sweep.plusSeconds(60).minusSeconds(300)));

        store.usage().abandonUnflushed(A, "router-8");
        assertEquals(List.of(), unflushed(shard, sweep));
        assertEquals(2, store.usage().routerUsage(A, "router-8", true).version(), "the state itself is kept, to expire");
        assertEquals(List.of(), store.usage().markSwept(List.of(router), waitOver, waitOver));
        store.usage().abandonUnflushed(A, "router-unknown");
        assertEquals(0, store.usage().routerUsage(A, "router-unknown", true).version(), "nothing created");
    }

    @Test
    void theSweepsListingHoldsEveryShardsUnflushedRoutersReadSideBySide() {
        List<String> routerIds = List.of("router-20", "router-21", "router-22", "router-23", "router-24", "router-25");
        routerIds.forEach(this::savedWithUsagePending);
        Set<Integer> shards = routerIds.stream()
                .map(id -> UsageRepository.unflushedShardOf(A, id)).collect(Collectors.toSet());
        assertTrue(shards.size() > 1, "the routers spread over several shards: " + shards);
        Instant before = SAMPLED.plusSeconds(1);
        Instant sweptSince = SAMPLED.minusSeconds(300);

        List<List<UnflushedRouter>> byShard = store.usage().routersUnflushedBeforeByShard(before, sweptSince);
        List<UnflushedRouter> listed = byShard.stream().flatMap(List::stream).filter(r -> r.resellerId().equals(A)).toList();

        assertEquals(UsageRepository.UNFLUSHED_SHARDS, byShard.size(), "one list per shard");
        for (int shard = 0; shard < UsageRepository.UNFLUSHED_SHARDS; shard++) {
            int expectedShard = shard;
            assertEquals(routerIds.stream().filter(id -> UsageRepository.unflushedShardOf(A, id) == expectedShard).sorted().toList(),
                    byShard.get(shard).stream().filter(r -> r.resellerId().equals(A)).map(UnflushedRouter::routerId).sorted().toList(),
                    "shard " + shard);
        }
        assertEquals(Set.copyOf(routerIds), listed.stream().map(UnflushedRouter::routerId).collect(Collectors.toSet()));
        assertEquals(listed.size(), new HashSet<>(listed).size(), "each router once");
        assertTrue(listed.stream().map(UnflushedRouter::routerId).collect(Collectors.toSet()).containsAll(routerIds));
    }

    @Test
    void fortyRoutersOfOneShardAreMarkedSideBySideWithinTheBoundAndReturnedInTheOrderGiven() {
        List<UnflushedRouter> routers = unflushedRoutersOfOneShard("router-4", 40);
        Instant sweep = SAMPLED.plusSeconds(900);
        Instant sweptSince = sweep.minusSeconds(300);
        // Two of them taken already (by an overlapping run): left out, the order of the others kept.
        store.usage().markSwept(List.of(routers.get(3), routers.get(17)), sweep, sweptSince);
        InFlightDynamoDb client = new InFlightDynamoDb(LocalDynamoDb.client(),
                update -> update.expressionAttributeNames().containsValue(DynamoUsageRepository.SWEPT_AT));

        List<UnflushedRouter> marked = new DynamoUsageRepository(client, tables, clock).markSwept(routers, sweep, sweptSince);

        List<UnflushedRouter> expected = routers.stream().filter(r -> r != routers.get(3) && r != routers.get(17)).toList();
        assertEquals(expected, marked);
        assertEquals(40, client.updates(), "one conditional write per router");
        assertTrue(client.mostInFlight() > 1, "marked one after the other: " + client.mostInFlight() + " at once");
        assertTrue(client.mostInFlight() <= DynamoSupport.SWEEP_MARKS_IN_FLIGHT, client.mostInFlight() + " at once");
        assertEquals(List.of(), unflushed(shardOf(routers.getFirst()), sweep, sweptSince), "every one marked");
    }

    @Test
    void twoSweepsMarkingTheSameRoutersAtOnceTakeEachRouterOnce() throws Exception {
        List<UnflushedRouter> routers = unflushedRoutersOfOneShard("router-5", 40);
        Instant sweep = SAMPLED.plusSeconds(900);
        List<UnflushedRouter> reversed = routers.reversed();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<List<UnflushedRouter>> first = two.submit(() -> {
                go.await();
                return store.usage().markSwept(routers, sweep, sweep.minusSeconds(300));
            });
            Future<List<UnflushedRouter>> second = two.submit(() -> {
                go.await();
                return store.usage().markSwept(reversed, sweep.plusSeconds(1), sweep.minusSeconds(299));
            });
            go.countDown();
            List<UnflushedRouter> both = new ArrayList<>(first.get());
            both.addAll(second.get());
            assertEquals(Set.copyOf(routers), Set.copyOf(both), "every router marked");
            assertEquals(routers.size(), both.size(), "by one of the two only");
        } finally {
            two.shutdown();
        }
    }

    @Test
    void aMarkTheStoreFailsIsReportedApartFromTheOthersWhichAreAllMade() {
        List<UnflushedRouter> routers = unflushedRoutersOfOneShard("router-6", 6);
        Instant sweep = SAMPLED.plusSeconds(900);
        Instant sweptSince = sweep.minusSeconds(300);
        store.usage().markSwept(List.of(routers.get(4)), sweep, sweptSince);
        UnflushedRouter failing = routers.get(2);
        FaultyDynamoDb faulty = new FaultyDynamoDb(LocalDynamoDb.client());
        faulty.failNextWrite(Keys.routerUsage(A, failing.routerId()), FaultyDynamoDb.When.BEFORE_COMMIT);

        UsageRepository.SomeMarksFailedException failed = assertThrows(UsageRepository.SomeMarksFailedException.class,
                () -> new DynamoUsageRepository(faulty, tables, clock).markSwept(routers, sweep, sweptSince));

        assertEquals(List.of(routers.get(0), routers.get(1), routers.get(3), routers.get(5)), failed.marked());
        assertEquals(List.of(failing), failed.failed());
        assertTrue(failed.getCause() instanceof StoreUnavailableException, String.valueOf(failed.getCause()));
        assertEquals(List.of(failing), unflushed(shardOf(failing), sweep, sweptSince), "the failed one is not marked");
        assertEquals(List.of(failing), store.usage().markSwept(routers, sweep, sweptSince), "and is taken by the next run");
    }

    /**
     * {@code count} routers {@code <prefix><nnnn>} of reseller A in one index shard, stored with usage pending since
     * SAMPLED (ids of one length: none is the prefix of another).
     */
    private List<UnflushedRouter> unflushedRoutersOfOneShard(String prefix, int count) {
        int shard = shardOf(new UnflushedRouter(A, prefix + "0000", SAMPLED));
        List<UnflushedRouter> routers = new ArrayList<>();
        for (int n = 0; routers.size() < count; n++) {
            UnflushedRouter router = new UnflushedRouter(A, prefix + String.format(Locale.ROOT, "%04d", n), SAMPLED);
            if (shardOf(router) == shard) {
                savedWithUsagePending(router.routerId());
                routers.add(router);
            }
        }
        return routers;
    }

    private static int shardOf(UnflushedRouter router) {
        return UsageRepository.unflushedShardOf(router.resellerId(), router.routerId());
    }

    /** A first poll of {@code routerId} at SAMPLED, stored (version 1) with its usage pending since then. */
    private RouterUsageState savedWithUsagePending(String routerId) {
        RouterUsageState state = store.usage().routerUsage(A, routerId, true).state();
        state.apply(poll(SAMPLED, 100, 200, 7), UTC);
        state.notePendingSince(SAMPLED);
        store.usage().saveRouterUsage(A, routerId, state, 0);
        return state;
    }

    /** Reseller A's routers the sweep's listing finds in {@code shard}. */
    private List<UnflushedRouter> unflushed(int shard, Instant before, Instant sweptSince) {
        return store.usage().routersUnflushedBeforeByShard(before, sweptSince).get(shard).stream()
                .filter(r -> r.resellerId().equals(A)).toList();
    }

    /** As {@link #unflushed(int, Instant, Instant)}, whatever the sweep marked. */
    private List<UnflushedRouter> unflushed(int shard, Instant before) {
        return unflushed(shard, before, NO_SWEEP_YET);
    }

    @Test
    void badKeysFailBeforeReading() {
        assertThrows(ValidationException.class, () -> store.usage().routerUsage(A, "bad#id", false));
        assertThrows(ValidationException.class, () -> store.usage().quotaUsage(A, List.of(new QuotaRef("bad name", PERIOD))));
    }

    @Test
    void sweepCheckpointsNeverMoveBackAndRemindersAreRecordedOnce() {
        EnforcementStateRepository state = store.enforcementState();
        assertEquals(Optional.empty(), state.sweptUntil("EXPIRY"));
        state.advanceSweptUntil("EXPIRY", START);
        state.advanceSweptUntil("EXPIRY", START.minusSeconds(60));
        assertEquals(Optional.of(START), state.sweptUntil("EXPIRY"));

        assertEquals(false, state.reminderSent("n-1"));
        state.markReminderSent("n-1", SAMPLED.plus(Duration.ofDays(2)));
        state.markReminderSent("n-1", SAMPLED.plus(Duration.ofDays(2)));
        assertEquals(true, state.reminderSent("n-1"));

        assertEquals(EnforcementStateRepository.DEFAULT_REMINDER_LEAD, state.reminderLead(A));
        state.setReminderLead(A, Duration.ofHours(3));
        state.setReminderLead(B, Duration.ofHours(3));
        assertEquals(Duration.ofHours(3), state.reminderLead(A));
        assertEquals(Set.of(Duration.ofDays(1), Duration.ofHours(3)), state.reminderLeadsInUse());
        assertThrows(ValidationException.class, () -> state.setReminderLead(A, Duration.ofDays(8)));
        assertThrows(ValidationException.class, () -> state.setReminderLead(A, Duration.ofSeconds(90)));
    }
}
