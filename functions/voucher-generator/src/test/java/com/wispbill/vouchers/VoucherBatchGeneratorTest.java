package com.wispbill.vouchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.adapters.sqs.SqsVoucherBatchQueue;
import com.wispbill.adapters.voucher.VoucherBatchConfirmations;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.vouchers.GenerationOutcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generator on the embedded stack: collisions, checkpoints and resumption. */
class VoucherBatchGeneratorTest {
    private static final String A = "reseller-bg-a";
    private static final String B = "reseller-bg-b";
    private static final List<String> ROUTERS = List.of("router-bg-1", "router-bg-2", "router-bg-3");

    private final GeneratorStack env = GeneratorStack.get();

    @BeforeEach
    void seed() {
        env.seed(A, 10, "plan-bg", ROUTERS.toArray(String[]::new));
        env.seed(B, 10, "plan-bg-b", "router-bg-b");
        env.purge();
    }

    private VoucherBatch newBatch(String resellerId, String planId, List<String> routers, int quantity) {
        return env.queuedBatch(Ids.newId(env.clock), resellerId, planId, routers, quantity);
    }

    /** Exhausted after {@code checks} checks, so a run stores or queues that many chunks plus one. */
    private static GenerationBudget exhaustedAfter(int checks) {
        AtomicInteger seen = new AtomicInteger();
        return () -> seen.incrementAndGet() > checks;
    }

    @Test
    void collidingCodesAreRegeneratedAndNeverTouchTheExistingVoucher() {
        // Reseller B already owns a voucher; A's generator is made to draw B's code first, then its own twice.
        VoucherBatch bBatch = newBatch(B, "plan-bg-b", List.of("router-bg-b"), 1);
        assertEquals(Kind.PENDING_ROUTER, env.generator(new VoucherCodes()).generate(new VoucherBatchOrder(B, bBatch.id()),
                GenerationBudget.UNLIMITED).kind());
        Voucher bVoucher = env.vouchersOf(B, bBatch.id()).getFirst();
        env.drainCommands();
        String repeated = "ABCDEFGHJK";
        VoucherBatch batch = newBatch(A, "plan-bg", ROUTERS, 50);

        GenerationOutcome outcome = env.generator(new VoucherCodes(new ScriptedRandom(bVoucher.code(), repeated, repeated)))
                .generate(new VoucherBatchOrder(A, batch.id()), GenerationBudget.UNLIMITED);

        assertEquals(Kind.PENDING_ROUTER, outcome.kind());
        assertEquals(52, outcome.stats().codesDrawn());
        assertEquals(50, outcome.stats().vouchersStored());
        assertEquals(2, outcome.stats().collisions());
        List<Voucher> vouchers = env.vouchersOf(A, batch.id());
        assertEquals(50, vouchers.size());
        Set<String> codes = vouchers.stream().map(Voucher::code).collect(Collectors.toSet());
        assertEquals(50, codes.size());
        assertFalse(codes.contains(bVoucher.code()));
        assertTrue(codes.contains(repeated));
        assertEquals(bVoucher, env.store.vouchers().findByCode(B, bVoucher.code()).orElseThrow());
        assertTrue(env.store.vouchers().findByCode(A, bVoucher.code()).isEmpty());
        assertEquals(50 + ROUTERS.size(), env.drainCommands().size());
    }

    @Test
    void aBatchCheckpointedWhileGeneratingResumesToExactlyItsQuantity() {
        VoucherBatch batch = newBatch(A, "plan-bg", ROUTERS, 2_500);
        VoucherBatchOrder order = new VoucherBatchOrder(A, batch.id());

        GenerationOutcome first = env.generator(new VoucherCodes()).generate(order, exhaustedAfter(0));

        assertEquals(Kind.CHECKPOINTED, first.kind());
        VoucherBatch partial = env.store.voucherBatches().get(A, batch.id());
        assertEquals(VoucherBatchStatus.GENERATING, partial.status());
        int storedFirst = env.vouchersOf(A, batch.id()).size();
        assertTrue(storedFirst > 0 && storedFirst < 2_500, "stopped part way: " + storedFirst);
        assertEquals(storedFirst, partial.generatedCount(), "a checkpoint shows what is stored");
        assertEquals(first.stats().messagesQueued(), env.approximateMessages(env.commandsQueueUrl),
                "each stored part is queued at once");

        int runs = 1;
        GenerationOutcome outcome = first;
        while (outcome.kind() == Kind.CHECKPOINTED) {
            // A fresh generator each time: a new invocation knows only what is stored.
            outcome = env.generator(new VoucherCodes()).generate(order, exhaustedAfter(1));
            runs++;
        }

        assertEquals(Kind.PENDING_ROUTER, outcome.kind());
        assertTrue(runs > 2, "the batch took several runs: " + runs);
        List<Voucher> vouchers = env.vouchersOf(A, batch.id());
        assertEquals(2_500, vouchers.size());
        assertEquals(2_500, vouchers.stream().map(Voucher::code).distinct().count());
        // Written once each: whether they are on their routers is the batch's state.
        assertTrue(vouchers.stream().allMatch(v -> v.status() == VoucherStatus.NEW));
        assertEquals(2_500, env.store.voucherBatches().get(A, batch.id()).generatedCount());
        assertQueuedOncePerVoucher(vouchers, env.drainCommands());
    }

