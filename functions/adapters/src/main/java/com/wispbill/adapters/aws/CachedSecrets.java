package com.wispbill.adapters.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secret strings read through {@link SecretsManagerApi} and kept for a fixed time per name (what Powertools parameters
 * did for us): a burst of requests costs one GetSecretValue per secret and TTL. Only values are kept; a missing secret
 * is an {@link AwsCallException} each time (callers that must remember misses do so themselves).
 */
public final class CachedSecrets {
    private record Entry(Optional<String> value, Instant expires) {}

    private final SecretsManagerApi secrets;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public CachedSecrets(SecretsManagerApi secrets, Duration ttl, Clock clock) {
        this.secrets = secrets;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The current value of {@code name} (empty: a binary secret), from the cache while fresh. */
    public Optional<String> get(String name) {
        Instant now = clock.instant();
        Entry cached = cache.get(name);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.value();
        }
        Optional<String> value = secrets.getSecretValue(name).value();
        cache.put(name, new Entry(value, now.plus(ttl)));
        return value;
    }

    /** The next {@link #get} of {@code name} reads Secrets Manager again. */
    public void forget(String name) {
        cache.remove(name);
    }
}
