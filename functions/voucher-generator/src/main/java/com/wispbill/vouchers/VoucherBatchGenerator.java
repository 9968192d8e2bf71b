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
import com.wispbill.adapters.voucher.VoucherBatchConfirmations;
import com.wispbill.adapters.voucher.VoucherBatchEnding;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.adapters.repository.VoucherRepository.InsertResult;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.voucher.VoucherProvisioning;
import com.wispbill.vouchers.GenerationOutcome.Kind;
import com.wispbill.vouchers.GenerationOutcome.Stats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Generates one voucher batch and queues its provisioning. Every step is resumable from what is
 * stored, so a redelivered or re-queued order continues where the last run stopped and never
 * creates a voucher or a command twice:
 * <ol>
 *   <li>QUEUED → GENERATING (conditional on the read state: one worker per batch);</li>
 *   <li>vouchers are stored in transactions that also advance {@code generatedCount}, so progress is
 *       exact; codes that collide with existing ones (of any reseller) are replaced by new draws;</li>
 *   <li>once all are stored: the batch's provisioning parts ({@link VoucherProvisioning#parts}: per
 *       router the plan's profile and one {@code EnsureHotspotUser} per voucher, up to 100 commands per
 *       message, ids derived from the batch) are queued; vouchers are not written again;</li>
 *   <li>the batch moves GENERATING → PENDING_ROUTER with the number of parts and why it waits; the router
 *       driver confirms each part once applied, and the last confirmation makes it READY (or this run,
 *       if the routers were faster).</li>
 * </ol>
 * Between chunks the {@link GenerationBudget} is checked; when it is exhausted the run stops with
 * {@link Kind#CHECKPOINTED} and the caller queues the order again. Problems no retry can fix (the
 * plan, reseller or a router is gone; the plan cannot be expressed on a router) mark the batch FAILED
 * with the reason. Anything else (throttling, a queue outage) is thrown for the caller to retry.
 */
public final class VoucherBatchGenerator {
    /** Vouchers per {@link VoucherRepository#insertForBatch} call: ten transactions between budget checks. */
    static final int GENERATION_CHUNK = 10 * (WriteTransaction.MAX_WRITES - 1);
    /** Parts queued at once: each send waits on the network, so eight at once take about as long as one. */
    static final int PARALLEL_SENDS = 8;
    /** A run that sees more collisions than this has a broken random source or a far too short code length. */
    static final int MAX_COLLISIONS_PER_RUN = 1_000;
    private static final int LISTING_ATTEMPTS = 5;
    private static final long LISTING_RETRY_MILLIS = 1_000;

    private final ResellerRepository resellers;
    private final PlanRepository plans;
    private final RouterRepository routers;
    private final VoucherBatchRepository batches;
    private final VoucherRepository vouchers;
    private final Transactions transactions;
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
        this.transactions = transactions;
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

