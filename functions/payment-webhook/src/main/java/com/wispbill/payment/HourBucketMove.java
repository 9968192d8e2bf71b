package com.wispbill.payment;

import com.wispbill.adapters.repository.PaymentRepository;
import com.wispbill.adapters.repository.PendingIndexMove;
import com.wispbill.adapters.repository.PendingPayment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one-time move of the PENDING payments stored under the former hour buckets of the pending-payments index
 * to its shards, done by the reconciler a step per run until its record says complete (docs/payments.md):
 *
 * <ul>
 *   <li>The buckets to move: the hours from {@code LOOK_BACK} before the first run that started the pass
 *       ({@code startedAt}) through the hour of {@code startedAt + DEPLOY_WINDOW}: an old function version still
 *       running during the deploy writes only into those.</li>
 *   <li>A pass belongs to the function version that started it ({@code codeVersion}). A run of another version
 *       starts a fresh pass, even over a complete one: a deploy rolled back after its pass began brings back code
 *       that writes hour buckets after that pass's last hour, and the next deploy must read them. It costs a week
 *       of bucket Queries once per deploy. So does a run that finds no run of the pass recorded for
 *       {@link #IDLE_GAP}: Lambda publishes no new version when a deploy's code and configuration equal the last
 *       version's, so a deploy rolled back and deployed again unchanged runs its first version again, and only the
 *       gap in its runs shows that other code ran meanwhile. Runs record themselves every
 *       {@link #RUN_RECORD_INTERVAL}.</li>
 *   <li>Each run reads the buckets from the record's next hour through the current hour and moves what it finds,
 *       oldest first, {@link #HOURS_PER_STEP} side by side, until its deadline. A bucket is closed once its hour
 *       ended {@link #WRITES_SETTLE} ago (no payment of that hour is still being written or attaching its
 *       reference, and the index has caught up); the record's next hour advances past closed buckets only, with a
 *       write conditional on the hour it read, so two runs at once never skip a bucket, and a crash before that
 *       write only means the bucket is read again.</li>
 *   <li>When the last bucket is closed the record is marked complete, and no hour bucket is read again.</li>
 *   <li>A failing step (access denied, throttling) does not stop the run: it is returned as the step's
 *       failure, with the pass's start when it could be read, for the reconciler to report and alert on.</li>
 * </ul>
 */
final class HourBucketMove {
    /** How long after the first run of the new reconciler an old function version may still create payments. */
    static final Duration DEPLOY_WINDOW = Duration.ofHours(1);
    /** After its hour ended, a bucket gets no more writes (reference attached, index propagated) within this. */
    static final Duration WRITES_SETTLE = Duration.ofMinutes(5);
    /** Hour buckets read and moved side by side between two records of progress. */
    static final int HOURS_PER_STEP = 24;
    /** The reconciler runs every 2 minutes: no run of this pass for this long, and other code may have run. */
    static final Duration IDLE_GAP = Duration.ofMinutes(15);
    /** How often a run of the pass records itself (an UpdateItem), well within {@link #IDLE_GAP}. */
    static final Duration RUN_RECORD_INTERVAL = Duration.ofMinutes(5);

    /**
     * What one run's step did.
     *
     * @param moved     the payments this run moved (PENDING when moved)
     * @param complete  whether no hour bucket is left to read (false too when the record could not be read)
     * @param startedAt when the pass began, if the record could be read
     * @param failure   what stopped this step, if anything did
     */
    record Step(List<PendingPayment> moved, boolean complete, Optional<Instant> startedAt, Optional<RuntimeException> failure) {
    }

    private final PaymentRepository payments;
    private final Duration lookBack;
    private final String codeVersion;
    private final Clock clock;

    HourBucketMove(PaymentRepository payments, Duration lookBack, String codeVersion, Clock clock) {
        this.payments = payments;
        this.lookBack = lookBack;
        this.codeVersion = codeVersion;
        this.clock = clock;
    }

    /** Moves what it can before {@code deadline}. */
    Step continueMove(Instant deadline) {
        Instant now = clock.instant();
        PendingIndexMove move;
        try {
            move = currentPass(now);
        } catch (RuntimeException e) {
            return new Step(List.of(), false, Optional.empty(), Optional.of(e));
        }
        if (move.complete()) {
            return new Step(List.of(), true, Optional.of(move.startedAt()), Optional.empty());
        }
        List<PendingPayment> moved = new ArrayList<>();
        try {
            boolean complete = moveBuckets(move, now, deadline, moved);
            return new Step(List.copyOf(moved), complete, Optional.of(move.startedAt()), Optional.empty());
        } catch (RuntimeException e) {
            return new Step(List.copyOf(moved), false, Optional.of(move.startedAt()), Optional.of(e));
        }
    }

    /** The pass this run goes on with: the stored one if it is this version's and not idle, else a fresh one. */
    private PendingIndexMove currentPass(Instant now) {
        Optional<PendingIndexMove> stored = payments.pendingIndexMove();
        if (stored.isPresent() && stored.get().codeVersion().equals(codeVersion)
                && !stored.get().lastRunAt().isBefore(now.minus(IDLE_GAP))) {
            if (stored.get().lastRunAt().isBefore(now.minus(RUN_RECORD_INTERVAL))) {
                payments.recordPendingIndexMoveRun(stored.get().startedAt(), now);
            }
            return stored.get();
        }
        return payments.startPendingIndexPass(stored, now, hour(now.minus(lookBack)), codeVersion);
    }

    /** Adds what it moves to {@code moved}; returns whether this run recorded the pass complete. */
    private boolean moveBuckets(PendingIndexMove move, Instant now, Instant deadline, List<PendingPayment> moved) {
        Instant lastHour = hour(move.startedAt().plus(DEPLOY_WINDOW));
        Instant readable = lastHour.isBefore(hour(now)) ? lastHour : hour(now);
        Instant next = move.nextHour();
        while (!next.isAfter(readable) && !clock.instant().isAfter(deadline)) {
            List<Instant> hours = new ArrayList<>();
            for (Instant h = next; !h.isAfter(readable) && hours.size() < HOURS_PER_STEP; h = h.plus(Duration.ofHours(1))) {
                hours.add(h);
            }
            moved.addAll(payments.moveFromHourBuckets(hours));
            Instant closedUntil = next;
            for (Instant h : hours) {
                if (!closed(h, now)) {
                    break;
                }
                closedUntil = h.plus(Duration.ofHours(1));
            }
            if (closedUntil.equals(next)) {
                break;
            }
            Optional<Instant> completed = closedUntil.isAfter(lastHour) ? Optional.of(now) : Optional.empty();
            boolean recorded = payments.advancePendingIndexMove(move.startedAt(), next, closedUntil, completed);
            if (recorded && completed.isPresent()) {
                return true;
            }
            if (!recorded || !closedUntil.isAfter(hours.getLast())) {
                // Another run recorded progress first (it moves the rest), or the buckets after are still open.
                break;
            }
            next = closedUntil;
        }
        return false;
    }

    private static boolean closed(Instant hour, Instant now) {
        return !hour.plus(Duration.ofHours(1)).plus(WRITES_SETTLE).isAfter(now);
    }

    private static Instant hour(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }
}
