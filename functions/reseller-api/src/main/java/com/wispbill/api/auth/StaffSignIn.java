package com.wispbill.api.auth;

import com.wispbill.adapters.http.ProblemException;
import com.wispbill.adapters.repository.StaffRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.staff.SignInLink;
import com.wispbill.domain.staff.StaffMember;
import com.wispbill.domain.staff.StaffSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/**
 * Signing in and what a signed-in staff member does to its own account: password (Argon2id) and optional TOTP,
 * progressive lockout, sessions (idle and absolute limits, revocable at once), one-time sign-in links, password
 * change and TOTP enrolment. Every change of an account is a conditional write on its version; a lost race is
 * read again and decided again, so every failed attempt counts and a TOTP code is accepted once.
 */
public final class StaffSignIn {
    public static final int MIN_PASSWORD = 12;
    public static final int MAX_PASSWORD = 128;
    /** Conditional writes that lose to a concurrent change are read and decided again this many times. */
    private static final int ATTEMPTS = 8;
    private static final String WRONG = "the email or the password is wrong";
    /** The request was authenticated, but its session was revoked (or the account disabled) before it wrote. */
    private static final String SESSION_ENDED = "this session ended meanwhile; sign in again";

    private final StaffRepository staff;
    private final PasswordHashing passwords;
    private final Clock clock;

