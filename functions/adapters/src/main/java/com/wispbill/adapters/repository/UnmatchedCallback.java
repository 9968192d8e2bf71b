package com.wispbill.adapters.repository;

import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified success notification whose provider reference belongs to none of our payments, with what it
 * says about the payer: kept so that a payment whose provider answer was lost (it has no reference) is
 * never closed as failed while this money could be its own.
 *
 * @param phone     the payer's number, E.164
 * @param reference the provider's reference in the notification (M-Pesa CheckoutRequestID)
 */
public record UnmatchedCallback(String resellerId, PaymentProvider provider, String phone, String reference, Money amount,
                                Instant receivedAt) {
    public UnmatchedCallback {
        Objects.requireNonNull(resellerId, "resellerId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
