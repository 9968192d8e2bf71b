package com.wispbill.adapters.repository;

import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface PaymentRepository {
    /**
     * Stores a new payment, claiming its provider reference if it has one; a reference already used by
     * another payment is a {@link com.wispbill.domain.ConflictException}.
     */
    void create(Payment payment);

    /** The same inside {@code tx}; a reference already claimed fails the transaction. */
    void create(Payment payment, WriteTransaction tx);

    /** Stores the provider reference {@code withReference} carries, claiming it globally for this payment. */
    void attachProviderReference(Payment current, Payment withReference);

    /**
     * Moves a payment through its state machine: {@code current.status → next.status} must be allowed
     * ({@link com.wispbill.domain.IllegalStateTransitionException} otherwise, before any write) and the
     * stored status must still be {@code current.status} ({@link com.wispbill.domain.ConflictException}).
     */
    void transition(Payment current, Payment next);

    void transition(Payment current, Payment next, WriteTransaction tx);

    Optional<Payment> find(String resellerId, String paymentId);

    default Payment get(String resellerId, String paymentId) {
        return find(resellerId, paymentId).orElseThrow(() -> new NotFoundException("Payment", paymentId));
    }

    /**
     * Records in {@code tx} that M-Pesa receipt {@code receipt} settled {@code payment} (an STK push: M-Pesa
     * confirmed it, so it is written whatever was recorded before).
     */
    void recordMpesaReceipt(Payment payment, String receipt, WriteTransaction tx);

    /**
     * Claims M-Pesa receipt {@code receipt} for {@code payment} in {@code tx} (a C2B TransID is such a receipt): a
     * receipt claimed or recorded before is a {@link com.wispbill.domain.ConflictException} at commit.
     */
    void claimMpesaReceipt(Payment payment, String receipt, WriteTransaction tx);

    /** The payment M-Pesa receipt {@code receipt} settled, if one did; strongly consistent. */
    Optional<Payment> findByMpesaReceipt(String receipt);

    /** For callbacks, which carry only the provider's reference; strongly consistent. */
    Optional<Payment> findByProviderReference(PaymentProvider provider, String providerReference);

    /** A customer's payments by phone, newest first. */
    Page<Payment> listForPhone(String resellerId, String phone, PageRequest page);

    /** All the reseller's payments, newest first. */
    Page<Payment> list(String resellerId, PageRequest page);

    /**
     * Every PENDING payment created in {@code [from, before)}, oldest first, however many: each shard of
     * the index is read to its end, page by page. What the reconciler asks the providers about. Read from
     * a sparse index (only PENDING payments are in it), so it is eventually consistent: re-read a payment
     * before acting on it. Payments still under the former hour buckets are not listed until
     * {@link #moveFromHourBuckets} moved them.
     */
    List<PendingPayment> pendingCreatedBetween(Instant from, Instant before);

    /** The record of the move from the hour buckets to the shards, if a pass was ever started (strongly consistent). */
    Optional<PendingIndexMove> pendingIndexMove();

    /**
     * Stores a fresh pass of the move by {@code codeVersion}, started at {@code now} with {@code firstHour} as the
     * first bucket to move, in place of {@code replaced} (complete or not; empty: no record yet), only if the
     * record is still that one. Returns the record stored then: of two runs at once, one stores its pass and both
     * get it.
     */
    PendingIndexMove startPendingIndexPass(Optional<PendingIndexMove> replaced, Instant now, Instant firstHour,
                                           String codeVersion);

    /** Records that a run of the pass started at {@code startedAt} ran at {@code at}; nothing if another pass replaced it. */
    void recordPendingIndexMoveRun(Instant startedAt, Instant at);

    /**
     * Reads the hour buckets of {@code hours} to their ends and moves every payment in them to its shard,
     * each with a write that applies only while it is still PENDING and still under that bucket (a
     * settlement or another mover first wins). Returns the payments this call moved, back-off included.
     */
    List<PendingPayment> moveFromHourBuckets(List<Instant> hours);

    /**
     * Records that the buckets before {@code to} are moved for good, and the move complete at
     * {@code completedAt} if present; only if the record is still the pass started at {@code startedAt}
     * and still says {@code from} (false: another run recorded progress or started a fresh pass first).
     */
    boolean advancePendingIndexMove(Instant startedAt, Instant from, Instant to, Optional<Instant> completedAt);

    /**
     * Records that the reconciler asked about {@code pending} at {@code checkedAt} and may ask again at
     * {@code nextCheckAt}; only while the payment is still PENDING. Returns false if it no longer is.
     */
    boolean deferCheck(Payment pending, Instant checkedAt, Instant nextCheckAt);

    /** Keeps a verified success that matched no payment (kept for a week), once per reference. */
    void recordUnmatchedCallback(UnmatchedCallback callback);

    /** The reseller's unmatched successes from {@code provider} paid from {@code phone} (E.164), oldest first. */
    List<UnmatchedCallback> unmatchedCallbacks(String resellerId, PaymentProvider provider, String phone);
}
