package com.wispbill.adapters.repository;

/**
 * Writes from several repositories that must happen together or not at all, e.g. a payment callback:
 * record the provider event, move the payment to SUCCEEDED, grant the voucher, append the ledger
 * entries and bump the counters. Repositories enlist writes through their {@code ...(…, WriteTransaction)}
 * methods; {@link #commit()} applies them atomically.
 *
 * <p>If any enlisted condition fails, nothing is written and {@code commit} throws a
 * {@link com.wispbill.domain.ConflictException} whose message lists what conflicted in domain terms
 * ("payment P1 is no longer PENDING"). A transaction holds at most {@link #MAX_WRITES} writes and each
 * item at most once.
 */
public interface WriteTransaction {
    int MAX_WRITES = 100;

    /**
     * Makes a retried commit with the same token (within about ten minutes) a no-op instead of a
     * conflict, e.g. the provider event id of a webhook being retried after a timeout.
     */
    WriteTransaction idempotencyToken(String token);

    int size();

    void commit();

    /**
     * Runs {@code action} once this transaction has committed (never if the commit fails), e.g. to
     * report what it recorded. A retried commit that the idempotency token turns into a no-op runs it again.
     */
    void afterCommit(Runnable action);
}
