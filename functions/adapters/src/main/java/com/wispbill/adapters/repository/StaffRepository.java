package com.wispbill.adapters.repository;

import com.wispbill.domain.Reseller;
import com.wispbill.domain.staff.SignInLink;
import com.wispbill.domain.staff.StaffMember;
import com.wispbill.domain.staff.StaffSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Staff accounts (email unique across the platform), their sessions and one-time sign-in links. */
public interface StaffRepository {
    /**
     * Stores a new account and claims its email in one transaction; {@link com.wispbill.domain.ConflictException}
     * if the email is taken (also when another create of it commits at the same moment).
     */
    void create(StaffMember staff);

    /** The account with this (normalised) email, read strongly consistent. */
    Optional<StaffMember> findByEmail(String email);

    Optional<StaffMember> find(String resellerId, String staffId);

    /** The reseller's accounts, oldest first. */
    List<StaffMember> list(String resellerId);

    /**
     * Replaces {@code current} by {@code changed} if nobody changed it since it was read (same version);
     * false if somebody did (read again and decide again).
     */
    boolean update(StaffMember current, StaffMember changed);

    /**
     * {@link #update} that also moves {@code keep} to the changed account's session epoch, in one transaction: a
     * change that raises the epoch (a new password) ends every other session but not {@code keep}; the caller checks
     * that {@code keep} is of {@code current}'s epoch, the write that it still is (a revoked session is not revived).
     * False if the account changed since it was read; {@link com.wispbill.domain.ConflictException} if {@code keep}
     * was deleted or moved meanwhile.
     */
    boolean update(StaffMember current, StaffMember changed, StaffSession keep);

    /**
     * {@link #update} on condition that {@code unchanged} (another account of the reseller) is still as read, in
     * one transaction: a decision that rests on another account (there is another owner) holds when it is written.
     * False if either changed since it was read.
     */
    boolean update(StaffMember current, StaffMember changed, StaffMember unchanged);

    void createSession(StaffSession session);

    /**
     * The reseller, the staff member and the session in ONE strongly consistent read (BatchGetItem of three
     * items): what every request with a session token costs. Empty if any of the three is missing.
     */
    Optional<SessionRead> readSession(String resellerId, String staffId, String tokenHash);

    /** The three items a session request reads. */
    record SessionRead(Reseller reseller, StaffMember staff, StaffSession session) {
    }

    /** Moves the session's {@code lastSeenAt} (and its expiry for TTL cleanup) to {@code now}, if it still exists. */
    void touchSession(StaffSession session, Instant now);

    void deleteSession(StaffSession session);


    void createLink(SignInLink link);

    /** Deletes and returns the link with this hash: at most one caller ever gets it. */
    Optional<SignInLink> takeLink(String tokenHash);
}
