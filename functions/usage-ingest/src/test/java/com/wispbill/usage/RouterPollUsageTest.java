package com.wispbill.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.UsageRepository.DailyUsage;
import com.wispbill.adapters.repository.UsageRepository.QuotaRef;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.enforcement.QuotaPeriod;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageSample.SessionKind;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.testing.FaultyDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One message per router poll carrying all its sessions: exact totals whatever the delivery order,
 * duplicates and failures, and quotas enforced within the poll while other users' counters are
 * written behind.
 */
class RouterPollUsageTest {
    private static final LocalDate DAY = LocalDate.parse("2030-11-22");
    private static final int USERS = 40;
    private static EnforcementWorld world;

    private Reseller reseller;
    private int messageNumber;

    @BeforeAll
    static void startStack() {
        world = EnforcementWorld.start();
    }

    @AfterAll
    static void stopStack() {
        world.close();
    }

    @BeforeEach
    void freshReseller() {
        world.clock.set(EnforcementWorld.T0);
        world.dynamoDb.heal();
        reseller = world.reseller("Africa/Nairobi");
        world.takeRouterCommands();
        world.takeSms();
    }

    /** Poll {@code k} (1-based) of rtr-1 at T0 + k minutes: user i has read k*(i+1) KB up, three times that down. */
    private RouterUsage poll(int k, IntFunction<long[]> override) {
        List<RouterUsage.Session> sessions = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            long[] c = override.apply(i);
            long in = c != null ? c[0] : (long) k * (i + 1) * 1_000;
            long out = c != null ? c[1] : (long) k * (i + 1) * 3_000;
            sessions.add(new RouterUsage.Session(SessionKind.HOTSPOT, "*" + Integer.toHexString(i + 1), "user" + i,
                    in, out, k * 60L));
        }
        return new RouterUsage(reseller.id(), "rtr-1", EnforcementWorld.T0.plus(Duration.ofMinutes(k)), 1, 1, sessions);
    }

    private RouterUsage poll(int k) {
        return poll(k, i -> null);
    }

    /** Poll {@code k} with jane's session too, {@code janeIn} bytes read so far. */
    private RouterUsage withJane(int k, long janeIn) {
        RouterUsage p = poll(k);
        List<RouterUsage.Session> sessions = new ArrayList<>(p.sessions());
        sessions.add(new RouterUsage.Session(SessionKind.HOTSPOT, "*ff", "jane", janeIn, 0, k * 60L));
        return new RouterUsage(p.resellerId(), p.routerId(), p.sampledAt(), 1, 1, sessions);
    }

    private SQSEvent.SQSMessage message(RouterUsage poll) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("poll-" + (++messageNumber));
        m.setBody(MessageCodec.encode(poll));
        return m;
    }

    private List<String> deliver(UsageIngestHandler handler, SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return handler.handleRequest(event, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private DailyUsage day(String username) {
        List<DailyUsage> days = world.store.usage().subscriberUsage(reseller.id(), username, DAY, DAY);
        return days.isEmpty() ? new DailyUsage(DAY, 0, 0) : days.getFirst();
    }

    private DailyUsage bandwidth() {
        List<DailyUsage> days = world.store.usage().resellerBandwidth(reseller.id(), DAY, DAY);
        return days.isEmpty() ? new DailyUsage(DAY, 0, 0) : days.getFirst();
    }

    private long quotaBytes(Subscription s) {
        QuotaRef ref = new QuotaRef(s.username(), QuotaPeriod.of(s));
        return world.store.usage().quotaUsage(s.resellerId(), List.of(ref)).getOrDefault(ref, QuotaUsage.NONE).usedBytes();
    }

    @Test
    void pollsWithManySessionsDuplicatedOutOfOrderResetAndRetriedAfterAPartialFlushCountExactly() {
        Plan capped = world.plan(reseller, p -> p.dataLimit(DataSize.ofGigabytes(1)));
        List<Subscription> subscribed = new ArrayList<>();
        for (int i = 0; i < USERS; i += 4) {   // every 4th user has a quota; the others are unbilled
            subscribed.add(world.subscribe(reseller, capped, "user" + i, "rtr-1", "+2547120001" + (10 + i)));
        }
        UsageIngestHandler handler = world.handler();
        SQSEvent.SQSMessage m1 = message(poll(1));
        SQSEvent.SQSMessage m2 = message(poll(2));
        SQSEvent.SQSMessage m3 = message(poll(3));
        // user0's session restarted between poll 3 and 4: its counters went down.
        SQSEvent.SQSMessage m4 = message(poll(4, i -> i == 0 ? new long[] {100, 300} : null));

        assertEquals(List.of(), deliver(handler, m1));
        assertEquals(List.of(), deliver(handler, m3));
        assertEquals(List.of(), deliver(handler, m2));   // late: every session's cursor is newer
        // The flush of poll 4 stops at user12's counters, after the state (with the frozen flush) was saved.
        world.dynamoDb.failNextWrite("RESELLER#" + reseller.id() + "#USER#user12", FaultyDynamoDb.When.BEFORE_COMMIT);
        assertEquals(List.of(m4.getMessageId()), deliver(handler, m4));
        assertEquals(List.of(), deliver(handler, m4));   // redelivery finishes the flush
        assertEquals(List.of(), deliver(handler, m3, m1)); // duplicates

        long totalIn = 0;
        long totalOut = 0;
        for (int i = 0; i < USERS; i++) {
            DailyUsage expected = i == 0 ? new DailyUsage(DAY, 3_000 + 100, 9_000 + 300)
                    : new DailyUsage(DAY, 4L * (i + 1) * 1_000, 4L * (i + 1) * 3_000);
            assertEquals(expected, day("user" + i), "user" + i);
            totalIn += expected.bytesIn();
            totalOut += expected.bytesOut();
        }
        assertEquals(new DailyUsage(DAY, totalIn, totalOut), bandwidth());
        for (Subscription s : subscribed) {
            DailyUsage d = day(s.username());
            assertEquals(d.totalBytes(), quotaBytes(s), s.username());
        }
    }

    @Test
    void aUserWithAQuotaTakesEachFlushOnOneItemCarryingItsDaysAndItsQuota() {
        Plan capped = world.plan(reseller, p -> p.dataLimit(DataSize.ofGigabytes(1)));
        Subscription user0 = world.subscribe(reseller, capped, "user0", "rtr-1", "+254712000190");
        UsageIngestHandler handler = world.handler();
        world.clock.set(EnforcementWorld.T0.plus(Duration.ofMinutes(1)));
        assertEquals(List.of(), deliver(handler, message(poll(1))));
        // 12 hours later it is the next day in Nairobi: the flush carries two days for the same quota.
        Instant nextDay = EnforcementWorld.T0.plus(Duration.ofHours(12));
        world.clock.set(nextDay);
        assertEquals(List.of(), deliver(handler, message(new RouterUsage(reseller.id(), "rtr-1", nextDay, 1, 1,
                poll(2).sessions()))));

        List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items =
                world.dynamoDb.query(q -> q.tableName(world.stack.resources().tableName("UsageTable"))
                        .keyConditionExpression("PK = :pk").expressionAttributeValues(java.util.Map.of(":pk",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                        "RESELLER#" + reseller.id() + "#USER#user0")))).items();
        assertEquals(List.of("QUOTA#" + QuotaPeriod.of(user0)), items.stream().map(i -> i.get("SK").s()).toList(),
                "one counter item for the user: its quota item");
        assertEquals(List.of(new DailyUsage(DAY, 1_000, 3_000), new DailyUsage(DAY.plusDays(1), 1_000, 3_000)),
                world.store.usage().subscriberUsage(reseller.id(), "user0", DAY, DAY.plusDays(1)));
        assertEquals(List.of(new DailyUsage(DAY.plusDays(1), 1_000, 3_000)),
                world.store.usage().subscriberUsage(reseller.id(), "user0", DAY.plusDays(1), DAY.plusDays(3)));
        assertEquals(8_000, quotaBytes(user0));
        // A user without a quota keeps its day items.
        assertEquals(new DailyUsage(DAY, 2_000, 6_000), day("user1"));
    }

    @Test
    void aFlushWritesItsUsersCountersSideBySide() throws Exception {
        // Counts the users' counter writes in flight at once; the first two wait for each other (a bounded wait,
        // so writes one after another are not stuck: they just never overlap).
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch firstTwo = new CountDownLatch(2);
        ExecutionInterceptor overlap = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context,
                                           ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateItemRequest u
                        && u.key().get("PK").s().contains("#USER#")) {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    firstTwo.countDown();
                    try {
                        firstTwo.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inFlight.decrementAndGet();
                }
            }
        };
        try (DynamoDbClient client = DynamoDbClient
                .builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(overlap)).build()) {
            DynamoStore store = new DynamoStore(client,
                    new TableNames(world.stack.resources().tableName("EntityTable"),
                            world.stack.resources().tableName("UsageTable")), world.clock);
            UsageIngestHandler handler = new UsageIngestHandler(store, world.routerCommands, world.notifications, world.clock,
                    OperationalMetrics.DISCARD, UsageIngestor.WriteBehind.EVERY_POLL);
            assertEquals(List.of(), deliver(handler, message(poll(1))));
        }
        assertTrue(mostInFlight.get() >= 2, "counter writes in flight at once: " + mostInFlight.get());
        for (int i = 0; i < USERS; i++) {
            assertEquals(new DailyUsage(DAY, (i + 1) * 1_000L, (i + 1) * 3_000L), day("user" + i), "user" + i);
        }
    }

    @Test
    void aStateSavedThenACrashBeforeTheFlushIsFinishedByTheNextPollWithoutCountingTwice() {
        UsageIngestHandler handler = world.handler();
        assertEquals(List.of(), deliver(handler, message(poll(1))));
        SQSEvent.SQSMessage m2 = message(poll(2));
        // The state item (cursors moved, flush frozen) is written, then the function dies.
        world.dynamoDb.failNextWrite("RESELLER#" + reseller.id() + "#ROUTERUSAGE#", FaultyDynamoDb.When.AFTER_COMMIT);
        assertEquals(List.of(m2.getMessageId()), deliver(handler, m2));
        // Not m2 again, but the next poll: it finds the frozen flush and finishes it first.
        assertEquals(List.of(), deliver(handler, message(poll(3))));
        assertEquals(List.of(), deliver(handler, m2));
        for (int i = 0; i < USERS; i++) {
            assertEquals(new DailyUsage(DAY, 3L * (i + 1) * 1_000, 3L * (i + 1) * 3_000), day("user" + i), "user" + i);
        }
    }

    @Test
    void countersAreWrittenBehindButAUserCrossingTheQuotaIsCutOffInThatPoll() {
        Plan capped = world.plan(reseller, p -> p.dataLimit(DataSize.ofMegabytes(50)));
        Subscription jane = world.subscribe(reseller, capped, "jane", "rtr-1", "+254712000901");
        UsageIngestHandler handler = world.handlerAsDeployed();
        IntFunction<RouterUsage> withJane = k -> withJane(k, k < 3 ? k * 1_000_000L : 60_000_000L);   // 60 MB by poll 3

        world.clock.set(EnforcementWorld.T0.plus(Duration.ofMinutes(1)));
        assertEquals(List.of(), deliver(handler, message(withJane.apply(1))));  // a router's first poll flushes
        world.clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), deliver(handler, message(withJane.apply(2))));
        // Written behind: the counters still show poll 1, the router's state holds poll 2's usage.
        assertEquals(new DailyUsage(DAY, 5_000, 15_000), day("user4"));
        assertEquals(1_000_000, quotaBytes(jane));
        assertEquals(List.of(), world.takeRouterCommands());

        world.clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), deliver(handler, message(withJane.apply(3))));
        // jane crossed 50 MB in poll 3: flushed at once and cut off by the same message.
        assertEquals(60_000_000, quotaBytes(jane));
        assertEquals(List.of("DisableHotspotUser", "KickHotspotUser"),
                world.takeRouterCommands().stream().map(RouterCommandEnvelope::command).map(c -> c.type()).toList());
        assertEquals(SubscriptionStatus.SUSPENDED_QUOTA, world.store.subscriptions().get(reseller.id(), jane.id()).status());
        assertEquals(new DailyUsage(DAY, 5_000, 15_000), day("user4"), "other users still written behind");

        // Within 15 minutes of the last full flush every counter is exact.
        world.clock.advance(Duration.ofMinutes(13));
        assertEquals(List.of(), deliver(handler, message(withJane.apply(16))));
        assertEquals(new DailyUsage(DAY, 16L * 5 * 1_000, 16L * 5 * 3_000), day("user4"));
        long expectedIn = 0;
        for (int i = 0; i < USERS; i++) {
            expectedIn += 16L * (i + 1) * 1_000;
        }
        assertEquals(expectedIn + 60_000_000, bandwidth().bytesIn());
        assertTrue(world.takeSms().stream().anyMatch(s -> s.template().name().equals("DATA_EXHAUSTED")));
    }

    @Test
    void aThrottledUserOverItsQuotaIsWrittenBehindLikeEveryoneOnceItsThrottleIsInForce() {
        Plan fairUse = world.plan(reseller, p -> p.dataLimit(DataSize.ofMegabytes(50)).rateLimit("5M/10M")
                .enforcement(com.wispbill.domain.PlanEnforcement.FUP).fairUseRate("1M/1M"));
        Subscription jane = world.subscribe(reseller, fairUse, "jane", "rtr-1", "+254712000902");
        UsageIngestHandler handler = world.handlerAsDeployed();
        IntFunction<RouterUsage> withJane = k -> withJane(k, k * 30_000_000L);

        world.clock.set(EnforcementWorld.T0.plus(Duration.ofMinutes(1)));
        assertEquals(List.of(), deliver(handler, message(withJane.apply(1))));   // 30 MB of 50, first poll flushes
        world.clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), deliver(handler, message(withJane.apply(2))));   // 60 MB: throttled in this poll
        assertEquals(60_000_000, quotaBytes(jane));
        assertEquals(List.of("EnsureHotspotProfile", "ThrottleUser"),
                world.takeRouterCommands().stream().map(c -> c.command().type()).toList());
        assertEquals(SubscriptionStatus.SUSPENDED_QUOTA, world.store.subscriptions().get(reseller.id(), jane.id()).status());

        // Throttled and still connected, jane goes on using data: nothing changes for her, so her usage waits
        // for the router's regular flush instead of being flushed (and her subscription re-read) with every poll.
        for (int k = 3; k <= 13; k++) {
            world.clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of(), deliver(handler, message(withJane.apply(k))));
            assertEquals(60_000_000, quotaBytes(jane), "poll " + k);
        }
        assertEquals(List.of(), world.takeRouterCommands());
        // 13 minutes after the last flush of everyone (poll 1; jane's alone did not restart it): all flushed, exactly.
        world.clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), deliver(handler, message(withJane.apply(14))));
        assertEquals(14 * 30_000_000L, quotaBytes(jane));
        assertEquals(new DailyUsage(DAY, 14L * 5 * 1_000, 14L * 5 * 3_000), day("user4"));
        assertEquals(List.of(), world.takeRouterCommands());
    }

    @Test
    void aCutOffUserStillReportedWithEveryPollDoesNotKeepTheOthersOffTheCounters() {
        Plan capped = world.plan(reseller, p -> p.dataLimit(DataSize.ofMegabytes(50)));
        world.subscribe(reseller, capped, "jane", "rtr-1", "+254712000903");
        UsageIngestHandler handler = world.handlerAsDeployed();
        world.clock.set(EnforcementWorld.T0.plus(Duration.ofMinutes(1)));
        assertEquals(List.of(), deliver(handler, message(withJane(1, 30_000_000L))));
        // jane is cut off at poll 2 but the router still reports her session (the kick has not run): she is
        // flushed and her commands re-sent with every poll, which must not restart the others' flush clock.
        for (int k = 2; k <= 14; k++) {
            world.clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of(), deliver(handler, message(withJane(k, k * 30_000_000L))));
        }
        assertEquals(new DailyUsage(DAY, 14L * 5 * 1_000, 14L * 5 * 3_000), day("user4"));
    }

    @Test
    void aPollTooLargeForOneMessageIsSplitIntoPartsThatEachCount() {
        List<RouterUsage.Session> sessions = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            sessions.add(new RouterUsage.Session(SessionKind.PPP, "*" + Integer.toHexString(0x100000 + i),
                    "subscriber-with-a-long-name-" + i, 1_000_000_000L + i, 9_000_000_000L + i, 86_400L + i));
        }
        RouterUsage big = new RouterUsage(reseller.id(), "rtr-9", EnforcementWorld.T0, 1, 1, sessions);
        List<String> bodies = com.wispbill.adapters.sqs.SqsUsageSampleQueue.bodies(big);
        assertTrue(bodies.size() > 1, "split into parts");
        List<RouterUsage.Session> decoded = new ArrayList<>();
        for (String body : bodies) {
            assertTrue(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    <= com.wispbill.adapters.sqs.SqsUsageSampleQueue.MAX_MESSAGE_BYTES);
            RouterUsage part = MessageCodec.decodeUsage(body);
            assertEquals(bodies.size(), part.parts());
            assertEquals(big.sampledAt(), part.sampledAt());
            decoded.addAll(part.sessions());
        }
        assertEquals(sessions, decoded);
    }
}
