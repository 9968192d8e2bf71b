package com.wispbill.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a plan lasts once it starts: a fixed duration ("24 hours") or calendar days in the
 * reseller's zone ("until the end of today", "until the end of day 7").
 */
public sealed interface Validity {

    /** Longest validity a plan may have; longer is a typo rather than a product. */
    Duration MAX = Duration.ofDays(3660);

    /** When something that starts at {@code start} expires (exclusive: valid while {@code now < expiry}). */
    Instant expiresAt(Instant start, ResellerCalendar calendar);

    /** A fixed, positive duration, e.g. 1 hour or 30 days (30 × 24 h, regardless of DST). */
    record Fixed(Duration duration) implements Validity {
        public Fixed {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new ValidationException("validity", "must be positive");
            }
            if (duration.compareTo(MAX) > 0) {
                throw new ValidationException("validity", "must be at most " + MAX.toDays() + " days");
            }
        }

        @Override
        public Instant expiresAt(Instant start, ResellerCalendar calendar) {
            return start.plus(duration);
        }
    }

    /**
     * Until the end of local day {@code days}, counting the start day as day 1: {@code UntilEndOfDay(1)}
     * bought at 18:00 expires at the next local midnight. See {@link ResellerCalendar#endOfDay}.
     */
    record UntilEndOfDay(int days) implements Validity {
        public UntilEndOfDay {
            if (days < 1) {
                throw new ValidationException("validity", "must be at least 1 day");
            }
            if (days > MAX.toDays()) {
                throw new ValidationException("validity", "must be at most " + MAX.toDays() + " days");
            }
        }

        @Override
        public Instant expiresAt(Instant start, ResellerCalendar calendar) {
            return calendar.endOfDay(start, days);
        }
    }
}
