package com.wispbill.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider callback we have processed, kept forever so a retry or replay (Stripe retries for days,
 * Midtrans notifies several times) is recognised and not applied twice. {@code eventId} is the
 * provider's own dedup key (see the provider notes), e.g. a Stripe event id or an M-Pesa
 * CheckoutRequestID plus result.
 */
public record ProviderEvent(
        PaymentProvider provider,
        String eventId,
        Instant receivedAt,
        Optional<String> resellerId,
        Optional<String> paymentId,
        String outcome) {

    public static final int MAX_EVENT_ID_LENGTH = 256;

    public ProviderEvent {
        resellerId = Objects.requireNonNullElse(resellerId, Optional.empty());
        paymentId = Objects.requireNonNullElse(paymentId, Optional.empty());
        Validation v = new Validation();
        v.notNull(provider, "provider");
        if (v.notBlank(eventId, "eventId")) {
            v.check(eventId.length() <= MAX_EVENT_ID_LENGTH, "eventId",
                    "must be at most " + MAX_EVENT_ID_LENGTH + " characters");
        }
        v.notNull(receivedAt, "receivedAt");
        resellerId.ifPresent(r -> v.id(r, "resellerId"));
        paymentId.ifPresent(p -> v.id(p, "paymentId"));
        v.text(outcome, "outcome", 200);
        v.throwIfInvalid();
    }
}
