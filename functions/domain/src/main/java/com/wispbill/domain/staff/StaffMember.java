package com.wispbill.domain.staff;

import com.wispbill.domain.Ids;
import com.wispbill.domain.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A staff account. {@code email} is stored in lower case and unique across the platform.
 * {@code passwordHash} is a PHC string (algorithm, parameters, salt, hash), never the password.
 * {@code totpSecret} is set once an enrolment was confirmed ({@code totpPending} holds an unconfirmed one);
 * {@code totpLastStep} is the last time step whose code was accepted, so a code works once.
 * {@code failedAttempts} counts wrong passwords and codes since the last success or lockout;
 * {@code lockouts} counts lockouts since the last success, so each one lasts longer ({@link Lockout}).
 * {@code sessionEpoch} is copied into every session made; raising it ends every session at once (sign out
 * everywhere, disabling, an owner revoking, a new password). {@code version} guards every change (conditional writes).
 * {@code disabledByOperator}: the platform's operator disabled it, so only the operator enables it again (not its
 * reseller's owner).
 */
public record StaffMember(
        String staffId,
        String resellerId,
        String email,
        String name,
        StaffRole role,
        StaffStatus status,
        boolean disabledByOperator,
        String passwordHash,
        Optional<String> totpSecret,
        Optional<String> totpPending,
        long totpLastStep,
        int failedAttempts,
        int lockouts,
        Optional<Instant> lockedUntil,
        long sessionEpoch,
        long version,
        Instant createdAt) {

    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MAX_NAME_LENGTH = 100;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s#]+@[^@\\s#]+\\.[^@\\s#]+");

    public StaffMember {
        Validation v = new Validation();
        v.id(staffId, "staffId");
        v.id(resellerId, "resellerId");
        if (v.notBlank(email, "email")) {
            v.check(isEmail(email) && email.equals(normalEmail(email)), "email", "must be an email address in lower case");
        }
        v.text(name, "name", MAX_NAME_LENGTH);
        v.notNull(role, "role");
        v.notNull(status, "status");
        v.notBlank(passwordHash, "passwordHash");
        v.notNull(totpSecret, "totpSecret");
        v.notNull(totpPending, "totpPending");
        v.notNull(lockedUntil, "lockedUntil");
        v.check(failedAttempts >= 0 && lockouts >= 0 && version >= 0 && sessionEpoch >= 0, "failedAttempts",
                "counters are never negative");
        v.notNull(createdAt, "createdAt");
        v.throwIfInvalid();
    }

    /** A new active account with no TOTP, never locked. */
    public static StaffMember create(String resellerId, String email, String name, StaffRole role, String passwordHash,
                                     Clock clock) {
        return new StaffMember(Ids.newId(clock), resellerId, email, name == null ? null : name.strip(), role,
                StaffStatus.ACTIVE, false, passwordHash, Optional.empty(), Optional.empty(), 0, 0, 0, Optional.empty(), 0, 0,
                clock.instant());
    }

    /** Whether {@code text} looks like an email address (one {@code @}, a dot in the domain, no spaces). */
    public static boolean isEmail(String text) {
        return text != null && text.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(text.strip()).matches();
    }

    /** The form emails are stored and looked up in: trimmed, lower case. */
    public static String normalEmail(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    public boolean isActive() {
        return status == StaffStatus.ACTIVE;
    }

    public boolean hasTotp() {
        return totpSecret.isPresent();
    }

    /** Until when sign-in is refused, if it is at {@code now}. */
    public Optional<Instant> lockedAt(Instant now) {
        return lockedUntil.filter(now::isBefore);
    }

    private StaffMember with(StaffStatus status, boolean disabledByOperator, String passwordHash, Optional<String> totpSecret,
                             Optional<String> totpPending, long totpLastStep, int failedAttempts, int lockouts,
                             Optional<Instant> lockedUntil, long sessionEpoch) {
        return new StaffMember(staffId, resellerId, email, name, role, status, disabledByOperator, passwordHash, totpSecret,
                totpPending, totpLastStep, failedAttempts, lockouts, lockedUntil, sessionEpoch, version + 1, createdAt);
    }

    /** A wrong password or code: counted, and the fifth in a row locks the account ({@link Lockout}). */
    public StaffMember failedSignIn(Instant now) {
        int failures = failedAttempts + 1;
        if (failures < Lockout.ATTEMPTS) {
            return with(status, disabledByOperator, passwordHash, totpSecret, totpPending, totpLastStep, failures, lockouts,
                    lockedUntil, sessionEpoch);
        }
        return with(status, disabledByOperator, passwordHash, totpSecret, totpPending, totpLastStep, 0, lockouts + 1,
                Optional.of(now.plus(Lockout.duration(lockouts + 1))), sessionEpoch);
    }

    /** A successful sign-in: failures and lockouts forgotten; {@code totpStep} the step of the code used, if any. */
    public StaffMember signedIn(long totpStep) {
        return with(status, disabledByOperator, passwordHash, totpSecret, totpPending, Math.max(totpLastStep, totpStep),
                0, 0, Optional.empty(), sessionEpoch);
    }

    /**
     * Whether {@link #signedIn} would store nothing new: no failures or lockout to clear and no authenticator
     * step to record (a sign-in with TOTP always records its step, so the code cannot be used again).
     */
    public boolean signInChangesNothing(long totpStep) {
        return failedAttempts == 0 && lockouts == 0 && lockedUntil.isEmpty() && totpStep <= totpLastStep;
    }

    /**
     * A new password; every session made with the old one stops working (a new session epoch). The session that
     * made the change is moved to the new epoch in the same write ({@code StaffRepository#update} with a session).
     */
    public StaffMember withPassword(String newHash) {
        return with(status, disabledByOperator, newHash, totpSecret, totpPending, totpLastStep, failedAttempts, lockouts, lockedUntil,
                sessionEpoch + 1);
    }

    /** Another role; it applies from the next request, as the account is read on every request. */
    public StaffMember withRole(StaffRole newRole) {
        return new StaffMember(staffId, resellerId, email, name, newRole, status, disabledByOperator, passwordHash,
                totpSecret, totpPending,
                totpLastStep, failedAttempts, lockouts, lockedUntil, sessionEpoch, version + 1, createdAt);
    }

    /** Whether this account is an active owner of its reseller (a reseller keeps at least one). */
    public boolean isActiveOwner() {
        return role == StaffRole.OWNER && isActive();
    }

    public StaffMember withTotpPending(String secret) {
        return with(status, disabledByOperator, passwordHash, totpSecret, Optional.of(secret), totpLastStep, failedAttempts, lockouts,
                lockedUntil, sessionEpoch);
    }

    /** The pending secret confirmed with the code of {@code step}: from now on sign-in needs a code. */
    public StaffMember withTotpConfirmed(long step) {
        return with(status, disabledByOperator, passwordHash, totpPending, Optional.empty(), step, failedAttempts, lockouts, lockedUntil,
                sessionEpoch);
    }

    /** TOTP removed with the code of {@code step} (kept as used, so that code cannot be replayed elsewhere). */
    public StaffMember withoutTotp(long step) {
        return with(status, disabledByOperator, passwordHash, Optional.empty(), Optional.empty(), Math.max(totpLastStep, step),
                failedAttempts, lockouts, lockedUntil, sessionEpoch);
    }

    /** Every session made so far stops working. */
    public StaffMember sessionsRevoked() {
        return with(status, disabledByOperator, passwordHash, totpSecret, totpPending, totpLastStep, failedAttempts, lockouts, lockedUntil,
                sessionEpoch + 1);
    }

    /**
     * Disabled, every session revoked; {@code byOperator}: by the platform's operator, so only the operator enables
     * it again (an operator's disabling stays marked when its reseller disables it too).
     */
    public StaffMember disabled(boolean byOperator) {
        return with(StaffStatus.DISABLED, disabledByOperator || byOperator, passwordHash, totpSecret, totpPending,
                totpLastStep, failedAttempts, lockouts, lockedUntil, sessionEpoch + 1);
    }

    /** Enabled again (the operator's mark lifted: whoever may enable it decided so); old sessions stay ended. */
    public StaffMember enabled() {
        return with(StaffStatus.ACTIVE, false, passwordHash, totpSecret, totpPending, totpLastStep, failedAttempts,
                lockouts, lockedUntil, sessionEpoch);
    }

    @Override
    public String toString() {
        // No hash or TOTP secret in logs.
        return "StaffMember[" + staffId + ", reseller " + resellerId + ", " + role + ", " + status + "]";
    }

    /** Progressive lockout: five wrong attempts in a row lock the account; each lockout lasts twice the one before. */
    public static final class Lockout {
        public static final int ATTEMPTS = 5;
        public static final Duration FIRST = Duration.ofMinutes(5);
        public static final Duration LONGEST = Duration.ofHours(24);

        private Lockout() {
        }

        /** How long the {@code n}-th lockout in a row lasts: 5 min, 10, 20, ... at most 24 h. */
        public static Duration duration(int n) {
            Duration d = FIRST.multipliedBy(1L << Math.min(Math.max(n, 1) - 1, 16));
            return d.compareTo(LONGEST) > 0 ? LONGEST : d;
        }
    }
}
