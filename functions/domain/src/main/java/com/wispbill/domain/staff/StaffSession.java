package com.wispbill.domain.staff;

import java.time.Duration;
import java.time.Instant;

/**
 * A signed-in session. Only {@code tokenHash} (SHA-256 of the bearer token) is stored. It ends at
 * {@code expiresAt} (absolute limit), after {@link #IDLE} without a request (idle limit), when it is signed
 * out, or when its staff member's {@code sessionEpoch} moves past {@code epoch}.
 */
public record StaffSession(String tokenHash, String resellerId, String staffId, long epoch, Instant createdAt,
                           Instant lastSeenAt, Instant expiresAt) {
    /** Absolute limit: a working day; then sign in again. */
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    /** Idle limit: no request for this long ends the session. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** {@code lastSeenAt} is written at most this often (one write a minute per session at most, not one per request). */
    public static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    public static StaffSession start(String tokenHash, StaffMember staff, Instant now) {
        return new StaffSession(tokenHash, staff.resellerId(), staff.staffId(), staff.sessionEpoch(), now, now,
                now.plus(ABSOLUTE));
    }

    /** Whether the session still works at {@code now} for {@code staff} as read now. */
    public boolean isValidAt(Instant now, StaffMember staff) {
        return staff.isActive() && staff.sessionEpoch() == epoch && now.isBefore(expiresAt)
                && now.isBefore(lastSeenAt.plus(IDLE)) && staff.staffId().equals(staffId)
                && staff.resellerId().equals(resellerId);
    }

    /** Whether this request should move {@code lastSeenAt} forward. */
    public boolean needsTouch(Instant now) {
        return !now.isBefore(lastSeenAt.plus(TOUCH_EVERY));
    }

    /** When it ends if nothing else happens: the idle limit from now, or the absolute one if sooner. */
    public Instant endsAt(Instant lastSeen) {
        Instant idle = lastSeen.plus(IDLE);
        return idle.isBefore(expiresAt) ? idle : expiresAt;
    }
}
