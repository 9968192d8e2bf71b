package com.wispbill.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * A reseller's calendar: which local day an instant falls on and where local days begin and end, in
 * the reseller's IANA time zone. Reports ("today's sales"), ledger days and calendar validity ("valid
 * until the end of the day") all go through here, so DST is handled in one place.
 *
 * <p>Days are half-open: a day runs from {@link #startOf} (inclusive) to {@link #endOf} (exclusive),
 * and {@code endOf(d) == startOf(d + 1)}. "End of day" expiries use that exclusive end, the first
 * instant of the next local day, never 23:59:59.999: there is no gap a session could fall into, and
 * something expiring at {@code T} is valid while {@code now < T}. On DST change days a local day is 23
 * or 25 hours long; where a zone skips midnight itself, the day starts at the first valid local time.
 */
public record ResellerCalendar(ZoneId zone) {
    private static final DateTimeFormatter PEOPLE_TIME = DateTimeFormatter.ofPattern("d MMM uuuu HH:mm", Locale.ROOT);

    public ResellerCalendar {
        Objects.requireNonNull(zone, "zone");
    }

    public static ResellerCalendar of(String zoneId) {
        return new ResellerCalendar(Reseller.parseZone(zoneId));
    }

    /** A local time for people (SMS, pages), e.g. "22 Nov 2026 17:05". */
    public String localTime(Instant instant) {
        return PEOPLE_TIME.format(instant.atZone(zone));
    }

    /** The local date in this zone at {@code instant}. */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** Today, as the reseller sees it. */
    public LocalDate today(Clock clock) {
        return dateOf(clock.instant());
    }

    /** First instant of {@code date} in this zone. */
    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    /** Exclusive end of {@code date}: the first instant of the next local day. */
    public Instant endOf(LocalDate date) {
        return startOf(date.plusDays(1));
    }

    /** Real length of a local day: 24 h, or 23 h / 25 h on DST change days. */
    public Duration lengthOf(LocalDate date) {
        return Duration.between(startOf(date), endOf(date));
    }

    /**
     * Expiry for "valid until the end of day {@code days}" counted from {@code start}: day 1 is the
     * local day containing {@code start}, so {@code days = 1} expires at the end of that same day and
     * {@code days = 7} at the end of the sixth day after it.
     */
    public Instant endOfDay(Instant start, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        return endOf(dateOf(start).plusDays(days - 1L));
    }
}
