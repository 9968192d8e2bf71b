package com.wispbill.adapters.repository;

import java.time.Duration;
import java.time.Instant;

/**
 * Exactly-once SMS per notification id. A sender first claims the id with a lease, publishes, then
 * marks it sent with the claim's token. A claim whose publish failed is released (or its lease runs
 * out), so a retry sends; a sent record makes every later delivery of the same request a no-op.
 */
public interface SmsDeliveryRepository {

    /** What a claim attempt found. */
    sealed interface Claim {
        /** This caller may send now; {@code token} proves it to {@link #markSent}/{@link #release}. */
        record Claimed(String token, int attempt) implements Claim {}

        /** Already sent: nothing to do. */
        record AlreadySent(Instant sentAt) implements Claim {}

        /** Another sender holds an unexpired lease (it is publishing right now): try again later. */
        record InFlight(Instant leaseUntil) implements Claim {}
    }

    Claim claim(String resellerId, String notificationId, Instant now, Duration lease);

    /** Records the send; {@link com.wispbill.domain.ConflictException} if the claim was lost meanwhile. */
    void markSent(String resellerId, String notificationId, String token, String messageId, Instant sentAt);

    /** Gives the claim back after a failed publish so the next delivery sends at once; a lost claim is ignored. */
    void release(String resellerId, String notificationId, String token, Instant now);
}
