package com.wispbill.adapters.repository;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one-time move of PENDING payments from the former hour buckets of the pending-payments index to its shards
 * (docs/data-model.md), as recorded in its marker item.
 *
 * @param startedAt   when the first reconciler run of this pass began it
 * @param nextHour    the first hour bucket not yet emptied for good: every bucket before it is moved and closed
 * @param completedAt when the last bucket was closed; from then on no hour bucket is read
 * @param codeVersion the function version whose run began this pass (a pass of another version is not trusted:
 *                    a rolled-back deploy's older code may have written hour buckets after it)
 * @param lastRunAt   when a run of this pass last recorded itself (its start until one did)
 */
public record PendingIndexMove(Instant startedAt, Instant nextHour, Optional<Instant> completedAt, String codeVersion,
                               Instant lastRunAt) {
    public PendingIndexMove {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(nextHour, "nextHour");
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(lastRunAt, "lastRunAt");
        completedAt = Objects.requireNonNullElse(completedAt, Optional.empty());
    }

    public boolean complete() {
        return completedAt.isPresent();
    }
}
