package com.wispbill.adapters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Values read once per key and kept for {@code ttl} in the warm execution environment, so what rarely
 * changes (settings, secrets: {@code CachedSecrets}) is not read for every message or request. Bounded (oldest first out); a load that throws is not
 * kept. Thread-safe; two threads missing the same key may both load it.
 */
public final class ExpiringCache<K, V> {
    private record Entry<V>(V value, Instant until) {
    }

    private final Duration ttl;
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>();

    public ExpiringCache(Duration ttl, int capacity, Clock clock) {
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** {@code key}'s value, loaded by {@code load} when not kept or older than the TTL. */
    public V get(K key, Function<K, V> load) {
        if (ttl.isZero()) {
            return load.apply(key);
        }
        synchronized (this) {
            Entry<V> entry = entries.get(key);
            if (entry != null && clock.instant().isBefore(entry.until())) {
                return entry.value();
            }
        }
        V value = load.apply(key);
        synchronized (this) {
            entries.remove(key);
            entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
            for (Iterator<Map.Entry<K, Entry<V>>> oldest = entries.entrySet().iterator();
                 entries.size() > capacity && oldest.hasNext(); ) {
                oldest.next();
                oldest.remove();
            }
        }
        return value;
    }

    /** The next {@link #get} of {@code key} loads it again. */
    public synchronized void forget(K key) {
        entries.remove(key);
    }
}