    /** The state of one run over one batch. */
    private final class Run {
        private VoucherBatch batch;
        private final GenerationBudget budget;
        private long drawn;
        private long stored;
        private long collisions;
        private final LongAdder queued = new LongAdder();
        private final LongAdder messages = new LongAdder();
        private long usersQueued;
        /** Chunks stored or queued in this run: the budget is only checked after some progress. */
        private int chunksDone;

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
                List<Voucher> generatedNow = new ArrayList<>();
                while (batch.remaining() > 0) {
                    if (chunksDone > 0 && budget.exhausted()) {
                        return outcome(Kind.CHECKPOINTED, "stopped after " + batch.generatedCount() + " of "
                                + batch.quantity() + " vouchers stored");
                    }
                    generatedNow.addAll(storeChunk(reseller.voucherCodeLength()));
                }
                if (chunksDone > 0 && budget.exhausted()) {
                    return outcome(Kind.CHECKPOINTED, "stopped after storing, before queueing router commands");
                }
                List<Voucher> stored = generatedNow.size() == batch.quantity() ? generatedNow : listStoredBatch();
                int parts = provision(plan, stored);
                move(batch.pendingRouter(parts, waitingReason(), clock));
                // The routers may have confirmed every part before the batch was PENDING_ROUTER.
                batch = confirmations.readyIfConfirmed(batches.get(batch.resellerId(), batch.id()));
                return outcome(batch.status() == VoucherBatchStatus.READY ? Kind.READY : Kind.PENDING_ROUTER,
                        batch.quantity() + " vouchers stored, " + parts + " parts queued");
            } catch (NotFoundException | ValidationException | CodeSpaceExhaustedException e) {
                return fail(e.getMessage());
            } catch (ConflictException e) {
                // Another worker moved the batch (a duplicate delivery): it carries on, this run stops.
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

        private List<Voucher> storeChunk(int codeLength) {
            int size = Math.min(batch.remaining(), GENERATION_CHUNK);
            Set<String> drawnCodes = new HashSet<>();
            List<Voucher> chunk = new ArrayList<>(size);
            List<String> routerIds = batch.routerIds();
            for (int i = 0; i < size; i++) {
                String code = codes.generate(codeLength);
                drawn++;
                // The repository refuses a code twice in one insert; a repeat within the chunk is a collision too.
                while (!drawnCodes.add(code)) {
                    countCollisions(1);
                    code = codes.generate(codeLength);
                    drawn++;
                }
                // Round robin over the batch's routers, by position in the batch.
                String routerId = routerIds.get((batch.generatedCount() + i) % routerIds.size());
                chunk.add(Voucher.create(code, batch.resellerId(), batch.id(), batch.planId(), routerId, clock));
            }
            InsertResult result = vouchers.insertForBatch(batch, chunk);
            chunksDone++;
            batch = result.batch();
            stored += result.inserted().size();
            countCollisions(result.collidedCodes().size());
            return result.inserted();
        }

        private void countCollisions(int n) {
            collisions += n;
            if (collisions > MAX_COLLISIONS_PER_RUN) {
                throw new CodeSpaceExhaustedException(collisions, drawn);
            }
        }

        /**
         * The batch's vouchers from its index, for a run that resumes a batch started earlier. The index
         * is eventually consistent, so a short listing is read again before giving up (and retrying later).
         */
        private List<Voucher> listStoredBatch() {
            for (int attempt = 1; ; attempt++) {
                List<Voucher> all = new ArrayList<>(batch.quantity());
                PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
                Page<Voucher> page;
                do {
                    page = vouchers.listBatch(batch.resellerId(), batch.id(), request);
                    all.addAll(page.items());
                    request = request.next(page);
                } while (page.hasMore());
                if (all.size() >= batch.quantity()) {
                    return all;
                }
                if (attempt == LISTING_ATTEMPTS) {
                    throw new IllegalStateException("the index lists " + all.size() + " of the " + batch.quantity()
                            + " vouchers of batch " + batch.id() + "; retry later");
                }
                sleep(LISTING_RETRY_MILLIS);
            }
        }

        /**
         * Queues the batch's provisioning parts; the number of parts. Every part is sent again by a resumed
         * run (same ids: FIFO dedup and the driver's records absorb the repeats), so nothing about sending
         * is stored. The first part of each router (with its profile) goes first, the rest in parallel.
         */
        private int provision(Plan plan, List<Voucher> batchVouchers) {
            List<RouterCommandBulk> parts = VoucherProvisioning.parts(batch, plan, batchVouchers, clock.instant());
            List<RouterCommandBulk> firsts = new ArrayList<>();
            List<RouterCommandBulk> rest = new ArrayList<>();
            Set<String> routersStarted = new HashSet<>();
            for (RouterCommandBulk part : parts) {
                (routersStarted.add(part.routerId()) ? firsts : rest).add(part);
            }
            send(firsts);
            List<List<RouterCommandBulk>> waves = new ArrayList<>();
            int perSend = Math.max(1, (rest.size() + PARALLEL_SENDS - 1) / PARALLEL_SENDS);
            for (int from = 0; from < rest.size(); from += perSend) {
                waves.add(rest.subList(from, Math.min(rest.size(), from + perSend)));
            }
            // Parts of one router after its first may arrive in any order: each names its own users.
            inParallel(waves, this::send);
            usersQueued += parts.stream().flatMap(p -> p.commands().stream())
                    .filter(c -> c.command() instanceof com.wispbill.domain.routercommand.EnsureHotspotUser).count();
            return parts.size();
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

        private void send(List<RouterCommandBulk> bulks) {
            if (bulks.isEmpty()) {
                return;
            }
            commands.sendBulks(bulks);
            queued.add(bulks.stream().mapToInt(b -> b.commands().size()).sum());
            messages.add(bulks.size());
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
            return new GenerationOutcome(kind, batch.id(), detail, new Stats(drawn, stored, collisions, queued.sum(),
                    usersQueued, messages.sum()));
        }
    }

    /** Runs {@code task} for every item on virtual threads and waits for all; the first failure is rethrown. */
    private static <T> void inParallel(List<T> items, Consumer<T> task) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = items.stream().<Future<?>>map(item -> pool.submit(() -> task.accept(item))).toList();
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException("provisioning failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while provisioning", e);
                }
            }
        }
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
