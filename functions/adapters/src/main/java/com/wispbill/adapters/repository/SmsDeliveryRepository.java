package com.wispbill.adapters.repository;

import java.time.Duration;
import java.time.Instant;

/**
 * At most one SMS per notification id. A sender first claims the id with a lease, publishes, then
 * marks it sent with the claim's token. A claim whose publish surely failed is released, so a retry
 * sends; a sent record makes every later delivery of the same request a no-op. A claim that ran out
 * without being marked or released (its sender died or timed out, maybe after the publish) is never
 * taken over blindly: the next sender settles it UNCERTAIN instead of publishing again.
 */
public interface SmsDeliveryRepository {

    /** How a request ended without a known send. */
    enum Unsent {
        /** The publish may or may not have gone out (a timeout, a lost answer, a sender that died). */
        UNCERTAIN,
        /** Refused by the reseller's daily SMS quota. */
        OVER_QUOTA
    }

    /** What a claim attempt found. */
    sealed interface Claim {
        /** This caller may send now; {@code token} proves it to {@link #markSent}/{@link #release}/{@link #settle}. */
        record Claimed(String token, int attempt) implements Claim {}

        /** Already sent: nothing to do. */
        record AlreadySent(Instant sentAt) implements Claim {}

        /** Another sender holds an unexpired lease (it is publishing right now): try again later. */
        record InFlight(Instant leaseUntil) implements Claim {}

        /** A claim whose lease ran out with no mark and no release: its publish may have gone out. */
        record Abandoned(Instant leaseUntil) implements Claim {}

        /** Ended without a known send (settled before): nothing to do. */
        record Settled(Unsent how) implements Claim {}
    }

    Claim claim(String resellerId, String notificationId, Instant now, Duration lease);

    /** Records the send; {@link com.wispbill.domain.ConflictException} if the claim was lost meanwhile. */
    void markSent(String resellerId, String notificationId, String token, String messageId, Instant sentAt);

    /** Gives the claim back after a publish that surely failed so the next delivery sends; a lost claim is ignored. */
    void release(String resellerId, String notificationId, String token, Instant now);

    /**
     * Ends the request without a (known) send: held by {@code token}, or (token {@code null}) an
     * abandoned claim whose lease ran out before {@code now}. Returns false if neither holds any more
     * (another sender settled it first).
     */
    boolean settle(String resellerId, String notificationId, String token, Unsent how, Instant now);
}
