package com.wispbill.api.auth;

import com.wispbill.domain.ApiKey;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.staff.StaffMember;
import com.wispbill.domain.staff.StaffRole;
import com.wispbill.domain.staff.StaffSession;
import java.util.Optional;

/**
 * Who is calling: an API key (by id, never its secret) or a signed-in staff member with its session; the role
 * that decides which routes it reaches ({@link com.wispbill.api.http.RoleTable}); and the reseller it belongs to.
 * {@code principalId} names the caller for the rate limit: the key id, or {@code staff-<staffId>}.
 */
public record Caller(String principalId, StaffRole role, Reseller reseller, Optional<String> keyId,
                     Optional<StaffMember> staff, Optional<StaffSession> session) {

    /** An API key: a reseller's acts as its owner, an operator's as the operator. */
    public static Caller ofKey(ApiKey key, Reseller reseller) {
        StaffRole role = key.role() == ApiKeyRole.OPERATOR ? StaffRole.OPERATOR : StaffRole.OWNER;
        return new Caller(key.keyId(), role, reseller, Optional.of(key.keyId()), Optional.empty(), Optional.empty());
    }

    public static Caller ofSession(StaffMember staff, StaffSession session, Reseller reseller) {
        return new Caller("staff-" + staff.staffId(), staff.role(), reseller, Optional.empty(), Optional.of(staff),
                Optional.of(session));
    }

    public String resellerId() {
        return reseller.id();
    }

    public boolean isOperator() {
        return role == StaffRole.OPERATOR;
    }
}
