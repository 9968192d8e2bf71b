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
     * last {@link #SWEEP_AGAIN_AFTER}; returns how many.
     */
    public int run() {
        Instant now = clock.instant();
        Instant before = now.minus(UNFLUSHED_LIMIT);
        Instant sweptSince = now.minus(SWEEP_AGAIN_AFTER);
        // The shards are read side by side (one round trip's time, not sixteen), then handled shard by shard: each
        // router is marked before it is queued (a conditional write), so two overlapping runs queue one job, and a
        // send that fails after the marks delays that shard's routers by SWEEP_AGAIN_AFTER, it does not lose them.
        int queued = 0;
        for (List<UnflushedRouter> shard : usage.routersUnflushedBeforeByShard(before, sweptSince)) {
            List<UsageFlushJob> due = shard.stream().filter(r -> usage.markSwept(r, now, sweptSince))
                    .map(r -> new UsageFlushJob(r.resellerId(), r.routerId(), r.unflushedSince())).toList();
            if (!due.isEmpty()) {
                queue.sendFlushJobs(due);
                queued += due.size();
            }
        }
        return queued;
    }
}
