package com.wispbill.payment.provider;

import com.wispbill.domain.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider says about one payment, from a verified callback or from a status query.
 *
 * @param eventId   the provider's dedup key for this notification (Stripe event id, Paystack event + id,
 *                  M-Pesa CheckoutRequestID + result code, Midtrans order + status)
 * @param reference the provider reference we stored on the payment; empty when the notification names
 *                  our payment id instead ({@code paymentId})
 * @param paymentId our payment id when the provider echoes it back (metadata) and has no reference
 * @param amount    what the provider says was paid, when it says it in a form we read exactly
 * @param fee       the provider's fee, when it says (Paystack {@code fees})
 * @param receipt   the provider's receipt or transaction id, when it has one
 * @param amountProblem why the provider's amount could not be read exactly (fractional, a string, out of
 *                  range, no or another currency); a success with a problem is never granted
 */
public record ProviderUpdate(
        String eventId,
        Optional<String> reference,
        Optional<String> paymentId,
        Outcome outcome,
        Optional<Money> amount,
        Optional<Money> fee,
        Optional<String> receipt,
        String detail,
        Optional<String> amountProblem) {

    /** The provider-neutral meaning of a notification. */
    public enum Outcome {
        SUCCEEDED, FAILED, CANCELLED, REFUNDED,
        /** Not final yet (awaiting customer, card challenge): nothing to do. */
        PENDING,
        /** An event type we do not act on: acknowledged so it is not retried. */
        IGNORED
    }

    public ProviderUpdate {
        Objects.requireNonNull(eventId, "eventId");
        reference = Objects.requireNonNullElse(reference, Optional.empty());
        paymentId = Objects.requireNonNullElse(paymentId, Optional.empty());
        Objects.requireNonNull(outcome, "outcome");
        amount = Objects.requireNonNullElse(amount, Optional.empty());
        fee = Objects.requireNonNullElse(fee, Optional.empty());
        receipt = Objects.requireNonNullElse(receipt, Optional.empty());
        detail = detail == null ? "" : detail;
        amountProblem = Objects.requireNonNullElse(amountProblem, Optional.empty());
    }

    public ProviderUpdate(String eventId, Optional<String> reference, Optional<String> paymentId, Outcome outcome,
                          Optional<Money> amount, Optional<Money> fee, Optional<String> receipt, String detail) {
        this(eventId, reference, paymentId, outcome, amount, fee, receipt, detail, Optional.empty());
    }

    public static ProviderUpdate of(String eventId, String reference, Outcome outcome, String detail) {
        return new ProviderUpdate(eventId, Optional.ofNullable(reference), Optional.empty(), outcome, Optional.empty(),
                Optional.empty(), Optional.empty(), detail);
    }

    public ProviderUpdate withAmount(Money paid) {
        return new ProviderUpdate(eventId, reference, paymentId, outcome, Optional.ofNullable(paid), fee, receipt, detail,
                Optional.empty());
    }

    /** The provider stated an amount we cannot take as exact: {@code why} goes to the review. */
    public ProviderUpdate withUnreadableAmount(String why) {
        return new ProviderUpdate(eventId, reference, paymentId, outcome, Optional.empty(), fee, receipt, detail,
                Optional.of(why));
    }

    public ProviderUpdate withFee(Money providerFee) {
        return new ProviderUpdate(eventId, reference, paymentId, outcome, amount, Optional.ofNullable(providerFee), receipt, detail,
                amountProblem);
    }

    public ProviderUpdate withReceipt(String providerReceipt) {
        return new ProviderUpdate(eventId, reference, paymentId, outcome, amount, fee, Optional.ofNullable(providerReceipt), detail,
                amountProblem);
    }

    public ProviderUpdate withPaymentId(String ourPaymentId) {
        return new ProviderUpdate(eventId, reference, Optional.ofNullable(ourPaymentId), outcome, amount, fee, receipt, detail,
                amountProblem);
    }
}
