package com.wispbill.payment.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, per execution environment, ids that were looked up and did not exist, for {@code ttl}: the
 * public routes take ids from anyone, and a made-up id must not cost a DynamoDB read or a Secrets
 * Manager call every time. Bounded (oldest forgotten first) so a flood of random ids cannot grow it.
 * Thread-safe.
 */
public final class UnknownIdCache {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Duration ttl;
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> unknownUntil = new LinkedHashMap<>();

    public UnknownIdCache(Duration ttl, int capacity, Clock clock) {
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
    }

    public synchronized boolean isKnownUnknown(String id) {
        Instant until = unknownUntil.get(id);
        if (until == null) {
            return false;
        }
        if (!clock.instant().isBefore(until)) {
            unknownUntil.remove(id);
            return false;
        }
        return true;
    }

    public synchronized void rememberUnknown(String id) {
        unknownUntil.remove(id);
        unknownUntil.put(id, clock.instant().plus(ttl));
        for (Iterator<Map.Entry<String, Instant>> oldest = unknownUntil.entrySet().iterator();
             unknownUntil.size() > capacity && oldest.hasNext(); ) {
            oldest.next();
            oldest.remove();
        }
    }

    public synchronized void forget(String id) {
        unknownUntil.remove(id);
    }
}
