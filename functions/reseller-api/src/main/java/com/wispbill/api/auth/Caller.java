package com.wispbill.api.auth;

import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.Reseller;

/** Who is calling: the key (by id, never its secret), its role, and the reseller it belongs to. */
public record Caller(String keyId, ApiKeyRole role, Reseller reseller) {
    public String resellerId() {
        return reseller.id();
    }

    public boolean isOperator() {
        return role == ApiKeyRole.OPERATOR;
    }
}
