package com.wispbill.adapters.repository;

import com.wispbill.domain.Payment;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A PENDING payment as the reconciler's index lists it.
 *
 * @param nextCheckAt when the reconciler may ask the provider about it again; empty until it was first asked
 * @param checks      how often the reconciler has asked so far
 */
public record PendingPayment(Payment payment, Optional<Instant> nextCheckAt, long checks) {
    public PendingPayment {
        Objects.requireNonNull(payment, "payment");
        nextCheckAt = Objects.requireNonNullElse(nextCheckAt, Optional.empty());
    }

    /** Whether the reconciler may ask about it at {@code now}. */
    public boolean isDue(Instant now) {
        return nextCheckAt.map(next -> !next.isAfter(now)).orElse(true);
    }
}
