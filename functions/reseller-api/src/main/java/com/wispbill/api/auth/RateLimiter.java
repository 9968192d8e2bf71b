package com.wispbill.api.auth;

import com.wispbill.adapters.repository.RequestCounter;
import com.wispbill.adapters.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Per-key rate limit over fixed windows: every request adds one to the key's counter for the current
 * window (shared by all Lambda instances through {@link RequestCounter}); past {@code limit} the
 * request is refused with 429 and {@code Retry-After}, the seconds until the window ends. Refused
 * requests count too, so a client hammering through its 429s stays limited.
 */
public final class RateLimiter {
    private final RequestCounter counter;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final String who;

    public RateLimiter(RequestCounter counter, int limit, Duration window, Clock clock) {
        this(counter, limit, window, clock, "this API key");
    }

    /** {@code who}: what is limited, as the 429 names it ("this API key", "this network"). */
    public RateLimiter(RequestCounter counter, int limit, Duration window, Clock clock, String who) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit is at least one request in a positive window");
        }
        this.counter = counter;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.who = who;
    }

    public void acquire(String keyId) {
        Instant now = clock.instant();
        RequestCounter.Window current = RequestCounter.Window.containing(now, window);
        long count = counter.increment(keyId, current);
        if (count > limit) {
            long retryAfter = current.secondsLeft(now);
            throw new ProblemException(429, "Too Many Requests", who + " may make " + limit + " requests per "
                    + window.toSeconds() + " seconds; try again in " + retryAfter + " s",
                    List.of(), Map.of("retry-after", Long.toString(retryAfter)));
        }
    }
}
