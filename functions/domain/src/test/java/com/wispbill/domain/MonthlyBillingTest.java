package com.wispbill.domain;

import static com.wispbill.domain.Fixtures.NAIROBI;
import static com.wispbill.domain.Fixtures.RESELLER;
import static com.wispbill.domain.Fixtures.clockAt;
import static com.wispbill.domain.Fixtures.dailyPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * Calendar-monthly periods in the reseller's zone (Africa/Nairobi, UTC+3): the same local day and time each
 * month, the month's last day where it is shorter, and renewals that keep the subscription's day instead of
 * drifting to the shortest month's.
 */
class MonthlyBillingTest {
    private final Plan monthly = dailyPlan().validityMonths(1).build();

    private static Instant nairobi(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NAIROBI.zone()).toInstant();
    }

    @Test
    void aMonthFromTheLastDayOfJanuaryEndsOnTheLastDayOfFebruaryAndRenewalsGoBackToThe31st() {
        Subscription s = Subscription.start(RESELLER, "cust-1", monthly, "router-1", SubscriptionKind.PPPOE, "jane",
                NAIROBI, clockAt(nairobi("2027-01-31T10:00:00")));
        assertEquals(nairobi("2027-02-28T10:00:00"), s.expiresAt());

        // Renewed on time (before expiry) each month: the period keeps the 31st where the month has one.
        s = s.extend(monthly, NAIROBI, clockAt(nairobi("2027-02-27T08:00:00")));
        assertEquals(nairobi("2027-03-31T10:00:00"), s.expiresAt());
        s = s.extend(monthly, NAIROBI, clockAt(nairobi("2027-03-30T08:00:00")));
        assertEquals(nairobi("2027-04-30T10:00:00"), s.expiresAt());
        s = s.extend(monthly, NAIROBI, clockAt(nairobi("2027-04-30T09:00:00")));
        assertEquals(nairobi("2027-05-31T10:00:00"), s.expiresAt());
    }

    @Test
    void aLeapYearFebruaryHas29DaysAndTheLocalMidnightIsNotUtcMidnight() {
        // 00:30 in Nairobi on 31 January is still 30 January in UTC: the month is the reseller's.
        Subscription s = Subscription.start(RESELLER, "cust-1", monthly, "router-1", SubscriptionKind.PPPOE, "jane",
                NAIROBI, clockAt(nairobi("2028-01-31T00:30:00")));
        assertEquals(Instant.parse("2028-01-30T21:30:00Z"), s.startsAt());
        assertEquals(nairobi("2028-02-29T00:30:00"), s.expiresAt());
    }

    @Test
    void aLapsedSubscriptionRenewedLateRunsAMonthFromTheRenewal() {
        Subscription s = Subscription.start(RESELLER, "cust-1", monthly, "router-1", SubscriptionKind.PPPOE, "jane",
                NAIROBI, clockAt(nairobi("2027-01-31T10:00:00")));
        Subscription expired = s.expire(clockAt(nairobi("2027-03-01T00:00:00")));
        Subscription renewed = expired.extend(monthly, NAIROBI, clockAt(nairobi("2027-03-05T18:00:00")));
        assertEquals(nairobi("2027-04-05T18:00:00"), renewed.expiresAt());
        assertEquals(nairobi("2027-03-05T18:00:00"), renewed.startsAt(), "the next renewals keep the 5th");
        assertEquals(SubscriptionStatus.ACTIVE, renewed.status());
        assertEquals(nairobi("2027-05-05T18:00:00"),
                renewed.extend(monthly, NAIROBI, clockAt(nairobi("2027-04-01T00:00:00"))).expiresAt());
    }

    @Test
    void quarterlyIsThreeCalendarMonthsAndNonsenseIsRefused() {
        Plan quarterly = dailyPlan().validityMonths(3).build();
        Subscription s = Subscription.start(RESELLER, "cust-1", quarterly, "router-1", SubscriptionKind.HOTSPOT, "jane",
                NAIROBI, clockAt(nairobi("2026-11-30T12:00:00")));
        assertEquals(nairobi("2027-02-28T12:00:00"), s.expiresAt());
        assertEquals(nairobi("2027-05-30T12:00:00"), s.extend(quarterly, NAIROBI, clockAt(nairobi("2027-02-01T00:00:00")))
                .expiresAt());
        assertThrows(ValidationException.class, () -> dailyPlan().validityMonths(0).build());
    }
}
