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

    /** For callbacks, which carry only the provider's reference; strongly consistent. */
    Optional<Payment> findByProviderReference(PaymentProvider provider, String providerReference);

    /** A customer's payments by phone, newest first. */
    Page<Payment> listForPhone(String resellerId, String phone, PageRequest page);

    /** All the reseller's payments, newest first. */
    Page<Payment> list(String resellerId, PageRequest page);

    /**
     * PENDING payments created in {@code [from, before)}, oldest first, at most {@code limit}: what the
     * reconciler asks the providers about. Read from a sparse index (only PENDING payments are in it),
     * so it is eventually consistent: re-read a payment before acting on it.
     */
    List<Payment> pendingCreatedBetween(Instant from, Instant before, int limit);
}
