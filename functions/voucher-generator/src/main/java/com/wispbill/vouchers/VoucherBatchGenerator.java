package com.wispbill.vouchers;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.VoucherQuota;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.adapters.repository.VoucherRepository.PartInsert;
import com.wispbill.adapters.repository.VoucherRepository.StoredParts;
import com.wispbill.adapters.voucher.VoucherBatchConfirmations;
import com.wispbill.adapters.voucher.VoucherBatchEnding;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.voucher.VoucherBatchLayout;
import com.wispbill.domain.voucher.VoucherProvisioning;
import com.wispbill.vouchers.GenerationOutcome.Kind;
import com.wispbill.vouchers.GenerationOutcome.Stats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Generates one voucher batch and queues its provisioning. Every step is resumable from what is
 * stored, so a redelivered or re-queued order continues where the last run stopped and never
 * creates a voucher or a command twice:
 * <ol>
 *   <li>QUEUED → GENERATING (conditional on the read state: one worker per batch);</li>
 *   <li>the batch is cut into provisioning parts before anything is drawn ({@link VoucherBatchLayout}: per
 *       router up to 99 vouchers a part, its first part with the plan's profile). Each part is drawn, stored
 *       in one transaction with a record of the part ({@link VoucherRepository#insertPart}: all or nothing,
 *       once) and queued as one bulk right away, so queueing overlaps storing; up to
 *       {@link #PARALLEL_PARTS} parts are in flight at once. Every router's first part goes before its other
 *       parts. Codes that collide with existing ones (of any reseller) are replaced by new draws;</li>
 *   <li>a resumed run reads the part records, stores only the parts missing and queues the stored ones again
 *       (same bulk and command ids: FIFO dedup and the driver's records absorb the repeats); vouchers an earlier
 *       generator stored without part records are recorded as their routers' first parts and kept;</li>
 *   <li>the batch moves GENERATING → PENDING_ROUTER with the number of parts and why it waits; the router
 *       driver confirms each part once applied, and the last confirmation makes it READY (or this run,
 *       if the routers were faster).</li>
 * </ol>
 * Before each part is started the {@link GenerationBudget} is checked; when it is exhausted the run stops with
 * {@link Kind#CHECKPOINTED} and the caller queues the order again. Problems no retry can fix (the
 * plan, reseller or a router is gone; the plan cannot be expressed on a router) mark the batch FAILED
 * with the reason. Anything else (throttling, a queue outage) is thrown for the caller to retry.
 */
public final class VoucherBatchGenerator {
    /**
     * Parts stored and queued at once. Each part waits on two round trips (its transaction, its send), so a few
     * in flight keep DynamoDB busy; bounded so a batch never takes more than a few connections and a
     * throttled table sees a handful of retries, not a hundred.
     */
    static final int PARALLEL_PARTS = 8;
    /**
     * Of those, parts whose transaction is in flight at once: the sends and the next parts' draws run beside it.
     * DynamoDB Local took four times as long per transaction with two in flight (262 ms against 66 ms alone),
     * halving the rate; DynamoDB takes transactions on different items side by side, so raise this there.
     */
    static final int PARALLEL_STORES = 1;
    /**
     * The batch's {@code generatedCount} (what the API shows while generating) is brought up to date after about this
     * many vouchers: a quarter of the largest batch. The part records are the progress a resumed run relies on; this
     * count is only for people watching, and each write is a call beside the stores on the batch item.
     */
    static final int PROGRESS_EVERY = 25 * VoucherBatchLayout.USERS_PER_PART;
    /** A run that sees more collisions than this has a broken random source or a far too short code length. */
    static final int MAX_COLLISIONS_PER_RUN = 1_000;
    private static final int LISTING_ATTEMPTS = 5;
    private static final long LISTING_RETRY_MILLIS = 1_000;

    private final ResellerRepository resellers;
    private final PlanRepository plans;
    private final RouterRepository routers;
    private final VoucherBatchRepository batches;
    private final VoucherRepository vouchers;
    private final VoucherBatchEnding ending;
    private final VoucherBatchConfirmations confirmations;
    private final RouterCommandQueue commands;
    private final VoucherCodes codes;
    private final Clock clock;

    public VoucherBatchGenerator(ResellerRepository resellers, PlanRepository plans, RouterRepository routers,
                                 VoucherBatchRepository batches, VoucherRepository vouchers, Transactions transactions,
                                 VoucherQuota quota, RouterCommandQueue commands, VoucherCodes codes, Clock clock) {
        this.resellers = resellers;
        this.plans = plans;
        this.routers = routers;
        this.batches = batches;
        this.vouchers = vouchers;
        this.ending = new VoucherBatchEnding(batches, quota, transactions);
        this.confirmations = new VoucherBatchConfirmations(batches, clock);
        this.commands = commands;
        this.codes = codes;
        this.clock = clock;
    }

    public static VoucherBatchGenerator of(DynamoStore store, RouterCommandQueue commands, VoucherCodes codes,
                                           Clock clock) {
        return new VoucherBatchGenerator(store.resellers(), store.plans(), store.routers(), store.voucherBatches(),
                store.vouchers(), store, store.voucherQuota(), commands, codes, clock);
    }

    public GenerationOutcome generate(VoucherBatchOrder order, GenerationBudget budget) {
        // The batch is read under the order's reseller: another reseller's batch id reads as unknown.
        Optional<VoucherBatch> found = batches.find(order.resellerId(), order.batchId());
        if (found.isEmpty()) {
            return new GenerationOutcome(Kind.IGNORED, order.batchId(), "no such batch for reseller "
                    + order.resellerId(), Stats.NONE);
        }
        Run run = new Run(found.get(), budget);
        return run.execute();
    }

    /** The state of one run over one batch. Counters are touched by the parts in flight, the batch only by the run. */
    private final class Run {
        private VoucherBatch batch;
        private final GenerationBudget budget;
        private final LongAdder drawn = new LongAdder();
        private final AtomicLong collisions = new AtomicLong();
        private final LongAdder queued = new LongAdder();
        private final LongAdder messages = new LongAdder();
        private final LongAdder usersQueued = new LongAdder();
        /** Vouchers stored, by earlier runs and this one. */
        private final AtomicInteger storedInBatch = new AtomicInteger();
        /** Vouchers stored in this run. */
        private final AtomicLong storedNow = new AtomicLong();
        /** Parts stored in this run: the budget is only checked after some progress. */
        private final AtomicInteger partsStored = new AtomicInteger();
        private volatile RuntimeException failure;
        /** Fair, so parts are stored in the order they were started. */
        private final Semaphore storing = new Semaphore(PARALLEL_STORES, true);

        Run(VoucherBatch batch, GenerationBudget budget) {
            this.batch = batch;
            this.budget = budget;
        }

        GenerationOutcome execute() {
            if (batch.status() == VoucherBatchStatus.READY || batch.status() == VoucherBatchStatus.FAILED
                    || batch.status() == VoucherBatchStatus.PENDING_ROUTER) {
                return outcome(Kind.IGNORED, "batch is already " + batch.status());
            }
            try {
                Reseller reseller = resellers.get(batch.resellerId());
                Plan plan = plans.get(batch.resellerId(), batch.planId());
                for (String routerId : batch.routerIds()) {
                    routers.get(batch.resellerId(), routerId);
                }
                // Building the profile validates what the router needs from the plan before anything is stored.
                VoucherProvisioning.profile(plan);
                move(batch.startGenerating(clock));
                Resumed resumed = resume();
                VoucherBatchLayout layout = resumed.layout();
                Map<Integer, List<Voucher>> storedEarlier = resumed.vouchersByPart();
                for (List<VoucherBatchLayout.Part> wave : layout.waves()) {
                    if (!runWave(wave, storedEarlier, reseller.voucherCodeLength(), plan)) {
                        writeProgress();
                        return outcome(Kind.CHECKPOINTED, "stopped after " + storedInBatch.get() + " of "
                                + batch.quantity() + " vouchers stored");
                    }
                }
                if (storedInBatch.get() != batch.quantity()) {
                    throw new IllegalStateException(storedInBatch.get() + " of the " + batch.quantity()
                            + " vouchers of batch " + batch.id() + " are stored after all its parts");
                }
                int parts = layout.parts().size();
                move(batch.pendingRouter(parts, waitingReason(), clock));
                // The routers may have confirmed every part before the batch was PENDING_ROUTER.
                batch = confirmations.readyIfConfirmed(batches.get(batch.resellerId(), batch.id()));
                return outcome(batch.status() == VoucherBatchStatus.READY ? Kind.READY : Kind.PENDING_ROUTER,
                        batch.quantity() + " vouchers stored, " + parts + " parts queued");
            } catch (NotFoundException | ValidationException | CodeSpaceExhaustedException e) {
                return fail(e.getMessage());
            } catch (ConflictException e) {
                // Another worker moved the batch or stored a part (a duplicate delivery): it carries on, this run stops.
                return outcome(Kind.IGNORED, "another worker is on the batch: " + e.getMessage());
            }
        }

        private void move(VoucherBatch next) {
            if (next.status() == VoucherBatchStatus.PENDING_ROUTER || next.status() == VoucherBatchStatus.READY
                    || next.status() == VoucherBatchStatus.FAILED) {
                ending.end(batch, next);
            } else {
                batches.update(batch, next);
            }
            batch = next;
        }

        /**
         * Stores and queues the parts of one wave, up to {@link #PARALLEL_PARTS} at once, and waits for them;
         * false if it stopped early because the budget is exhausted. A part stored by an earlier run is only
         * queued again.
         */
        private boolean runWave(List<VoucherBatchLayout.Part> wave, Map<Integer, List<Voucher>> storedEarlier,
                                int codeLength, Plan plan) {
            VoucherBatch generating = batch;
            Instant issuedAt = clock.instant();
            Semaphore slots = new Semaphore(PARALLEL_PARTS);
            boolean complete = true;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (VoucherBatchLayout.Part part : wave) {
                    slots.acquireUninterruptibly();
                    List<Voucher> earlier = storedEarlier.get(part.number());
                    if (failure != null || (earlier == null && partsStored.get() > 0 && budget.exhausted())) {
                        slots.release();
                        complete = false;
                        break;
                    }
                    if (earlier == null && storedInBatch.get() - batch.generatedCount() >= PROGRESS_EVERY) {
                        writeProgress();
                    }
                    pool.submit(() -> {
                        try {
                            List<Voucher> partVouchers = earlier != null ? earlier : store(generating, part, codeLength);
                            send(VoucherProvisioning.part(generating, part, plan, partVouchers, issuedAt));
                        } catch (RuntimeException e) {
                            synchronized (this) {
                                if (failure == null) {
                                    failure = e;
                                }
                            }
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
            if (failure != null) {
                throw failure;
            }
            return complete;
        }

        /** Draws the part's codes and stores the part, drawing again for codes that exist already; its vouchers. */
        private List<Voucher> store(VoucherBatch generating, VoucherBatchLayout.Part part, int codeLength) {
            Set<String> drawnCodes = new HashSet<>();
            List<Voucher> partVouchers = new ArrayList<>(part.users());
            for (int i = 0; i < part.users(); i++) {
                partVouchers.add(newVoucher(generating, part, codeLength, drawnCodes));
            }
            while (true) {
                PartInsert result;
                storing.acquireUninterruptibly();
                try {
                    result = vouchers.insertPart(generating, part.number(), partVouchers);
                } finally {
                    storing.release();
                }
                if (result.stored()) {
                    storedInBatch.addAndGet(partVouchers.size());
                    storedNow.addAndGet(partVouchers.size());
                    partsStored.incrementAndGet();
                    return partVouchers;
                }
                countCollisions(result.collidedCodes().size());
                Set<String> collided = Set.copyOf(result.collidedCodes());
                List<Voucher> replaced = new ArrayList<>(partVouchers.size());
                for (Voucher v : partVouchers) {
                    replaced.add(collided.contains(v.code()) ? newVoucher(generating, part, codeLength, drawnCodes) : v);
                }
                partVouchers = replaced;
            }
        }

        /** A voucher with a code not drawn before for this part (the repository refuses a code twice in one part). */
        private Voucher newVoucher(VoucherBatch generating, VoucherBatchLayout.Part part, int codeLength,
                                   Set<String> drawnCodes) {
            String code = codes.generate(codeLength);
            drawn.increment();
            while (!drawnCodes.add(code)) {
                countCollisions(1);
                code = codes.generate(codeLength);
                drawn.increment();
            }
            return Voucher.create(code, generating.resellerId(), generating.id(), generating.planId(), part.routerId(), clock);
        }

        private void countCollisions(int n) {
            long seen = collisions.addAndGet(n);
            if (seen > MAX_COLLISIONS_PER_RUN) {
                throw new CodeSpaceExhaustedException(seen, drawn.sum());
            }
        }

        /** The batch's {@code generatedCount} brought up to what is stored (the parts' records are the progress itself). */
        private void writeProgress() {
            int stored = storedInBatch.get();
            if (stored > batch.generatedCount()) {
                move(batch.progress(stored, clock));
            }
        }

        /**
         * What earlier runs stored: the batch's layout and, by part, the vouchers of the parts stored. The part records
         * name them, the batch's index lists them. A batch an earlier generator stored partly without recording parts
         * (its {@code generatedCount}, exact then, above zero and no record) is taken over as it is: those vouchers
         * become the first parts of their routers ({@link VoucherBatchLayout#of(VoucherBatch, List)}), recorded once,
         * and only the rest of the quantity is drawn. The index is eventually consistent, so a listing that misses some
         * is read again before giving up (and retrying later).
         */
        private Resumed resume() {
            StoredParts stored = vouchers.storedParts(batch.resellerId(), batch.id());
            boolean takingOver = stored.voucherIds().isEmpty() && batch.generatedCount() > 0;
            if (stored.voucherIds().isEmpty() && !takingOver) {
                return new Resumed(VoucherBatchLayout.of(batch), Map.of());
            }
            Set<String> recorded = new HashSet<>();
            stored.voucherIds().values().forEach(recorded::addAll);
            // Vouchers of the batch no part names: only those an earlier generator stored, and exactly that many.
            int unrecordedExpected = takingOver ? batch.generatedCount()
                    : stored.earlierPerRouter().stream().mapToInt(Integer::intValue).sum()
                    - earlierRecorded(VoucherBatchLayout.of(batch, stored.earlierPerRouter()), stored);
            for (int attempt = 1; ; attempt++) {
                Map<String, Voucher> listed = listBatch();
                List<Voucher> unrecorded = listed.values().stream().filter(v -> !recorded.contains(v.id())).toList();
                // With none expected, a voucher in no part is one a concurrent worker is storing: its part will conflict.
                if (listed.keySet().containsAll(recorded)
                        && (unrecordedExpected == 0 || unrecorded.size() == unrecordedExpected)) {
                    return takeOver(stored, listed, unrecorded, takingOver);
                }
                if (attempt == LISTING_ATTEMPTS) {
                    throw new IllegalStateException("the index lists " + listed.size() + " vouchers of batch " + batch.id()
                            + ", " + unrecorded.size() + " of them in no part, for " + recorded.size() + " in parts and "
                            + unrecordedExpected + " stored before parts were recorded; retry later");
                }
                sleep(LISTING_RETRY_MILLIS);
            }
        }

        /** Records the parts of vouchers stored before parts were recorded (if any are left) and lays the batch out. */
        private Resumed takeOver(StoredParts stored, Map<String, Voucher> listed, List<Voucher> unrecorded,
                                 boolean takingOver) {
            List<Integer> earlierPerRouter = stored.earlierPerRouter();
            if (takingOver) {
                earlierPerRouter = batch.routerIds().stream()
                        .map(routerId -> (int) unrecorded.stream().filter(v -> v.routerId().equals(routerId)).count())
                        .toList();
                if (earlierPerRouter.stream().mapToInt(Integer::intValue).sum() != unrecorded.size()) {
                    throw new IllegalStateException("batch " + batch.id() + " holds vouchers for routers it does not list");
                }
            }
            VoucherBatchLayout layout = VoucherBatchLayout.of(batch, earlierPerRouter);
            Map<Integer, List<Voucher>> byPart = new HashMap<>();
            stored.voucherIds().forEach((part, ids) -> byPart.put(part, ids.stream().map(listed::get).toList()));
            // Each router's unrecorded vouchers, in id (generation) order, fill its earlier parts not recorded yet.
            for (String routerId : batch.routerIds()) {
                List<Voucher> left = unrecorded.stream().filter(v -> v.routerId().equals(routerId))
                        .sorted(Comparator.comparing(Voucher::id)).toList();
                int from = 0;
                for (VoucherBatchLayout.Part part : layout.parts()) {
                    if (part.earlier() && part.routerId().equals(routerId) && !byPart.containsKey(part.number())) {
                        List<Voucher> partVouchers = left.subList(from, from + part.users());
                        vouchers.recordEarlierPart(batch, part.number(), partVouchers.stream().map(Voucher::id).toList(),
                                earlierPerRouter);
                        byPart.put(part.number(), partVouchers);
                        from += part.users();
                    }
                }
            }
            storedInBatch.set(byPart.values().stream().mapToInt(List::size).sum());
            return new Resumed(layout, byPart);
        }

        /** How many vouchers stored before parts were recorded are already in recorded parts. */
        private static int earlierRecorded(VoucherBatchLayout layout, StoredParts stored) {
            return layout.parts().stream().filter(VoucherBatchLayout.Part::earlier)
                    .mapToInt(p -> stored.voucherIds().getOrDefault(p.number(), List.of()).size()).sum();
        }

        /** Every voucher the batch's index lists now, by id. */
        private Map<String, Voucher> listBatch() {
            Map<String, Voucher> listed = new HashMap<>();
            PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
            Page<Voucher> page;
            do {
                page = vouchers.listBatch(batch.resellerId(), batch.id(), request);
                page.items().forEach(v -> listed.put(v.id(), v));
                request = request.next(page);
            } while (page.hasMore());
            return listed;
        }

        /** Why a freshly generated batch is not READY yet: its routers have to confirm, some never answered. */
        private String waitingReason() {
            List<String> neverReached = batch.routerIds().stream()
                    .filter(id -> !routers.hasBeenReached(batch.resellerId(), id))
                    .toList();
            return neverReached.isEmpty()
                    ? "waiting for router" + (batch.routerIds().size() > 1 ? "s " : " ") + String.join(", ", batch.routerIds())
                    + " to confirm the vouchers"
                    : "router" + (neverReached.size() > 1 ? "s " : " ") + String.join(", ", neverReached)
                    + " never reached yet: the vouchers are sellable once the router answers and confirms them";
        }

        private void send(RouterCommandBulk bulk) {
            commands.sendBulks(List.of(bulk));
            queued.add(bulk.commands().size());
            messages.increment();
            usersQueued.add(bulk.commands().stream().filter(c -> c.command() instanceof EnsureHotspotUser).count());
        }

        private GenerationOutcome fail(String reason) {
            try {
                VoucherBatch current = batches.get(batch.resellerId(), batch.id());
                if (current.status() == VoucherBatchStatus.QUEUED || current.status() == VoucherBatchStatus.GENERATING) {
                    move(current.fail(reason, clock));
                }
            } catch (ConflictException e) {
                return outcome(Kind.IGNORED, "another worker moved the batch while it was failing: " + reason);
            }
            return outcome(Kind.FAILED, reason);
        }

        private GenerationOutcome outcome(Kind kind, String detail) {
            return new GenerationOutcome(kind, batch.id(), detail, new Stats(drawn.sum(), storedNow.get(),
                    collisions.get(), queued.sum(), usersQueued.sum(), messages.sum()));
        }
    }

    /** A run's starting point: how the batch is cut and the vouchers of the parts stored before it. */
    private record Resumed(VoucherBatchLayout layout, Map<Integer, List<Voucher>> vouchersByPart) {
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch index", e);
        }
    }

    /** Far more collisions than 50+ bit codes can produce: a broken random source or a misconfigured length. */
    static final class CodeSpaceExhaustedException extends RuntimeException {
        CodeSpaceExhaustedException(long collisions, long drawn) {
            super(collisions + " of " + drawn + " drawn voucher codes already existed; the code space is exhausted"
                    + " or the random source is broken");
        }
    }
}