    @Test
    void aRunThatDiesWhileQueueingIsResumedWithTheSamePartsAndNoVoucherWrittenTwice() {
        int quantity = 650;
        VoucherBatch batch = newBatch(A, "plan-bg", ROUTERS, quantity);
        VoucherBatchOrder order = new VoucherBatchOrder(A, batch.id());
        // The queue fails after the first send (a router's first part): the run dies, SQS redelivers.
        assertThrows(IllegalStateException.class, () -> dyingAfterItsFirstSend().generate(order, GenerationBudget.UNLIMITED));
        assertEquals(VoucherBatchStatus.GENERATING, env.store.voucherBatches().get(A, batch.id()).status());

        GenerationOutcome second = env.generator(new VoucherCodes()).generate(order, GenerationBudget.UNLIMITED);

        assertEquals(Kind.PENDING_ROUTER, second.kind());
        // The dead run stored the parts it started; this one stored the rest and queued every part.
        assertTrue(second.stats().vouchersStored() < quantity, "stored again: " + second.stats().vouchersStored());
        assertEquals(quantity, second.stats().usersQueued());
        List<Voucher> vouchers = env.vouchersOf(A, batch.id());
        assertTrue(vouchers.stream().allMatch(v -> v.status() == VoucherStatus.NEW));
        // The parts the dead run sent were sent again with the same ids: the FIFO queue dropped the repeats.
        assertQueuedOncePerVoucher(vouchers, env.drainCommands());
        VoucherBatch pending = env.store.voucherBatches().get(A, batch.id());
        assertEquals(second.stats().messagesQueued(), pending.provisioningParts());
        assertEquals(0, pending.confirmedParts());
    }

