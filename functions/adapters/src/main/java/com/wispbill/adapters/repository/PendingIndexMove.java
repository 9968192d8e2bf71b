package com.wispbill.adapters.repository;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one-time move of PENDING payments from the former hour buckets of the pending-payments index to its shards
 * (docs/data-model.md), as recorded in its marker item.
 *
 * @param startedAt   when the first reconciler run of the sharded index began the move
 * @param nextHour    the first hour bucket not yet emptied for good: every bucket before it is moved and closed
 * @param completedAt when the last bucket was closed; from then on no hour bucket is read
 */
public record PendingIndexMove(Instant startedAt, Instant nextHour, Optional<Instant> completedAt) {
    public PendingIndexMove {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(nextHour, "nextHour");
        completedAt = Objects.requireNonNullElse(completedAt, Optional.empty());
    }

    public boolean complete() {
        return completedAt.isPresent();
    }
}
