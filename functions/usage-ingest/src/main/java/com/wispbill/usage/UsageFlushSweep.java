package com.wispbill.usage;

import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.UsageRepository.UnflushedRouter;
import com.wispbill.domain.messages.UsageFlushJob;
import com.wispbill.domain.messages.UsageSampleQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the write-behind promise for routers that stop polling (offline, retired, moved to another
 * account): a router flushes its pending usage with its own polls ({@link UsageIngestor.WriteBehind}), so
 * without a poll nothing would. Every minute the sweep reads the shards of the sparse index of router
 * states whose usage is not all on the counters (no Scan: only routers with unflushed usage are in it) and
 * queues a flush job per router unflushed for longer than {@link #UNFLUSHED_LIMIT} on {@code usage-samples}.
 * usage-ingest applies the job like a poll without sessions, under the state's version condition and the
 * counters' flush markers: a job racing a late poll of the same router, or queued twice, adds nothing twice.
 * A router is swept again only {@link #SWEEP_AGAIN_AFTER} later, unless its state was saved meanwhile.
 */
public final class UsageFlushSweep {
    /**
     * Usage unflushed this long is swept: a minute after a router polling every minute has flushed it
     * itself ({@link UsageIngestor.WriteBehind#DEFAULT}: 13 minutes), so the sweep only meets routers that
     * stopped; with the sweep every minute, no usage waits more than about 15 minutes.
     */
    public static final Duration UNFLUSHED_LIMIT = Duration.ofMinutes(14);
    /**
     * A router swept this recently is not swept again: its job may still wait on a backed-up queue (the
     * queue's age alarm allows 10 minutes), and a job per minute would pile up. Any save of the router's state
     * (its job or a poll applied) ends the wait at once; a job lost on the way is queued again after this.
     */
    public static final Duration SWEEP_AGAIN_AFTER = Duration.ofMinutes(5);

    private final UsageRepository usage;
    private final UsageSampleQueue queue;
    private final Clock clock;

    public UsageFlushSweep(UsageRepository usage, UsageSampleQueue queue, Clock clock) {
        this.usage = usage;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Queues a flush job for every router with usage unflushed for longer than the limit and not swept in the
     * last {@link #SWEEP_AGAIN_AFTER}; returns how many. A shard that fails (its marks, or its send) does not stop
     * the others: the first failure is rethrown once every shard was handled.
     */
    public int run() {
        Instant now = clock.instant();
        Instant before = now.minus(UNFLUSHED_LIMIT);
        Instant sweptSince = now.minus(SWEEP_AGAIN_AFTER);
        // The shards are read side by side (one round trip's time, not sixteen), then handled shard by shard.
        int queued = 0;
        RuntimeException failed = null;
        for (List<UnflushedRouter> shard : usage.routersUnflushedBeforeByShard(before, sweptSince)) {
            try {
                queued += queueMarked(shard, now, sweptSince);
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return queued;
    }

    /**
     * Marks the shard's routers (side by side, a conditional write each) and queues a job for each one marked, in one
     * send: two overlapping runs queue one job per router. A send that fails after the marks, or a mark written
     * whose answer was lost, delays the router by {@link #SWEEP_AGAIN_AFTER}; it does not lose it. A router whose
     * mark failed is not queued (the next run takes it); the others marked are, before the failure is rethrown. If
     * the send fails too, its failure is thrown with the marks' failure suppressed on it.
     */
    private int queueMarked(List<UnflushedRouter> shard, Instant now, Instant sweptSince) {
        if (shard.isEmpty()) {
            return 0;
        }
        List<UnflushedRouter> marked;
        UsageRepository.SomeMarksFailedException markFailure = null;
        try {
            marked = usage.markSwept(shard, now, sweptSince);
        } catch (UsageRepository.SomeMarksFailedException e) {
            marked = e.marked();
            markFailure = e;
        }
        if (!marked.isEmpty()) {
            try {
                queue.sendFlushJobs(marked.stream()
                        .map(r -> new UsageFlushJob(r.resellerId(), r.routerId(), r.unflushedSince())).toList());
            } catch (RuntimeException sendFailure) {
                // The send's failure is thrown, the marks' failure kept on it: the send failed every router marked
                // (each waits SWEEP_AGAIN_AFTER), while the marks' exception would claim those were queued.
                if (markFailure != null) {
                    sendFailure.addSuppressed(markFailure);
                }
                throw sendFailure;
            }
        }
        if (markFailure != null) {
            throw markFailure;
        }
        return marked.size();
    }
}
