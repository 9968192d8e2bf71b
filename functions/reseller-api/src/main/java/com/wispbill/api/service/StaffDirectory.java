package com.wispbill.api.service;

import com.wispbill.adapters.repository.StaffRepository;
import com.wispbill.api.auth.Caller;
import com.wispbill.api.auth.PasswordHashing;
import com.wispbill.api.auth.StaffSignIn;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.ForbiddenException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Validation;
import com.wispbill.domain.staff.StaffMember;
import com.wispbill.domain.staff.StaffRole;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A reseller's staff accounts as its owner (or the operator) manages them: list, create, change the role, disable,
 * enable and revoke sessions. Disabling and revoking raise the account's session epoch in one conditional write, so
 * every session it had fails on its next request; the stored sessions are deleted after that as cleanup. A reseller
 * keeps an active owner, and the platform's reseller an active operator account too: the last one cannot be given
 * another role or be disabled (409). An OPERATOR account is an operator's to change: disabling, enabling, its role, its
 * sessions and sign-in links for it are refused to anyone else (403), the platform reseller's owners included.
 */
public final class StaffDirectory {
    /** A role change that loses a race (the account or the owner it relies on changed) is decided again. */
    private static final int CHANGE_ATTEMPTS = 8;
    /** The roles a reseller always keeps an active account of (an operator account only the platform's reseller has). */
    private static final Set<StaffRole> KEPT_ROLES = EnumSet.of(StaffRole.OWNER, StaffRole.OPERATOR);

    private final StaffRepository staff;
    private final StaffSignIn signIn;
    private final PasswordHashing passwords;
    private final Clock clock;

