package com.wispbill.adapters.aws;

import com.wispbill.adapters.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Secret strings read through {@link SecretsManagerApi} and kept for a fixed time per name (what Powertools parameters
 * did for us): a burst of requests costs one GetSecretValue per secret and TTL. Only values are kept; a missing secret
 * is an {@link AwsCallException} each time (callers that must remember misses do so themselves). The keeping is
 * {@link ExpiringCache}'s, bounded.
 */
public final class CachedSecrets {
    /** Secret names kept at most (oldest first out): one per reseller and provider, or per router. */
    static final int CAPACITY = 10_000;

    private final SecretsManagerApi secrets;
    private final ExpiringCache<String, Optional<String>> cache;

    public CachedSecrets(SecretsManagerApi secrets, Duration ttl, Clock clock) {
        this.secrets = secrets;
        this.cache = new ExpiringCache<>(ttl, CAPACITY, clock);
    }

    /** The current value of {@code name} (empty: a binary secret), from the cache while fresh. */
    public Optional<String> get(String name) {
        return cache.get(name, n -> secrets.getSecretValue(n).value());
    }

    /** The next {@link #get} of {@code name} reads Secrets Manager again. */
    public void forget(String name) {
        cache.forget(name);
    }
}