    public StaffSignIn(StaffRepository staff, PasswordHashing passwords, Clock clock) {
        this.staff = staff;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** A new session: its bearer token (shown once), when it ends at the latest, and whose it is. */
    public record SignedIn(String token, Instant expiresAt, StaffMember staff) {
        @Override
        public String toString() {
            return "SignedIn[" + staff + ", token=<hidden>]";
        }
    }

    /** A TOTP enrolment to confirm: the secret and the URI authenticator apps scan. */
    public record TotpEnrolment(String secret, String otpauthUri) {
    }

    /** The password rules, one place: 12 to 128 characters. */
    public static void checkPassword(String password, String field, Validation v) {
        if (v.notNull(password, field)) {
            v.check(password.length() >= MIN_PASSWORD && password.length() <= MAX_PASSWORD, field,
                    "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }

    public SignedIn signIn(String email, String password, Optional<String> totp) {
        Optional<StaffMember> found = staff.findByEmail(StaffMember.normalEmail(email));
        if (found.isEmpty()) {
            passwords.verifyDecoy(password);
            throw ProblemException.unauthorized(WRONG);
        }
        StaffMember member = found.get();
        // Argon2id is the expensive step: a lost race re-reads the account but checks the password again only
        // if its hash changed meanwhile.
        String checkedHash = null;
        boolean passwordMatches = false;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            refuseIfLocked(member, now);
            if (!member.passwordHash().equals(checkedHash)) {
                checkedHash = member.passwordHash();
                passwordMatches = passwords.verify(password, checkedHash);
            }
            if (!passwordMatches) {
                failed(member, "unauthorized", WRONG);
            }
            if (!member.isActive()) {
                throw ProblemException.unauthorized(WRONG);
            }
            long step = 0;
            if (member.hasTotp()) {
                if (totp.isEmpty()) {
                    throw problem(401, "Unauthorized", "this account needs its authenticator code (totp)", "totp_required");
                }
                OptionalLong matched = Totp.match(member.totpSecret().orElseThrow(), totp.get(), now, member.totpLastStep());
                if (matched.isEmpty()) {
                    failed(member, "totp_invalid", "the authenticator code is wrong or was used already");
                }
                step = matched.orElse(0);
            }
            if (member.signInChangesNothing(step)) {
                // Nothing to clear or record: no write, so staff sharing an account do not race each other.
                return startSession(member, now);
            }
            StaffMember signedIn = member.signedIn(step);
            if (staff.update(member, signedIn)) {
                return startSession(signedIn, now);
            }
            member = reread(member);
        }
        throw new ConflictException("the account changed while signing in; try again");
    }

    /** Redeems a one-time link (made by {@link #issueLink}) for a session; a used, expired or unknown link is a 401. */
    public SignedIn redeemLink(String linkToken) {
        Instant now = clock.instant();
        Optional<SignInLink> link = SessionTokens.linkHash(linkToken).flatMap(staff::takeLink)
                .filter(l -> now.isBefore(l.expiresAt()));
        StaffMember member = link.flatMap(l -> staff.find(l.resellerId(), l.staffId()).filter(l::stillFor))
                .filter(StaffMember::isActive)
                .orElseThrow(() -> ProblemException.unauthorized("the sign-in link is not valid, expired or was used"));
        return startSession(member, now);
    }

    /**
     * A one-time sign-in link for {@code member} as just read, valid {@link SignInLink#VALID_FOR} and only while the
     * member keeps the role it has now (who may issue it was checked against that role).
     */
    public IssuedLink issueLink(StaffMember member) {
        if (!member.isActive()) {
            throw new ConflictException("staff member " + member.staffId() + " is disabled");
        }
        String token = SessionTokens.newLink();
        Instant now = clock.instant();
        SignInLink link = new SignInLink(SessionTokens.hash(token), member.resellerId(), member.staffId(), Optional.of(member.role()),
                now, now.plus(SignInLink.VALID_FOR));
        staff.createLink(link);
        return new IssuedLink(token, link.expiresAt());
    }

    public record IssuedLink(String linkToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedLink[expiresAt=" + expiresAt + ", linkToken=<hidden>]";
        }
    }

    /**
     * The caller of a session token: one BatchGetItem (reseller, account, session), and at most once a minute a
     * write moving the session's last use. Unknown, ended, signed-out and revoked sessions get the same 401.
     */
    public Caller authenticate(String token) {
        Instant now = clock.instant();
        StaffRepository.SessionRead read = SessionTokens.parseSession(token)
                .flatMap(ref -> staff.readSession(ref.resellerId(), ref.staffId(), ref.tokenHash()))
                .filter(r -> r.session().isValidAt(now, r.staff()))
                .orElseThrow(() -> ProblemException.unauthorized("the session has ended; sign in again"));
        Reseller reseller = read.reseller();
        if (read.session().needsTouch(now)) {
            staff.touchSession(read.session(), now);
        }
        return Caller.ofSession(read.staff(), read.session(), reseller);
    }

    public void signOut(Caller caller) {
        staff.deleteSession(session(caller));
    }

    /** Ends every session of the caller's account, this one included. */
    public void signOutEverywhere(Caller caller) {
        StaffMember member = self(caller);
        change(member, StaffMember::sessionsRevoked);
    }

    /**
     * A new password after the current one; a wrong current password counts towards the lockout. Every other
     * session of the account ends on its next request (a new session epoch); the caller's session is moved to the
     * new epoch in the same write, so it goes on. If that session ended since the request was authenticated (the account
     * disabled, signed out everywhere) the change is a 409 and the session stays ended: it is moved only from the epoch
     * the account had when it was authenticated.
     */
    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        Validation v = new Validation();
        v.notNull(currentPassword, "currentPassword");
        checkPassword(newPassword, "newPassword", v);
        v.throwIfInvalid();
        StaffSession current = session(caller);
        StaffMember member = stillSignedIn(current, self(caller));
        refuseIfLocked(member, clock.instant());
        if (!passwords.verify(currentPassword, member.passwordHash())) {
            recordFailure(member);
            throw new ValidationException("currentPassword", "is not your current password");
        }
        String hash = passwords.hash(newPassword);
        // Decided on the account as it is overwritten (the write's condition is its version): a session revoked since
        // its request was authenticated (disabled, signed out everywhere) is refused, not carried into the new epoch.
        write(member, m -> stillSignedIn(current, m).withPassword(hash),
                (before, after) -> staff.update(before, after, current));
    }

    public TotpEnrolment startTotp(Caller caller) {
        StaffMember member = self(caller);
        if (member.hasTotp()) {
            throw new ConflictException("an authenticator is already set up; remove it first");
        }
        String secret = Totp.newSecret();
        change(member, m -> m.withTotpPending(secret));
        return new TotpEnrolment(secret, Totp.uri(secret, member.email()));
    }

    public void confirmTotp(Caller caller, String code) {
        StaffMember member = self(caller);
        String pending = member.totpPending()
                .orElseThrow(() -> new ConflictException("no authenticator enrolment to confirm: POST /v1/auth/totp first"));
        long step = codeStep(pending, code, member);
        change(member, m -> {
            if (!m.totpPending().equals(Optional.of(pending)) || m.totpLastStep() >= step) {
                throw new ValidationException("code", "is not the current code of the authenticator");
            }
            return m.withTotpConfirmed(step);
        });
    }

    public void removeTotp(Caller caller, String code) {
        StaffMember member = self(caller);
        String secret = member.totpSecret().orElseThrow(() -> new ConflictException("no authenticator is set up"));
        long step = codeStep(secret, code, member);
        change(member, m -> {
            if (m.totpLastStep() >= step) {
                throw new ValidationException("code", "is not the current code of the authenticator");
            }
            return m.withoutTotp(step);
        });
    }

    /** Applies {@code how} to the reseller's staff member as stored (disable, enable, revoke); 404 if there is none. */
    public StaffMember change(String resellerId, String staffId, UnaryOperator<StaffMember> how) {
        StaffMember member = staff.find(resellerId, staffId).orElseThrow(() -> new NotFoundException("Staff member", staffId));
        return change(member, how);
    }

    private long codeStep(String secret, String code, StaffMember member) {
        if (code == null) {
            throw new ValidationException("code", "is required: the 6 digits the authenticator shows");
        }
        return Totp.match(secret, code, clock.instant(), member.totpLastStep())
                .orElseThrow(() -> new ValidationException("code", "is not the current code of the authenticator"));
    }

    private SignedIn startSession(StaffMember member, Instant now) {
        String token = SessionTokens.newSession(member.resellerId(), member.staffId());
        StaffSession session = StaffSession.start(SessionTokens.hash(token), member, now);
        staff.createSession(session);
        return new SignedIn(token, session.expiresAt(), member);
    }

    /** Applies {@code how} to the account as stored, again after every lost race. */
    private StaffMember change(StaffMember member, UnaryOperator<StaffMember> how) {
        return write(member, how, staff::update);
    }

    /**
     * Applies {@code how} to the account as stored and stores it with {@code conditionalWrite} (false: the account
     * changed meanwhile), again after every lost race.
     */
    private StaffMember write(StaffMember member, UnaryOperator<StaffMember> how,
                              BiPredicate<StaffMember, StaffMember> conditionalWrite) {
        StaffMember current = member;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StaffMember changed = how.apply(current);
            if (conditionalWrite.test(current, changed)) {
                return changed;
            }
            current = reread(current);
        }
        throw new ConflictException("the account kept changing; try again");
    }

