package com.wispbill.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One signed money movement for a reseller. {@code businessDate} is the reseller-local day the entry
 * counts for, fixed when it is written: reports of a past day never change even if the reseller later
 * changes time zone.
 *
 * <p>Entries derived from a payment should use a deterministic id ({@link #idFor}) so that writing the
 * same entry twice (a retried webhook) is detected by the store instead of doubling the balance.
 */
public record LedgerEntry(
        String id,
        String resellerId,
        LedgerEntryType type,
        Money amount,
        Optional<String> paymentId,
        Instant at,
        LocalDate businessDate,
        String memo) {

    public LedgerEntry {
        paymentId = Objects.requireNonNullElse(paymentId, Optional.empty());
        memo = memo == null ? "" : memo.strip();
        Validation v = new Validation();
        v.id(id, "id");
        v.id(resellerId, "resellerId");
        v.notNull(type, "type");
        if (v.notNull(amount, "amount") && type != null) {
            v.check(type.acceptsAmount(amount), "amount", type + " amounts must be " + type.requiredSign());
        }
        paymentId.ifPresent(p -> v.id(p, "paymentId"));
        v.notNull(at, "at");
        v.notNull(businessDate, "businessDate");
        v.check(memo.length() <= 500, "memo", "must be at most 500 characters");
        v.throwIfInvalid();
    }

    /** An entry for a payment, with the deterministic id {@link #idFor}{@code (paymentId, type)}. */
    public static LedgerEntry forPayment(Payment payment, LedgerEntryType type, Money amount, String memo,
                                         ResellerCalendar calendar, Clock clock) {
        Instant now = clock.instant();
        return new LedgerEntry(idFor(payment.id(), type), payment.resellerId(), type, amount, Optional.of(payment.id()),
                now, calendar.dateOf(now), memo);
    }

    /** An entry not tied to a payment (manual extension, adjustment), with a fresh id. */
    public static LedgerEntry manual(String resellerId, LedgerEntryType type, Money amount, String memo,
                                     ResellerCalendar calendar, Clock clock) {
        Instant now = clock.instant();
        return new LedgerEntry(Ids.newId(clock), resellerId, type, amount, Optional.empty(), now, calendar.dateOf(now),
                memo);
    }

    /** The id of the {@code type} entry of a payment: at most one entry of each type per payment. */
    public static String idFor(String paymentId, LedgerEntryType type) {
        return paymentId + "-" + type.name();
    }
}
