package com.wispbill.adapters.repository;

import com.wispbill.domain.payment.PaymentReview;

/** Provider notifications kept for a person to look at (see {@link PaymentReview.Reason}). */
public interface PaymentReviewRepository {
    /**
     * Records it, with its dashboard alert in the outbox ({@link PaymentReview#alert()}), unless the same
     * provider notification was recorded already; false for a repeat (nothing written then).
     */
    boolean recordIfNew(PaymentReview review);

    /** The reseller's open reviews, oldest key first. */
    Page<PaymentReview> list(String resellerId, PageRequest page);
}