    @Test
    void theHandlerRequeuesItsOrderWhenShortOfTimeUntilTheBatchIsReady() throws InterruptedException {
        VoucherBatch batch = newBatch(A, "plan-bg", ROUTERS, 2_000);
        // A margin just under the function's 300 s timeout: every invocation checkpoints after one chunk.
        env.handler.delegate = env.handler(env.generator(new VoucherCodes()), Duration.ofMillis(299_900));
        try {
            new SqsVoucherBatchQueue(env.sqs, env.ordersQueueUrl).send(new VoucherBatchOrder(A, batch.id()));
            Instant deadline = Instant.now().plusSeconds(120);
            while (env.store.voucherBatches().get(A, batch.id()).status() != VoucherBatchStatus.PENDING_ROUTER
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
        } finally {
            env.handler.delegate = new VoucherGeneratorHandler();
        }

        VoucherBatch generated = env.store.voucherBatches().get(A, batch.id());
        assertEquals(VoucherBatchStatus.PENDING_ROUTER, generated.status());
        List<Voucher> vouchers = env.vouchersOf(A, batch.id());
        assertEquals(2_000, vouchers.size());
        assertQueuedOncePerVoucher(vouchers, env.drainCommands());
    }

    @Test
    void theFinishedBatchGivesItsQuantityBackToTheQuotaOnce() {
        VoucherBatch ready = newBatch(A, "plan-bg", ROUTERS, 20);
        VoucherBatch failed = newBatch(A, "plan-bg", List.of("router-bg-1", "router-bg-gone"), 7);
        // What the API's order did for both batches: reserve their quantities.
        long unreserved = env.store.voucherQuota().usage(A, 0).outstanding();
        WriteTransaction reserve = env.store.begin();
        env.store.voucherQuota().reserve(A, 27, env.store.voucherQuota().usage(A, 1_000_000), reserve);
        reserve.commit();
        long before = env.store.voucherQuota().usage(A, 0).outstanding();
        assertEquals(unreserved + 27, before);

        env.generator(new VoucherCodes()).generate(new VoucherBatchOrder(A, ready.id()), GenerationBudget.UNLIMITED);
        assertEquals(before - 20, env.store.voucherQuota().usage(A, 0).outstanding(), "the end of generation (PENDING_ROUTER) releases the reservation");
        env.generator(new VoucherCodes()).generate(new VoucherBatchOrder(A, failed.id()), GenerationBudget.UNLIMITED);
        assertEquals(before - 27, env.store.voucherQuota().usage(A, 0).outstanding(), "FAILED releases it too");

        // Redelivered orders find the batches finished and release nothing more.
        env.generator(new VoucherCodes()).generate(new VoucherBatchOrder(A, ready.id()), GenerationBudget.UNLIMITED);
        env.generator(new VoucherCodes()).generate(new VoucherBatchOrder(A, failed.id()), GenerationBudget.UNLIMITED);
        assertEquals(before - 27, env.store.voucherQuota().usage(A, 0).outstanding());
        env.drainCommands();
    }

    @Test
    void aBatchIsPendingRouterWithItsReasonUntilEveryPartIsConfirmedOnce() {
        VoucherBatch batch = newBatch(A, "plan-bg", ROUTERS, 250);

        GenerationOutcome outcome = env.generator(new VoucherCodes())
                .generate(new VoucherBatchOrder(A, batch.id()), GenerationBudget.UNLIMITED);

        assertEquals(Kind.PENDING_ROUTER, outcome.kind());
        VoucherBatch pending = env.store.voucherBatches().get(A, batch.id());
        assertEquals(VoucherBatchStatus.PENDING_ROUTER, pending.status());
        assertFalse(pending.isProvisioned(), "not sellable before the routers confirm");
        // No router of the batch was ever polled: the reason says so.
        assertTrue(pending.pendingReason().orElseThrow().contains("never reached"), pending.pendingReason().toString());
        // 3 routers with 84, 83 and 83 users plus their profile: one part each.
        assertEquals(3, pending.provisioningParts());
        assertEquals(3, outcome.stats().messagesQueued());
        assertEquals(250 + 3, env.drainCommands().size());

        VoucherBatchConfirmations routers = new VoucherBatchConfirmations(env.store.voucherBatches(), env.clock);
        routers.confirm(A, batch.id(), 0);
        routers.confirm(A, batch.id(), 1);
        routers.confirm(A, batch.id(), 1);
        VoucherBatch twoOfThree = env.store.voucherBatches().get(A, batch.id());
        assertEquals(VoucherBatchStatus.PENDING_ROUTER, twoOfThree.status());
        assertEquals(2, twoOfThree.confirmedParts(), "a part confirmed twice counts once");

        VoucherBatch ready = routers.confirm(A, batch.id(), 2).orElseThrow();

        assertEquals(VoucherBatchStatus.READY, ready.status());
        assertEquals(VoucherBatchStatus.READY, env.store.voucherBatches().get(A, batch.id()).status());
        assertTrue(env.store.voucherBatches().get(A, batch.id()).pendingReason().isEmpty());
        assertTrue(env.vouchersOf(A, batch.id()).stream().allMatch(v -> v.status() == VoucherStatus.NEW),
                "no voucher was written again");
    }

    @Test
    void aBatchAnEarlierGeneratorLeftPartlyStoredIsFinishedKeepingItsVouchersEvenWhenInterruptedBetweenParts() {
        // What the generator before part records left when a deploy or crash stopped it: 120 of 300 vouchers stored
        // (round robin over the routers) and counted on the batch, no record of parts, nothing queued.
        VoucherBatch batch = newBatch(A, "plan-bg", ROUTERS, 300);
        List<Voucher> earlier = storeAsEarlierGenerator(batch, 120);
        VoucherBatchOrder order = new VoucherBatchOrder(A, batch.id());
        // This run dies after its first send (a router's first part), between parts.
        assertThrows(IllegalStateException.class, () -> dyingAfterItsFirstSend().generate(order, GenerationBudget.UNLIMITED));
        assertEquals(VoucherBatchStatus.GENERATING, env.store.voucherBatches().get(A, batch.id()).status());
        var recorded = env.store.vouchers().storedParts(A, batch.id());
        assertEquals(List.of(40, 40, 40), recorded.earlierPerRouter(), "the earlier vouchers are each router's first parts");

        GenerationOutcome outcome = env.generator(new VoucherCodes()).generate(order, GenerationBudget.UNLIMITED);

        assertEquals(Kind.PENDING_ROUTER, outcome.kind());
        List<Voucher> vouchers = env.vouchersOf(A, batch.id());
        assertEquals(300, vouchers.size());
        assertEquals(300, vouchers.stream().map(Voucher::code).distinct().count());
        assertTrue(vouchers.containsAll(earlier), "the earlier vouchers are kept as they were");
        for (String router : ROUTERS) {
            assertEquals(100, vouchers.stream().filter(v -> v.routerId().equals(router)).count(), router);
        }
        VoucherBatch pending = env.store.voucherBatches().get(A, batch.id());
        assertEquals(VoucherBatchStatus.PENDING_ROUTER, pending.status());
        assertEquals(300, pending.generatedCount());
        // Per router one part of its 40 earlier vouchers (with the profile) and one of 60 new ones.
        assertEquals(6, pending.provisioningParts());
        assertEquals(6, env.store.vouchers().storedParts(A, batch.id()).voucherIds().size());
        // The part the dead run sent was sent again with the same id: the FIFO queue dropped the repeat.
        assertQueuedOncePerVoucher(vouchers, env.drainCommands());
    }

    /** A generator whose queue fails after its first send: the run dies part way, as in a queue outage. */
    private VoucherBatchGenerator dyingAfterItsFirstSend() {
        AtomicInteger sends = new AtomicInteger();
        RouterCommandQueue dying = env.commandQueue(bulks -> {
            if (sends.incrementAndGet() > 1) {
                throw new IllegalStateException("queue outage");
            }
        });
        return new VoucherBatchGenerator(env.store.resellers(), env.store.plans(), env.store.routers(),
                env.store.voucherBatches(), env.store.vouchers(), env.store, env.store.voucherQuota(), dying,
                new VoucherCodes(), env.clock);
    }

    /** Stores {@code n} vouchers of the batch as the generator before part records did: counted on the batch, no part. */
    private List<Voucher> storeAsEarlierGenerator(VoucherBatch batch, int n) {
        VoucherBatch generating = batch.startGenerating(env.clock);
        env.store.voucherBatches().update(batch, generating);
        List<Voucher> earlier = new java.util.ArrayList<>();
        WriteTransaction tx = env.store.begin();
        for (int i = 0; i < n; i++) {
            Voucher v = Voucher.create(new VoucherCodes().generate(10), batch.resellerId(), batch.id(), batch.planId(),
                    batch.routerIds().get(i % batch.routerIds().size()), env.clock);
            earlier.add(v);
            env.store.vouchers().insert(v, tx);
            if (tx.size() == 99 || i == n - 1) {
                tx.commit();
                tx = env.store.begin();
            }
        }
        env.store.voucherBatches().update(generating, generating.progress(n, env.clock));
        return earlier;
    }

    @Test
    void aMissingRouterFailsTheBatchBeforeAnythingIsStored() {
        VoucherBatch batch = newBatch(A, "plan-bg", List.of("router-bg-1", "router-bg-gone"), 10);

        GenerationOutcome outcome = env.generator(new VoucherCodes())
                .generate(new VoucherBatchOrder(A, batch.id()), GenerationBudget.UNLIMITED);

        assertEquals(Kind.FAILED, outcome.kind());
        VoucherBatch failed = env.store.voucherBatches().get(A, batch.id());
        assertEquals(VoucherBatchStatus.FAILED, failed.status());
        assertEquals("Router router-bg-gone not found", failed.failureReason().orElseThrow());
        assertEquals(List.of(), env.vouchersOf(A, batch.id()));
        assertEquals(0, env.approximateMessages(env.commandsQueueUrl));
    }

    /** Exactly one user command per voucher, to its router, and one profile per router of the batch. */
    private void assertQueuedOncePerVoucher(List<Voucher> vouchers, List<RouterCommandEnvelope> commands) {
        List<RouterCommandEnvelope> users = commands.stream().filter(c -> c.command() instanceof EnsureHotspotUser).toList();
        assertEquals(vouchers.size(), users.size(), "one EnsureHotspotUser per voucher");
        assertEquals(vouchers.stream().map(v -> v.id() + "-EnsureHotspotUser").collect(Collectors.toSet()),
                users.stream().map(RouterCommandEnvelope::commandId).collect(Collectors.toSet()));
        assertEquals(vouchers.stream().map(v -> v.code() + "@" + v.routerId()).collect(Collectors.toSet()),
                users.stream().map(c -> ((EnsureHotspotUser) c.command()).name() + "@" + c.routerId())
                        .collect(Collectors.toSet()));
        assertEquals(ROUTERS.size(), commands.size() - users.size(), "one profile per router");
    }
}
