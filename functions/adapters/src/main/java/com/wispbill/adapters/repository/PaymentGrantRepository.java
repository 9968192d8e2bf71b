package com.wispbill.adapters.repository;

import com.wispbill.domain.payment.PaymentGrant;
import java.util.Optional;

/** What each succeeded payment granted; one per payment. */
public interface PaymentGrantRepository {
    /** Enlists the grant; the commit fails with a conflict if the payment already has one. */
    void record(PaymentGrant grant, WriteTransaction tx);

    Optional<PaymentGrant> find(String resellerId, String paymentId);

    /**
     * The router took the grant's command: a PENDING_ROUTER grant becomes ACTIVE (and its voucher, still NEW, ACTIVE).
     * Returns whether this call moved it (false: already ACTIVE, or no such grant).
     */
    boolean confirmOnRouter(PaymentGrant grant, java.time.Instant at);
}
