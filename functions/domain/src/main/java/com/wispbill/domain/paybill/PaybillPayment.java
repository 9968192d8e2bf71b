package com.wispbill.domain.paybill;

import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Money;
import com.wispbill.domain.Validation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One M-Pesa C2B (paybill or till) payment as Safaricom confirmed it, kept once per {@code transId}
 * (M-Pesa's receipt number). A payment whose account number ({@code billRef}) names a subscriber and whose
 * amount is the subscriber's plan price renews it ({@link Status#RENEWED}); anything else waits for the
 * reseller ({@link Status#REVIEW}), who assigns it to a subscriber ({@link Status#ASSIGNED}, renews) or
 * closes it with a refund note ({@link Status#REFUNDED}).
 */
public record PaybillPayment(String resellerId, String transId, String transactionType, Optional<Money> amount, String billRef,
                             String msisdn, String shortCode, Optional<String> payerName, Instant receivedAt,
                             Status status, Optional<Reason> reason, Optional<String> subscriptionId,
                             Optional<String> paymentId, Optional<String> note, Optional<String> problem,
                             Optional<String> raw) {

    public enum Status { RENEWED, REVIEW, ASSIGNED, REFUNDED }

    /** Why a payment waits for the reseller. */
    public enum Reason {
        /** The account number names no subscriber (or one that has ended). */
        UNKNOWN_ACCOUNT,
        /** The subscriber exists, the amount is not its plan's price. */
        WRONG_AMOUNT,
        /** The reseller's M-Pesa credentials could not be read: origin (path token, short code) not checked. */
        CREDENTIALS_UNREADABLE,
        /** {@code TransAmount} is not an amount in the reseller's currency (kept raw, no amount). */
        AMOUNT_UNREADABLE,
        /** {@code BillRefNumber} is not an account number a cashier could type (too long, control characters). */
        ACCOUNT_MALFORMED,
        /** The TransID is an M-Pesa receipt that already settled another payment (an STK push): it pays once. */
        RECEIPT_USED,
        /** Storing or renewing failed for another reason; kept raw so the money is not lost. */
        NOT_PROCESSED
    }

    public PaybillPayment {
        payerName = Objects.requireNonNullElse(payerName, Optional.empty());
        reason = Objects.requireNonNullElse(reason, Optional.empty());
        subscriptionId = Objects.requireNonNullElse(subscriptionId, Optional.empty());
        paymentId = Objects.requireNonNullElse(paymentId, Optional.empty());
        note = Objects.requireNonNullElse(note, Optional.empty());
        problem = Objects.requireNonNullElse(problem, Optional.empty());
        raw = Objects.requireNonNullElse(raw, Optional.empty());
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(transId, "transId");
                v.notNull(billRef, "billRef");
        v.notNull(msisdn, "msisdn");
        v.notNull(receivedAt, "receivedAt");
        v.notNull(status, "status");
        note.ifPresent(n -> v.check(n.length() <= 500, "note", "must be at most 500 characters"));
        v.throwIfInvalid();
    }

    /** Renewed {@code subscriptionId} through payment {@code paymentId}. */
    public PaybillPayment renewed(String subscriptionId, String paymentId) {
        return new PaybillPayment(resellerId, transId, transactionType, amount, billRef, msisdn, shortCode, payerName,
                receivedAt, Status.RENEWED, reason, Optional.of(subscriptionId), Optional.of(paymentId), note, problem, raw);
    }

    /** With what went wrong, for the reseller's review. */
    public PaybillPayment withProblem(String what) {
        return new PaybillPayment(resellerId, transId, transactionType, amount, billRef, msisdn, shortCode, payerName,
                receivedAt, status, reason, subscriptionId, paymentId, note, Optional.of(what), raw);
    }

    /** Waits for the reseller. */
    public PaybillPayment forReview(Reason why, Optional<String> subscriptionId) {
        return new PaybillPayment(resellerId, transId, transactionType, amount, billRef, msisdn, shortCode, payerName,
                receivedAt, Status.REVIEW, Optional.of(why), subscriptionId, Optional.empty(), note, problem, raw);
    }

    /** The reseller gave it to {@code subscriptionId}, renewed through payment {@code paymentId}. */
    public PaybillPayment assigned(String subscriptionId, String paymentId) {
        requireReview();
        return new PaybillPayment(resellerId, transId, transactionType, amount, billRef, msisdn, shortCode, payerName,
                receivedAt, Status.ASSIGNED, reason, Optional.of(subscriptionId), Optional.of(paymentId), note, problem, raw);
    }

    /** The reseller refunds it outside WISPbill; {@code refundNote} says how. Closed. */
    public PaybillPayment refunded(String refundNote) {
        requireReview();
        return new PaybillPayment(resellerId, transId, transactionType, amount, billRef, msisdn, shortCode, payerName,
                receivedAt, Status.REFUNDED, reason, subscriptionId, paymentId, Optional.ofNullable(refundNote), problem, raw);
    }

    private void requireReview() {
        if (status != Status.REVIEW) {
            throw new ConflictException("paybill payment " + transId + " is " + status + ", not waiting for review");
        }
    }
}