    public StaffDirectory(StaffRepository staff, StaffSignIn signIn, PasswordHashing passwords, Clock clock) {
        this.staff = staff;
        this.signIn = signIn;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** What creating an account needs, with the errors already found reading the request (reported together). */
    public record NewStaff(String email, String name, StaffRole role, String password, List<FieldError> inputErrors) {
        @Override
        public String toString() {
            return "NewStaff[" + email + ", " + role + ", password=<hidden>]";
        }
    }

    public List<StaffMember> list(String resellerId) {
        return staff.list(resellerId);
    }

    /**
     * A new account of {@code resellerId}, made by {@code by}. Only an operator makes operators, and only in its own
     * reseller (the platform's); an email already in use anywhere is a 409. Bad input changes nothing.
     */
    public StaffMember create(Caller by, String resellerId, NewStaff request) {
        return create(resellerId, request, mayMakeOperators(by, resellerId));
    }

    /** Only an operator makes operators, and only in its own reseller (the platform's). */
    private static boolean mayMakeOperators(Caller by, String resellerId) {
        return by.isOperator() && by.resellerId().equals(resellerId);
    }

    private static void checkRole(StaffRole role, boolean mayMakeOperators, Validation v) {
        if (!v.hasErrorFor("role") && v.notNull(role, "role") && role == StaffRole.OPERATOR) {
            v.check(mayMakeOperators, "role", "only the operator makes operators, in the platform's own account");
        }
    }

    /**
     * The staff member's new role, made by {@code by}; 409 for the reseller's last active owner (or the platform's last
     * active operator account). Only an operator makes an operator (400 on {@code role} for anyone else) or gives an
     * operator another role (403).
     */
    public StaffMember changeRole(Caller by, String resellerId, String staffId, StaffRole role,
                                  List<FieldError> inputErrors) {
        Validation v = new Validation();
        v.addAll(inputErrors);
        checkRole(role, mayMakeOperators(by, resellerId), v);
        v.throwIfInvalid();
        return changeKeepingAnOwner(resellerId, staffId, m -> {
            checkMayChange(by, m);
            return m.role() == role ? m : m.withRole(role);
        });
    }

    /**
     * 403 unless {@code by} may change {@code member}: an OPERATOR account only an operator changes (its role, status,
     * sessions, sign-in links), not an owner of the platform's reseller, which could otherwise lock the operator out
     * or sign in as it.
     */
    private static void checkMayChange(Caller by, StaffMember member) {
        if (member.role() == StaffRole.OPERATOR && !by.isOperator()) {
            throw new ForbiddenException("only an operator changes an operator's account (its role, status,"
                    + " sessions or sign-in links)");
        }
    }

    /**
     * Applies {@code how} to the staff member (returning it unchanged writes nothing). A change that leaves the
     * reseller without an active owner, or the platform's reseller without an active operator account, is a 409; one
     * that takes such an account away is written on condition that the other active one of its role it relies on is
     * unchanged (one transaction), so two owners (or operators) demoting or disabling each other at once cannot leave
     * none. A lost race is read and decided again.
     */
    private StaffMember changeKeepingAnOwner(String resellerId, String staffId, UnaryOperator<StaffMember> how) {
        for (int attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
            List<StaffMember> all = staff.list(resellerId);
            StaffMember member = all.stream().filter(m -> m.staffId().equals(staffId)).findFirst()
                    .orElseThrow(() -> new NotFoundException("Staff member", staffId));
            StaffMember changed = how.apply(member);
            if (changed == member) {
                return member;
            }
            boolean written;
            StaffRole kept = member.role();
            if (KEPT_ROLES.contains(kept) && activeAs(member, kept) && !activeAs(changed, kept)) {
                StaffMember other = all.stream().filter(m -> activeAs(m, kept) && !m.staffId().equals(staffId))
                        .findFirst().orElseThrow(() -> new ConflictException(kept == StaffRole.OWNER
                                ? "this is the reseller's last active owner: make someone else owner first"
                                : "this is the platform's last active operator account: make someone else operator first"));
                written = staff.update(member, changed, other);
            } else {
                written = staff.update(member, changed);
            }
            if (written) {
                return changed;
            }
        }
        throw new ConflictException("the staff kept changing; try again");
    }

    private static boolean activeAs(StaffMember member, StaffRole role) {
        return member.role() == role && member.isActive();
    }

    /** {@code mayMakeOperators}: whether the account may be an OPERATOR (the platform's own reseller, by an operator). */
    public StaffMember create(String resellerId, NewStaff request, boolean mayMakeOperators) {
        Validation v = new Validation();
        v.addAll(request.inputErrors());
        if (!v.hasErrorFor("email") && v.notBlank(request.email(), "email")) {
            v.check(StaffMember.isEmail(request.email()), "email", "must be an email address");
        }
        if (!v.hasErrorFor("name")) {
            v.text(request.name(), "name", StaffMember.MAX_NAME_LENGTH);
        }
        checkRole(request.role(), mayMakeOperators, v);
        if (!v.hasErrorFor("password")) {
            StaffSignIn.checkPassword(request.password(), "password", v);
        }
        v.throwIfInvalid();
        StaffMember member = StaffMember.create(resellerId, StaffMember.normalEmail(request.email()), request.name(),
                request.role(), passwords.hash(request.password()), clock);
        staff.create(member);
        return member;
    }

    /**
     * Disabled by {@code by}; the operator's disabling is marked, so the reseller's owner cannot enable it again
     * ({@link #enable}).
     */
    public StaffMember disable(Caller by, String resellerId, String staffId) {
        if (by.staff().map(StaffMember::staffId).filter(staffId::equals).isPresent()) {
            throw new ConflictException("you cannot disable your own account");
        }
        // Its sessions end on their next request (a disabled account's sessions are not valid); their items expire.
        return changeKeepingAnOwner(resellerId, staffId, m -> {
            checkMayChange(by, m);
            return m.disabled(by.isOperator());
        });
    }

    /** Enabled again by {@code by}; an account the operator disabled only by the operator (409 for anyone else). */
    public StaffMember enable(Caller by, String resellerId, String staffId) {
        return signIn.change(resellerId, staffId, m -> {
            checkMayChange(by, m);
            if (m.disabledByOperator() && !by.isOperator()) {
                throw new ConflictException("the platform's operator disabled this account: only the operator enables"
                        + " it again");
            }
            return m.enabled();
        });
    }

    /** Every session of the account ended by {@code by}. */
    public StaffMember revokeSessions(Caller by, String resellerId, String staffId) {
        // The new session epoch ends every older session on its next request; their items expire (TTL).
        return signIn.change(resellerId, staffId, m -> {
            checkMayChange(by, m);
            return m.sessionsRevoked();
        });
    }

    /** A one-time sign-in link for the account, made by {@code by} ({@link StaffSignIn#issueLink}); 404 if there is none. */
    public StaffSignIn.IssuedLink issueLink(Caller by, String resellerId, String staffId) {
        StaffMember member = staff.find(resellerId, staffId).orElseThrow(() -> new NotFoundException("Staff member", staffId));
        checkMayChange(by, member);
        return signIn.issueLink(member);
    }
}
