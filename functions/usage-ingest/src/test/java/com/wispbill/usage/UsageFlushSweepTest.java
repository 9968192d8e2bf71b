package com.wispbill.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.UsageRepository.DailyUsage;
import com.wispbill.adapters.repository.UsageRepository.QuotaRef;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.adapters.sqs.QueueSendException;
import com.wispbill.adapters.sqs.SqsUsageSampleQueue;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.enforcement.QuotaPeriod;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageFlushJob;
import com.wispbill.domain.messages.UsageSample.SessionKind;
import com.wispbill.domain.messages.UsageSampleQueue;
import com.wispbill.testing.FaultyDynamoDb;
import com.wispbill.testing.InFlightDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Usage written behind by a router that stops polling reaches the counters through the flush sweep (the
 * template's every-minute schedule): within the 15-minute promise, exactly once, also when the sweep's job
 * races a late poll of the same router.
 */
class UsageFlushSweepTest {
    private static final LocalDate DAY = LocalDate.parse("2030-11-22");
    private static final int USERS = 20;
    private static EnforcementWorld world;

    private Reseller reseller;
    private Subscription jane;
    private int messageNumber;

    @BeforeAll
    static void startStack() {
        world = EnforcementWorld.startWithFlushSweep();
    }

    @AfterAll
    static void stopStack() {
        world.close();
    }

    @BeforeEach
    void freshReseller() {
        world.clock.set(EnforcementWorld.T0);
        reseller = world.reseller("Africa/Nairobi");
        Plan capped = world.plan(reseller, p -> p.dataLimit(DataSize.ofGigabytes(1)));
        jane = world.subscribe(reseller, capped, "user0", "rtr-1", "+254712000301");
        sweep();
        take();
        world.takeRouterCommands();
        world.takeSms();
    }

    /** Poll {@code k} of {@code routerId} at T0 + k minutes: user i has read k*(i+1) KB up, three times that down. */
    private RouterUsage poll(String routerId, int k) {
        List<RouterUsage.Session> sessions = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            sessions.add(new RouterUsage.Session(SessionKind.HOTSPOT, "*" + Integer.toHexString(i + 1), "user" + i,
                    (long) k * (i + 1) * 1_000, (long) k * (i + 1) * 3_000, k * 60L));
        }
        return new RouterUsage(reseller.id(), routerId, EnforcementWorld.T0.plus(Duration.ofMinutes(k)), 1, 1, sessions);
    }

    private SQSEvent.SQSMessage message(String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("m-" + (++messageNumber));
        m.setBody(body);
        return m;
    }

    /** Delivers until nothing is reported failed (a conflicting save is retried by redelivery, as SQS does). */
    private static void deliverUntilDone(UsageIngestHandler handler, List<SQSEvent.SQSMessage> messages) {
        List<SQSEvent.SQSMessage> pending = messages;
        for (int attempt = 0; attempt < 5 && !pending.isEmpty(); attempt++) {
            SQSEvent event = new SQSEvent();
            event.setRecords(pending);
            List<String> failed = handler.handleRequest(event, null).getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
            pending = pending.stream().filter(m -> failed.contains(m.getMessageId())).toList();
        }
        assertEquals(List.of(), pending, "still failing after redeliveries");
    }

    /** Fires the sweep's schedule as EventBridge would. */
    private static void sweep() {
        world.stack.invokeScheduleNow("UsageFlushSweepFunction");
    }

    /** What the sweep queued on usage-samples (taken off the queue), as messages for the ingest handler. */
    private List<SQSEvent.SQSMessage> take() {
        List<SQSEvent.SQSMessage> all = new ArrayList<>();
        while (true) {
            List<Message> batch = world.sqs.receiveMessage(b -> b.queueUrl(world.usageSamplesUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                all.add(message(m.body()));
                world.sqs.deleteMessage(b -> b.queueUrl(world.usageSamplesUrl()).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private List<SQSEvent.SQSMessage> jobsOfThisReseller(List<SQSEvent.SQSMessage> queued) {
        return queued.stream().filter(m -> m.getBody().contains("\"resellerId\":\"" + reseller.id() + "\"")).toList();
    }

    private DailyUsage day(String username) {
        List<DailyUsage> days = world.store.usage().subscriberUsage(reseller.id(), username, DAY, DAY);
        return days.isEmpty() ? new DailyUsage(DAY, 0, 0) : days.getFirst();
    }

    private void assertCountersShowPoll(int k) {
        long bandwidthIn = 0;
        for (int i = 0; i < USERS; i++) {
            assertEquals(new DailyUsage(DAY, (long) k * (i + 1) * 1_000, (long) k * (i + 1) * 3_000), day("user" + i),
                    "user" + i + " after poll " + k);
            bandwidthIn += (long) k * (i + 1) * 1_000;
        }
        assertEquals(bandwidthIn, world.store.usage().resellerBandwidth(reseller.id(), DAY, DAY).getFirst().bytesIn());
        QuotaRef quota = new QuotaRef("user0", QuotaPeriod.of(jane));
        assertEquals(k * 4_000L, world.store.usage().quotaUsage(reseller.id(), List.of(quota))
                .getOrDefault(quota, QuotaUsage.NONE).usedBytes());
    }

    private void at(int minutesAfterT0) {
        world.clock.set(EnforcementWorld.T0.plus(Duration.ofMinutes(minutesAfterT0)));
    }

    /**
     * rtr-1 polls at T0 + 1 minute (a first poll flushes) and T0 + 2, then goes offline: poll 2's usage waits
     * in its state (written behind).
     */
    private void pollTwiceAndStop(UsageIngestHandler handler) {
        at(1);
        deliverUntilDone(handler, List.of(message(MessageCodec.encode(poll("rtr-1", 1)))));
        at(2);
        deliverUntilDone(handler, List.of(message(MessageCodec.encode(poll("rtr-1", 2)))));
    }

    @Test
    void usageOfARouterThatStopsPollingReachesTheCountersWithinFifteenMinutesOnce() {
        UsageIngestHandler handler = world.handlerAsDeployed();
        pollTwiceAndStop(handler);
        assertCountersShowPoll(1);   // poll 2 waits in the router's state

        at(15);   // 13 minutes after poll 2: a polling router would flush now; the sweep leaves it to its poll
        sweep();
        assertEquals(List.of(), jobsOfThisReseller(take()));

        at(17);   // 15 minutes after poll 2's usage was accepted: swept
        sweep();
        List<SQSEvent.SQSMessage> jobs = jobsOfThisReseller(take());
        assertEquals(1, jobs.size(), "one job for the router");
        assertTrue(jobs.getFirst().getBody().contains("\"routerId\":\"rtr-1\""));
        // SQS delivers at least once: the job twice adds it once.
        deliverUntilDone(handler, List.of(jobs.getFirst(), message(jobs.getFirst().getBody())));
        deliverUntilDone(handler, List.of(message(jobs.getFirst().getBody())));
        assertCountersShowPoll(2);

        // Everything is on the counters: the router has left the index.
        at(40);
        sweep();
        assertEquals(List.of(), jobsOfThisReseller(take()));
    }

    @Test
    void aSweepJobRacingALatePollOfTheSameRouterCountsEveryByteOnce() throws Exception {
        UsageIngestHandler sweeper = world.handlerAsDeployed();
        UsageIngestHandler poller = world.handlerAsDeployed();
        pollTwiceAndStop(poller);
        at(17);
        sweep();
        List<SQSEvent.SQSMessage> jobs = jobsOfThisReseller(take());
        assertEquals(1, jobs.size());

        // The router is back: its poll 17 and the sweep's job reach two consumers at the same time.
        SQSEvent.SQSMessage late = message(MessageCodec.encode(poll("rtr-1", 17)));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<?> job = two.submit(() -> {
                go.await();
                deliverUntilDone(sweeper, jobs);
                return null;
            });
            Future<?> poll = two.submit(() -> {
                go.await();
                deliverUntilDone(poller, List.of(late));
                return null;
            });
            go.countDown();
            job.get();
            poll.get();
        } finally {
            two.shutdown();
        }
        // Whichever won, the rest is flushed by the router's next flush (or the sweep's): poll 17 exactly, once.
        at(40);
        sweep();
        deliverUntilDone(sweeper, take());
        assertCountersShowPoll(17);
        // A duplicate of the old job later adds nothing.
        deliverUntilDone(sweeper, List.of(message(jobs.getFirst().getBody())));
        assertCountersShowPoll(17);
    }

    @Test
    void aRouterWhoseJobStillWaitsIsNotSweptAgainEveryMinute() {
        UsageIngestHandler handler = world.handlerAsDeployed();
        pollTwiceAndStop(handler);

        // usage-ingest is backed up: the sweep's job waits on the queue while the sweep runs again.
        at(17);
        sweep();
        at(18);
        sweep();
        List<SQSEvent.SQSMessage> jobs = jobsOfThisReseller(take());
        assertEquals(1, jobs.size(), "one job for the router, not one per minute");

        // A job lost on the way: the router is swept again once the wait is over.
        at(23);
        sweep();
        jobs = jobsOfThisReseller(take());
        assertEquals(1, jobs.size());
        deliverUntilDone(handler, jobs);
        assertCountersShowPoll(2);
    }

    @Test
    void aJobForARouterWhoseResellerIsGoneIsSettledAndTheRouterLeavesTheSweep() {
        pollTwiceAndStop(world.handlerAsDeployed());
        // The reseller is removed while poll 2's usage waits in the router's state.
        try (var dynamoDb = AwsClients.newDynamoDbClient()) {
            dynamoDb.deleteItem(b -> b.tableName(world.stack.resources().tableName("EntityTable"))
                .key(Map.of("PK", AttributeValue.fromS("RESELLER#" + reseller.id()), "SK", AttributeValue.fromS("PROFILE"))));
        }
        assertTrue(world.store.resellers().find(reseller.id()).isEmpty());

        at(17);
        sweep();
        List<SQSEvent.SQSMessage> jobs = jobsOfThisReseller(take());
        assertEquals(1, jobs.size());
        SQSEvent event = new SQSEvent();
        event.setRecords(jobs);
        assertEquals(List.of(), world.handlerAsDeployed().handleRequest(event, null).getBatchItemFailures(),
                "settled, not retried into the DLQ");

        // Out of the index: no job for it any more.
        at(30);
        sweep();
        assertEquals(List.of(), jobsOfThisReseller(take()));
    }

    /** A router that polled once at T0 + 2 minutes and stopped: its usage waits in its state since then. */
    private void stoppedRouter(String routerId) {
        var state = world.store.usage().routerUsage(reseller.id(), routerId, false).state();
        state.apply(poll(routerId, 2), ResellerCalendar.of("Africa/Nairobi"));
        state.notePendingSince(EnforcementWorld.T0.plus(Duration.ofMinutes(2)));
        world.store.usage().saveRouterUsage(reseller.id(), routerId, state, 0);
    }

    private int shardOf(String routerId) {
        return UsageRepository.unflushedShardOf(reseller.id(), routerId);
    }

    /**
     * {@code count} stopped routers {@code <prefix><nnnn>} in index shard {@code shard} (ids of one length: none is
     * the prefix of another).
     */
    private List<String> stoppedRoutersOfShard(String prefix, int shard, int count) {
        List<String> routers = new ArrayList<>();
        for (int n = 0; routers.size() < count; n++) {
            String routerId = prefix + String.format(Locale.ROOT, "%04d", n);
            if (shardOf(routerId) == shard) {
                stoppedRouter(routerId);
                routers.add(routerId);
            }
        }
        return routers;
    }

    private List<String> routersOf(List<SQSEvent.SQSMessage> jobs) {
        return jobs.stream().map(m -> ((UsageFlushJob) MessageCodec.decodeUsageMessage(m.getBody())).routerId()).toList();
    }

    /** The sweep over a client of its own that counts its marks (conditional writes of {@code sweptAt}) in flight. */
    private static UsageFlushSweep sweepCounting(InFlightDynamoDb marks) {
        DynamoStore store = new DynamoStore(marks, world.store.tables(), world.clock);
        return new UsageFlushSweep(store.usage(), new SqsUsageSampleQueue(world.sqs, world.usageSamplesUrl()), world.clock);
    }

    private static InFlightDynamoDb countingMarks() {
        return new InFlightDynamoDb(world.dynamoDb, update -> update.expressionAttributeNames().containsValue("sweptAt"));
    }

    @Test
    void fortyStoppedRoutersOfOneShardAreMarkedSideBySideAndQueuedOnceAlsoByTwoSweepsAtOnce() throws Exception {
        List<String> routers = stoppedRoutersOfShard("rtr-", 5, 40);
        at(17);
        InFlightDynamoDb firstMarks = countingMarks();
        InFlightDynamoDb secondMarks = countingMarks();
        UsageFlushSweep first = sweepCounting(firstMarks);
        UsageFlushSweep second = sweepCounting(secondMarks);

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        int queued;
        try {
            Future<Integer> one = two.submit(() -> {
                go.await();
                return first.run();
            });
            Future<Integer> other = two.submit(() -> {
                go.await();
                return second.run();
            });
            go.countDown();
            queued = one.get() + other.get();
        } finally {
            two.shutdown();
        }

        List<String> jobs = routersOf(jobsOfThisReseller(take()));
        assertEquals(40, jobs.size(), "one job per router: " + jobs);
        assertEquals(Set.copyOf(routers), Set.copyOf(jobs));
        assertTrue(queued >= 40, "the runs count what they queued (and other tests' routers): " + queued);
        // The run that listed first found all forty unmarked: its marks went out side by side.
        int most = Math.max(firstMarks.mostInFlight(), secondMarks.mostInFlight());
        assertTrue(most > 1, "marked one after the other: " + most + " at once");

        at(18);
        sweep();
        assertEquals(List.of(), jobsOfThisReseller(take()), "all marked: none queued again within the wait");
    }

    @Test
    void aMarkTheStoreFailsLeavesThatRouterForTheNextRunAndTheOthersAreQueued() {
        int shard = 9;
        List<String> sameShard = stoppedRoutersOfShard("rtr-", shard, 3);
        String failing = sameShard.get(1);
        stoppedRouter("rtr-other-1");
        stoppedRouter("rtr-other-2");
        at(17);
        world.dynamoDb.failNextWrite("RESELLER#" + reseller.id() + "#ROUTERUSAGE#" + failing, FaultyDynamoDb.When.BEFORE_COMMIT);
        UsageFlushSweep sweep = new UsageFlushSweep(world.store.usage(),
                new SqsUsageSampleQueue(world.sqs, world.usageSamplesUrl()), world.clock);

        RuntimeException failed = assertThrows(RuntimeException.class, sweep::run, "the run reports the failure");

        assertTrue(failed.getMessage().contains(failing), failed.getMessage());
        List<String> expected = new ArrayList<>(List.of(sameShard.get(0), sameShard.get(2), "rtr-other-1", "rtr-other-2"));
        assertEquals(Set.copyOf(expected), Set.copyOf(routersOf(jobsOfThisReseller(take()))),
                "the others of its shard and of the other shards queued, the failed one not");

        at(18);
        sweep();
        assertEquals(List.of(failing), routersOf(jobsOfThisReseller(take())), "the next run takes it");
    }

    @Test
    void aMarkWrittenWhoseAnswerWasLostDelaysThatRouterBySweepAgainAfterAndDoesNotLoseIt() {
        List<String> sameShard = stoppedRoutersOfShard("rtr-", 10, 2);
        String lost = sameShard.get(0);
        at(17);
        world.dynamoDb.failNextWrite("RESELLER#" + reseller.id() + "#ROUTERUSAGE#" + lost, FaultyDynamoDb.When.AFTER_COMMIT);
        UsageFlushSweep sweep = new UsageFlushSweep(world.store.usage(),
                new SqsUsageSampleQueue(world.sqs, world.usageSamplesUrl()), world.clock);

        assertThrows(RuntimeException.class, sweep::run, "the run reports the failure");
        assertEquals(List.of(sameShard.get(1)), routersOf(jobsOfThisReseller(take())), "only the router whose mark answered");

        at(18);
        sweep();
        assertEquals(List.of(), jobsOfThisReseller(take()), "its mark was written: not swept again within the wait");

        at(17 + (int) UsageFlushSweep.SWEEP_AGAIN_AFTER.toMinutes() + 1);
        sweep();
        // The other router's job was taken off the queue here and never applied, so it comes again too.
        assertEquals(Set.copyOf(sameShard), Set.copyOf(routersOf(jobsOfThisReseller(take()))), "taken once the wait is over");
    }

    /** The real queue, except that a send of flush jobs for any of {@code routers} fails as SQS does after its retries. */
    private record FailingFlushJobsOf(UsageSampleQueue queue, Set<String> routers) implements UsageSampleQueue {
        @Override
        public void send(RouterUsage poll) {
            queue.send(poll);
        }

        @Override
        public void sendFlushJobs(List<UsageFlushJob> jobs) {
            if (jobs.stream().anyMatch(job -> routers.contains(job.resellerId() + "#" + job.routerId()))) {
                throw new QueueSendException("usage-samples", "injected failure of a send of " + jobs.size() + " jobs");
            }
            queue.sendFlushJobs(jobs);
        }
    }

    @Test
    void aSendThatFailsAfterAFailedMarkThrowsWithTheMarkFailureKeptAndEveryRouterIsTakenLater() {
        List<String> sameShard = stoppedRoutersOfShard("rtr-", 11, 3);
        String failingMark = sameShard.get(1);
        List<String> otherShard = stoppedRoutersOfShard("rtr-other-", 12, 1);
        at(17);
        world.dynamoDb.failNextWrite("RESELLER#" + reseller.id() + "#ROUTERUSAGE#" + failingMark,
                FaultyDynamoDb.When.BEFORE_COMMIT);
        UsageSampleQueue queue = new FailingFlushJobsOf(new SqsUsageSampleQueue(world.sqs, world.usageSamplesUrl()),
                Set.of(reseller.id() + "#" + sameShard.getFirst()));
        UsageFlushSweep sweep = new UsageFlushSweep(world.store.usage(), queue, world.clock);

        QueueSendException failed = assertThrows(QueueSendException.class, sweep::run, "the send's failure is thrown");

        List<UsageRepository.SomeMarksFailedException> markFailures = Arrays.stream(failed.getSuppressed())
                .filter(UsageRepository.SomeMarksFailedException.class::isInstance)
                .map(UsageRepository.SomeMarksFailedException.class::cast).toList();
        assertEquals(1, markFailures.size(), "the marks' failure kept on it: " + Arrays.toString(failed.getSuppressed()));
        assertEquals(List.of(failingMark), markFailures.getFirst().failed().stream()
                .map(UsageRepository.UnflushedRouter::routerId).toList());
        assertEquals(otherShard, routersOf(jobsOfThisReseller(take())), "the other shard queued, nothing of this one");

        at(18);
        sweep();
        assertEquals(List.of(failingMark), routersOf(jobsOfThisReseller(take())), "the next run takes the unmarked one");
        at(23);
        sweep();
        // Every router marked at 17 again (none of their jobs was delivered here), the two never queued among them.
        assertEquals(Set.of(sameShard.getFirst(), sameShard.get(2), otherShard.getFirst()),
                Set.copyOf(routersOf(jobsOfThisReseller(take()))), "those marked but not queued once the wait is over");
    }
}
