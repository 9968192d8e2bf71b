package com.wispbill.router.operations;

import java.util.List;
import java.util.Objects;

/**
 * What an idempotent operation did to the router. Running the same command again after a success
 * yields {@link Outcome#UNCHANGED}.
 *
 * @param outcome           what happened
 * @param itemsAffected     items created, changed or removed (sessions, for a kick)
 * @param changedProperties the RouterOS properties an update changed, by name (never their values)
 */
public record OperationResult(Outcome outcome, int itemsAffected, List<String> changedProperties) {

    public enum Outcome {
        /** The object did not exist and was added. */
        CREATED,
        /** The object existed and some properties were changed. */
        UPDATED,
        /** Objects (or active sessions) were removed. */
        REMOVED,
        /** The router already was in the requested state. */
        UNCHANGED
    }

    public OperationResult {
        Objects.requireNonNull(outcome, "outcome");
        changedProperties = List.copyOf(changedProperties);
        if (itemsAffected < 0) {
            throw new IllegalArgumentException("itemsAffected cannot be negative");
        }
    }

    static OperationResult created() {
        return new OperationResult(Outcome.CREATED, 1, List.of());
    }

    static OperationResult updated(int items, List<String> changedProperties) {
        return new OperationResult(Outcome.UPDATED, items, changedProperties);
    }

    static OperationResult removed(int items) {
        return items == 0 ? unchanged() : new OperationResult(Outcome.REMOVED, items, List.of());
    }

    static OperationResult unchanged() {
        return new OperationResult(Outcome.UNCHANGED, 0, List.of());
    }

    /** True if the router was changed. */
    public boolean changedRouter() {
        return outcome != Outcome.UNCHANGED;
    }
}
