package com.wispbill.domain.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A one-time sign-in link for a staff member (invitation, the local run's console URL); only its hash is stored.
 * {@code issuedForRole} is the member's role when the link was made: who may issue a link depends on that role
 * (only an operator for an operator's account), so a link is good only while the role is still the same
 * ({@link #stillFor}); a link stored without it (made before it was recorded) is good for none.
 */
public record SignInLink(String tokenHash, String resellerId, String staffId, Optional<StaffRole> issuedForRole, Instant createdAt,
                         Instant expiresAt) {
    public static final Duration VALID_FOR = Duration.ofMinutes(15);

    /** Whether the link still signs {@code member} in: the member it was made for, with the role it was made for. */
    public boolean stillFor(StaffMember member) {
        return member.resellerId().equals(resellerId) && member.staffId().equals(staffId)
                && issuedForRole.equals(Optional.of(member.role()));
    }
}
