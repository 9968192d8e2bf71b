package com.wispbill.adapters.repository;

import com.wispbill.domain.ApiKey;
import java.util.List;
import java.util.Optional;

public interface ApiKeyRepository {
    /** Stores a newly issued key (its hash, never the secret). */
    void create(ApiKey key);

    /**
     * The key whose secret hashes to {@code keyHash} (see {@link com.wispbill.domain.ApiKeys#hash}), read
     * strongly consistent so a revocation takes effect at once. Revoked keys are returned too: the
     * caller checks {@link ApiKey#isActive()}.
     */
    Optional<ApiKey> findByHash(String keyHash);

    List<ApiKey> listForReseller(String resellerId);

    /** Revokes the reseller's key {@code keyId}; {@link com.wispbill.domain.NotFoundException} if it has no such key. */
    void revoke(String resellerId, String keyId);
}