    private StaffMember reread(StaffMember member) {
        return staff.find(member.resellerId(), member.staffId())
                .orElseThrow(() -> ProblemException.unauthorized(WRONG));
    }

    /** Counts a wrong password or code and answers it: 429 if this attempt locked the account, else 401. */
    private void failed(StaffMember member, String code, String detail) {
        StaffMember after = recordFailure(member);
        Instant now = clock.instant();
        refuseIfLocked(after, now);
        throw code.equals("unauthorized") ? ProblemException.unauthorized(detail)
                : problem(401, "Unauthorized", detail, code);
    }

    private StaffMember recordFailure(StaffMember member) {
        Instant now = clock.instant();
        return change(member, m -> m.lockedAt(now).isPresent() ? m : m.failedSignIn(now));
    }

    private static void refuseIfLocked(StaffMember member, Instant now) {
        Optional<Instant> until = member.lockedAt(now);
        if (until.isPresent()) {
            long seconds = Math.max(1, (Duration.between(now, until.get()).toMillis() + 999) / 1000);
            throw new ProblemException(429, "Too Many Requests", "too many wrong attempts: this account is locked for "
                    + seconds + " s", List.of(), Map.of("retry-after", Long.toString(seconds)),
                    Map.of("code", "locked", "retryAfterSeconds", seconds));
        }
    }

    private static ProblemException problem(int status, String title, String detail, String code) {
        return new ProblemException(status, title, detail, List.of(), Map.of("www-authenticate", "Bearer"),
                Map.of("code", code));
    }

    private StaffMember self(Caller caller) {
        StaffMember member = caller.staff().orElseThrow(() -> new ConflictException(
                "this route is for signed-in staff: an API key has no password, TOTP or session"));
        return staff.find(member.resellerId(), member.staffId()).orElseThrow(() -> ProblemException.unauthorized(WRONG));
    }

    /** {@code member} as read now, refused if {@code session} ended since its request was authenticated. */
    private StaffMember stillSignedIn(StaffSession session, StaffMember member) {
        if (!session.isValidAt(clock.instant(), member)) {
            throw new ConflictException(SESSION_ENDED);
        }
        return member;
    }

    private static StaffSession session(Caller caller) {
        return caller.session().orElseThrow(() -> new ConflictException(
                "this route is for signed-in staff: an API key has no session (keys are revoked by the operator)"));
    }
}
