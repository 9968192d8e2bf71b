package com.wispbill.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's payment for a plan through a provider. What it buys is either a renewal of
 * {@code subscriptionId} or, for a hotspot portal purchase, a voucher on {@code routerId}.
 *
 * <p>{@code providerReference} is the provider's handle used to match callbacks (M-Pesa
 * CheckoutRequestID, Paystack reference, Stripe PaymentIntent id, Midtrans order id); it can be unknown
 * for a moment between creating the payment and the provider answering.
 */
public record Payment(
        String id,
        String resellerId,
        String customerPhone,
        String planId,
        Money amount,
        PaymentProvider provider,
        Optional<String> providerReference,
        PaymentStatus status,
        Instant createdAt,
        Instant updatedAt,
        Optional<String> failureReason,
        Optional<String> subscriptionId,
        Optional<String> routerId) {

    public static final int MAX_REFERENCE_LENGTH = 200;

    public Payment {
        providerReference = Objects.requireNonNullElse(providerReference, Optional.empty());
        failureReason = Objects.requireNonNullElse(failureReason, Optional.empty());
        subscriptionId = Objects.requireNonNullElse(subscriptionId, Optional.empty());
        routerId = Objects.requireNonNullElse(routerId, Optional.empty());
        Validation v = new Validation();
        v.id(id, "id");
        v.id(resellerId, "resellerId");
        if (v.notBlank(customerPhone, "customerPhone")) {
            v.check(PhoneNumbers.isE164(customerPhone), "customerPhone", "must be in E.164 form, e.g. +254712345678");
        }
        v.id(planId, "planId");
        if (v.notNull(amount, "amount")) {
            v.check(amount.isPositive(), "amount", "must be positive");
        }
        v.notNull(provider, "provider");
        providerReference.ifPresent(r -> v.check(!r.isBlank() && r.length() <= MAX_REFERENCE_LENGTH,
                "providerReference", "must be 1-" + MAX_REFERENCE_LENGTH + " characters"));
        v.notNull(status, "status");
        v.notNull(createdAt, "createdAt");
        if (v.notNull(updatedAt, "updatedAt") && createdAt != null) {
            v.check(!updatedAt.isBefore(createdAt), "updatedAt", "must not be before createdAt");
        }
        subscriptionId.ifPresent(s -> v.id(s, "subscriptionId"));
        routerId.ifPresent(r -> v.id(r, "routerId"));
        v.check(subscriptionId.isPresent() != routerId.isPresent(), "subscriptionId",
                "exactly one of subscriptionId (renewal) or routerId (voucher purchase) is required");
        v.check(status != PaymentStatus.FAILED || failureReason.isPresent(), "failureReason", "is required when FAILED");
        v.throwIfInvalid();
    }

    /** A new pending payment that buys a voucher on {@code routerId} (hotspot portal purchase). */
    public static Payment forVoucher(String resellerId, String customerPhone, Plan plan, PaymentProvider provider,
                                     String routerId, Clock clock) {
        return create(resellerId, customerPhone, plan, provider, Optional.empty(), Optional.of(routerId), clock);
    }

    /** A new pending payment that renews {@code subscriptionId}. */
    public static Payment forRenewal(String resellerId, String customerPhone, Plan plan, PaymentProvider provider,
                                     String subscriptionId, Clock clock) {
        return create(resellerId, customerPhone, plan, provider, Optional.of(subscriptionId), Optional.empty(), clock);
    }

    /**
     * A renewal of {@code subscriptionId} paid through the M-Pesa paybill: M-Pesa transaction {@code transId}
     * (its reference, claimed once) for the amount M-Pesa confirmed. The plan may be deactivated: existing
     * subscribers keep the plan they have ({@link Subscription#extend(Plan, ResellerCalendar, Clock)}).
     */
    public static Payment forPaybillRenewal(String resellerId, String customerPhone, Plan plan, Money paid,
                                            String subscriptionId, String transId, Clock clock) {
        Objects.requireNonNull(plan, "plan");
        if (!plan.resellerId().equals(resellerId)) {
            throw new NotFoundException("Plan", plan.id());
        }
        Instant now = clock.instant();
        return new Payment(Ids.newId(clock), resellerId, PhoneNumbers.compact(customerPhone), plan.id(), paid,
                PaymentProvider.MPESA, Optional.of(transId), PaymentStatus.PENDING, now, now, Optional.empty(),
                Optional.of(subscriptionId), Optional.empty());
    }

    private static Payment create(String resellerId, String customerPhone, Plan plan, PaymentProvider provider,
                                  Optional<String> subscriptionId, Optional<String> routerId, Clock clock) {
        Objects.requireNonNull(plan, "plan");
        if (!plan.resellerId().equals(resellerId)) {
            throw new NotFoundException("Plan", plan.id());
        }
        if (!plan.active()) {
            throw new ValidationException("planId", "plan " + plan.id() + " is no longer sold");
        }
        Instant now = clock.instant();
        return new Payment(Ids.newId(clock), resellerId, PhoneNumbers.compact(customerPhone), plan.id(), plan.price(),
                provider, Optional.empty(), PaymentStatus.PENDING, now, now, Optional.empty(), subscriptionId, routerId);
    }

    /** The provider answered with its reference for this payment; set once. */
    public Payment withProviderReference(String reference, Clock clock) {
        if (providerReference.isPresent()) {
            if (providerReference.get().equals(reference)) {
                return this;
            }
            throw new ConflictException("payment " + id + " already has a provider reference");
        }
        return new Payment(id, resellerId, customerPhone, planId, amount, provider, Optional.ofNullable(reference),
                status, createdAt, later(clock), failureReason, subscriptionId, routerId);
    }

    public Payment succeed(Clock clock) {
        return transitionTo(PaymentStatus.SUCCEEDED, null, clock);
    }

    public Payment fail(String reason, Clock clock) {
        return transitionTo(PaymentStatus.FAILED, reason == null || reason.isBlank() ? "failed" : reason, clock);
    }

    public Payment cancel(Clock clock) {
        return transitionTo(PaymentStatus.CANCELLED, null, clock);
    }

    public Payment refund(Clock clock) {
        return transitionTo(PaymentStatus.REFUNDED, null, clock);
    }

    /** Moves through the state machine or throws {@link IllegalStateTransitionException}. */
    public Payment transitionTo(PaymentStatus next, String reason, Clock clock) {
        PaymentStatus target = status.transitionTo(next);
        Optional<String> why = target == PaymentStatus.FAILED
                ? Optional.of(reason == null || reason.isBlank() ? "failed" : reason)
                : failureReason;
        return new Payment(id, resellerId, customerPhone, planId, amount, provider, providerReference, target,
                createdAt, later(clock), why, subscriptionId, routerId);
    }

    /** Clocks on different Lambda hosts can disagree slightly; {@code updatedAt} never goes backwards. */
    private Instant later(Clock clock) {
        Instant now = clock.instant();
        return now.isBefore(updatedAt) ? updatedAt : now;
    }
}
