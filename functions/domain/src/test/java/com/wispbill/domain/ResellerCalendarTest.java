package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResellerCalendarTest {

    private static final ResellerCalendar NAIROBI = ResellerCalendar.of("Africa/Nairobi");
    private static final ResellerCalendar BERLIN = ResellerCalendar.of("Europe/Berlin");
    private static final ResellerCalendar NEW_YORK = ResellerCalendar.of("America/New_York");

    @ParameterizedTest(name = "{0} {1}: [{2}, {3}) = {4}h")
    @CsvSource({
            // No DST: every day is 24 h at UTC+3.
            "Africa/Nairobi,   2026-03-29, 2026-03-28T21:00:00Z, 2026-03-29T21:00:00Z, 24",
            "Africa/Nairobi,   2026-11-01, 2026-10-31T21:00:00Z, 2026-11-01T21:00:00Z, 24",
            // Berlin: clocks go 02:00 -> 03:00 on 29 March, 03:00 -> 02:00 on 25 October 2026.
            "Europe/Berlin,    2026-03-29, 2026-03-28T23:00:00Z, 2026-03-29T22:00:00Z, 23",
            "Europe/Berlin,    2026-10-25, 2026-10-24T22:00:00Z, 2026-10-25T23:00:00Z, 25",
            "Europe/Berlin,    2026-07-01, 2026-06-30T22:00:00Z, 2026-07-01T22:00:00Z, 24",
            // New York: 8 March and 1 November 2026.
            "America/New_York, 2026-03-08, 2026-03-08T05:00:00Z, 2026-03-09T04:00:00Z, 23",
            "America/New_York, 2026-11-01, 2026-11-01T04:00:00Z, 2026-11-02T05:00:00Z, 25",
    })
    void dayBoundariesFollowTheZoneRules(String zone, LocalDate date, Instant start, Instant end, int hours) {
        ResellerCalendar calendar = ResellerCalendar.of(zone);
        assertEquals(start, calendar.startOf(date));
        assertEquals(end, calendar.endOf(date));
        assertEquals(Duration.ofHours(hours), calendar.lengthOf(date));
        assertEquals(calendar.startOf(date.plusDays(1)), calendar.endOf(date), "days are contiguous");
        assertEquals(date, calendar.dateOf(start));
        assertEquals(date, calendar.dateOf(end.minusNanos(1)));
        assertEquals(date.plusDays(1), calendar.dateOf(end));
    }

    @Test
    void todayIsTheResellersLocalDate() {
        // 22:30 UTC on 31 Oct is already 1 Nov in Nairobi, still 31 Oct in New York.
        Clock clock = Clock.fixed(Instant.parse("2026-10-31T22:30:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.parse("2026-11-01"), NAIROBI.today(clock));
        assertEquals(LocalDate.parse("2026-10-31"), NEW_YORK.today(clock));
        assertEquals(LocalDate.parse("2026-10-31"), BERLIN.today(clock));
        // Around the New York fall-back hour: 01:30 happens twice, both on 1 November.
        assertEquals(LocalDate.parse("2026-11-01"), NEW_YORK.dateOf(Instant.parse("2026-11-01T05:30:00Z")));
        assertEquals(LocalDate.parse("2026-11-01"), NEW_YORK.dateOf(Instant.parse("2026-11-01T06:30:00Z")));
        assertEquals(LocalDate.parse("2026-10-31"), NEW_YORK.dateOf(Instant.parse("2026-11-01T03:59:59Z")));
    }

    @Test
    void endOfDayNCountsTheStartDayAsDayOne() {
        // Bought 21:00 local on 28 March in Berlin; the night after is the spring-forward night.
        Instant bought = Instant.parse("2026-03-28T20:00:00Z");
        assertEquals(Instant.parse("2026-03-28T23:00:00Z"), BERLIN.endOfDay(bought, 1), "midnight CET");
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), BERLIN.endOfDay(bought, 2), "midnight CEST");
        assertEquals(Instant.parse("2026-04-03T22:00:00Z"), BERLIN.endOfDay(bought, 7));
        // New York fall-back: a 1-day plan bought at 23:00 EDT on 31 Oct ends at the next local midnight.
        Instant nyBought = Instant.parse("2026-11-01T03:00:00Z");
        assertEquals(Instant.parse("2026-11-01T04:00:00Z"), NEW_YORK.endOfDay(nyBought, 1));
        assertEquals(Instant.parse("2026-11-02T05:00:00Z"), NEW_YORK.endOfDay(nyBought, 2));
        // Nairobi: always 21:00 UTC.
        assertEquals(Instant.parse("2026-03-29T21:00:00Z"), NAIROBI.endOfDay(Instant.parse("2026-03-29T05:00:00Z"), 1));
        assertThrows(IllegalArgumentException.class, () -> NAIROBI.endOfDay(bought, 0));
    }

    @Test
    void calendarValidityDiffersFromFixedHoursAcrossDst() {
        Instant bought = Instant.parse("2026-03-28T20:00:00Z");
        assertEquals(Instant.parse("2026-03-30T20:00:00Z"), new Validity.Fixed(Duration.ofHours(48)).expiresAt(bought, BERLIN));
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), new Validity.UntilEndOfDay(2).expiresAt(bought, BERLIN));
    }

    @Test
    void dayStartsAtTheFirstValidTimeWhenMidnightIsSkipped() {
        // Sao Paulo started DST at midnight on 4 Nov 2018: the day began at 01:00 local (-02:00).
        ResellerCalendar saoPaulo = ResellerCalendar.of("America/Sao_Paulo");
        assertEquals(Instant.parse("2018-11-04T03:00:00Z"), saoPaulo.startOf(LocalDate.parse("2018-11-04")));
        assertEquals(Duration.ofHours(23), saoPaulo.lengthOf(LocalDate.parse("2018-11-04")));
    }

    @Test
    void rejectsBadZones() {
        assertThrows(ValidationException.class, () -> ResellerCalendar.of("Mars/Olympus"));
        assertThrows(ValidationException.class, () -> ResellerCalendar.of(" "));
        assertThrows(NullPointerException.class, () -> new ResellerCalendar(null));
    }
}
