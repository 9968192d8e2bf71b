package com.wispbill.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a plan lasts once it starts: a fixed duration ("24 hours", "30 days"), calendar days in the
 * reseller's zone ("until the end of today", "until the end of day 7") or calendar months in the reseller's
 * zone ("monthly": the same day of the month, the month's last day where it has no such day).
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

    /**
     * {@code months} calendar months in the reseller's zone: from the 15th at 10:00 to the 15th at 10:00; from
     * 31 January to the last day of February. Renewals keep the subscription's day of the month
     * ({@link #renewedUntil}), so 31 January → 28 February → 31 March, never drifting to the 28th.
     */
    record Monthly(int months) implements Validity {
        public Monthly {
            if (months < 1 || months > MAX.toDays() / 31) {
                throw new ValidationException("validity", "must be 1 to " + MAX.toDays() / 31 + " months");
            }
        }

        @Override
        public Instant expiresAt(Instant start, ResellerCalendar calendar) {
            return start.atZone(calendar.zone()).plusMonths(months).toInstant();
        }

        /**
         * The end of the period that follows one ending at {@code base}, on {@code anchor}'s day of the month
         * (clamped to the month's length) at {@code base}'s local time.
         */
        public Instant renewedUntil(Instant anchor, Instant base, ResellerCalendar calendar) {
            int anchorDay = anchor.atZone(calendar.zone()).getDayOfMonth();
            java.time.ZonedDateTime next = base.atZone(calendar.zone()).plusMonths(months);
            return next.withDayOfMonth(Math.min(anchorDay, next.toLocalDate().lengthOfMonth())).toInstant();
        }
    }
}
