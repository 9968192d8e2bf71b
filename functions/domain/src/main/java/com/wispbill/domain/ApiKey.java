package com.wispbill.domain;

import java.time.Instant;

/**
 * A stored API key. Only the SHA-256 of the secret is kept ({@code keyHash}, lowercase hex); the
 * secret itself is shown once at creation. {@code visiblePrefix} is the first characters of the
 * secret, shown in listings so people can tell their keys apart. The tenant is always taken from
 * here, never from the request.
 */
public record ApiKey(
        String keyId,
        String resellerId,
        ApiKeyRole role,
        String visiblePrefix,
        String keyHash,
        ApiKeyStatus status,
        Instant createdAt) {

    public ApiKey {
        Validation v = new Validation();
        v.id(keyId, "keyId");
        v.id(resellerId, "resellerId");
        v.notNull(role, "role");
        if (v.notBlank(visiblePrefix, "visiblePrefix")) {
            v.check(visiblePrefix.length() <= ApiKeys.VISIBLE_PREFIX_LENGTH, "visiblePrefix", "is too long");
        }
        if (v.notBlank(keyHash, "keyHash")) {
            v.check(keyHash.matches("[0-9a-f]{64}"), "keyHash", "must be a lowercase hex SHA-256");
        }
        v.notNull(status, "status");
        v.notNull(createdAt, "createdAt");
        v.throwIfInvalid();
    }

    public boolean isActive() {
        return status == ApiKeyStatus.ACTIVE;
    }

    public ApiKey revoked() {
        return new ApiKey(keyId, resellerId, role, visiblePrefix, keyHash, ApiKeyStatus.REVOKED, createdAt);
    }
}
