package com.wispbill.domain.payment;

import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Validation;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.enforcement.CommandIds;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified provider notification that needs a person: money may have moved but nothing automatic is
 * safe. Keyed by provider and the notification's dedup key, so a provider retrying it records it once.
 * Each review is also raised as an open alert on the reseller's dashboard ({@link #alert()}).
 */
public record PaymentReview(
        String resellerId,
        PaymentProvider provider,
        String key,
        Reason reason,
        Optional<String> paymentId,
        Optional<String> providerReference,
        String detail,
        Instant recordedAt) {

    public enum Reason {
        /** A verified notification for a reference we never issued (or a deleted payment). */
        UNKNOWN_REFERENCE,
        /** The provider reports a failure or reversal for a payment we already granted; access was not revoked. */
        FAILED_AFTER_SUCCESS,
        /** Refunded after the grant: the ledger has the refund, access was not revoked automatically. */
        REFUNDED_AFTER_GRANT,
        /** The provider reports money received for a payment we had already closed as failed or cancelled. */
        PAID_AFTER_CLOSE,
        /**
         * A success whose amount or currency is missing, not an exact whole number in the provider's unit,
         * out of range, or not the order's: nothing was granted.
         */
        AMOUNT_MISMATCH,
        /**
         * The provider took our request (an STK push may have reached the phone) but its answer was lost and no
         * callback came: the payment was closed as failed. If the customer paid, the money is in the reseller's
         * provider statement under the payment's account reference.
         */
        ANSWER_AND_CALLBACK_LOST,
        /**
         * An M-Pesa success whose receipt had already paid another payment (a paybill confirmation of the same
         * transaction, renewed or assigned first): the payment is closed as succeeded, nothing granted or booked again.
         */
        RECEIPT_ALREADY_USED
    }

    public PaymentReview {
        paymentId = Objects.requireNonNullElse(paymentId, Optional.empty());
        providerReference = Objects.requireNonNullElse(providerReference, Optional.empty());
        detail = detail == null ? "" : (detail.length() > 500 ? detail.substring(0, 500) : detail);
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.notNull(provider, "provider");
        v.text(key, "key", 300);
        v.check(key == null || key.indexOf('#') < 0, "key", "must not contain '#'");
        v.notNull(reason, "reason");
        paymentId.ifPresent(p -> v.id(p, "paymentId"));
        v.notNull(recordedAt, "recordedAt");
        v.throwIfInvalid();
    }

    /** Prefix of the dashboard alert keys of payment reviews. */
    public static final String ALERT_KEY_PREFIX = "PAYMENT_REVIEW#";

    /**
     * The dashboard alert for this review. Everything in it is derived from the review (id and key from a
     * hash of reseller, provider and review key; raised at {@code recordedAt}), so sending it twice is one
     * alert, and a retried notification whose review already exists raises nothing new.
     */
    public Alert alert() {
        String digest = CommandIds.derive(resellerId, provider.name(), key);
        String about = paymentId.map(id -> "Payment " + id).orElse(provider.name() + " notification");
        return new Alert("review-" + digest, Optional.of(resellerId), ALERT_KEY_PREFIX + provider.name() + "#" + digest,
                Alert.Severity.WARNING, false, about + " needs review: " + reason.name(),
                truncate(reason.name() + " via " + provider.name()
                        + providerReference.map(r -> ", reference " + r).orElse("") + ": " + detail, 4000),
                recordedAt);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
