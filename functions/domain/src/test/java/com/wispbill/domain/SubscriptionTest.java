package com.wispbill.domain;

import static com.wispbill.domain.Fixtures.NAIROBI;
import static com.wispbill.domain.Fixtures.RESELLER;
import static com.wispbill.domain.Fixtures.clockAt;
import static com.wispbill.domain.Fixtures.dailyPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubscriptionTest {

    private final Plan daily = dailyPlan().build();

    private Subscription subscription(String start, String expires, SubscriptionStatus status) {
        return new Subscription("sub-1", RESELLER, "cust-1", daily.id(), "router-1", SubscriptionKind.PPPOE, "jane",
                Instant.parse(start), Instant.parse(expires), status);
    }

    @Test
    void startsNowForThePlansValidity() {
        Subscription s = Subscription.start(RESELLER, "cust-1", daily, "router-1", SubscriptionKind.HOTSPOT, "jane",
                NAIROBI, Fixtures.CLOCK);
        assertEquals(Fixtures.NOW, s.startsAt());
        assertEquals(Fixtures.NOW.plus(Duration.ofHours(24)), s.expiresAt());
        assertEquals(SubscriptionStatus.ACTIVE, s.status());
        assertThrows(ValidationException.class, () -> Subscription.start(RESELLER, "cust-1", daily.deactivated(),
                "router-1", SubscriptionKind.HOTSPOT, "jane", NAIROBI, Fixtures.CLOCK));
    }

    @Test
    void earlyRenewalAddsToTheRemainingTime() {
        Subscription s = subscription("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z", SubscriptionStatus.ACTIVE);
        Subscription renewed = s.extend(Duration.ofDays(30), clockAt("2026-11-20T00:00:00Z"));
        assertEquals(Instant.parse("2026-12-25T00:00:00Z"), renewed.expiresAt());
        assertEquals(s.startsAt(), renewed.startsAt());
    }

    @Test
    void lateRenewalStartsFromNowAndRevives() {
        Subscription s = subscription("2026-11-01T00:00:00Z", "2026-11-10T00:00:00Z", SubscriptionStatus.EXPIRED);
        Subscription renewed = s.extend(Duration.ofDays(30), clockAt("2026-11-20T12:00:00Z"));
        assertEquals(Instant.parse("2026-12-20T12:00:00Z"), renewed.expiresAt());
        assertEquals(SubscriptionStatus.ACTIVE, renewed.status());
        Subscription suspended = subscription("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z",
                SubscriptionStatus.SUSPENDED_QUOTA);
        assertEquals(SubscriptionStatus.ACTIVE, suspended.extend(daily, NAIROBI, clockAt("2026-11-20T00:00:00Z")).status());
    }

    @Test
    void calendarPlanRenewalCountsDaysFromTheCurrentExpiry() {
        Plan week = dailyPlan().id("plan-week").validityUntilEndOfDay(7).build();
        // Current expiry: end of 22 Nov Nairobi (21:00 UTC). Renewing a day early adds 7 whole local days.
        Subscription s = subscription("2026-11-01T00:00:00Z", "2026-11-22T21:00:00Z", SubscriptionStatus.ACTIVE);
        Subscription renewed = s.extend(week, NAIROBI, clockAt("2026-11-21T10:00:00Z"));
        assertEquals(Instant.parse("2026-11-29T21:00:00Z"), renewed.expiresAt());
        assertEquals("plan-week", renewed.planId());
    }

    @Test
    void cancelledCannotBeExtendedAndOtherResellersPlansDoNotExist() {
        Subscription cancelled = subscription("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z", SubscriptionStatus.CANCELLED);
        assertThrows(IllegalStateTransitionException.class, () -> cancelled.extend(Duration.ofDays(1), Fixtures.CLOCK));
        Subscription s = subscription("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z", SubscriptionStatus.ACTIVE);
        Plan foreign = dailyPlan().resellerId("reseller-b").build();
        assertThrows(NotFoundException.class, () -> s.extend(foreign, NAIROBI, Fixtures.CLOCK));
        assertThrows(ValidationException.class, () -> s.extend(Duration.ZERO, Fixtures.CLOCK));
    }

    @Test
    void expiresOnlyWhenDue() {
        Subscription s = subscription("2026-11-01T00:00:00Z", "2026-11-22T14:00:00Z", SubscriptionStatus.ACTIVE);
        assertThrows(ConflictException.class, () -> s.expire(clockAt("2026-11-22T13:59:59Z")));
        assertEquals(SubscriptionStatus.EXPIRED, s.expire(clockAt("2026-11-22T14:00:00Z")).status());
        assertTrue(s.isDue(Instant.parse("2026-11-22T14:00:00Z")));
        assertFalse(s.cancel().isDue(Instant.parse("2026-11-23T00:00:00Z")));
    }

    @Test
    void statusTransitions() {
        Subscription s = subscription("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z", SubscriptionStatus.ACTIVE);
        assertEquals(SubscriptionStatus.SUSPENDED_QUOTA, s.suspendForQuota().status());
        assertThrows(IllegalStateTransitionException.class, () -> s.suspendForQuota().suspendForQuota());
        assertThrows(IllegalStateTransitionException.class, () -> s.cancel().cancel());
    }

    @ParameterizedTest
    @EnumSource(SubscriptionStatus.class)
    void transitionTableMatchesCanTransitionTo(SubscriptionStatus from) {
        for (SubscriptionStatus to : SubscriptionStatus.values()) {
            if (from.canTransitionTo(to)) {
                assertEquals(to, from.transitionTo(to));
            } else {
                assertThrows(IllegalStateTransitionException.class, () -> from.transitionTo(to));
            }
        }
        assertFalse(from.canTransitionTo(from), "no self transitions");
    }

    @Test
    void validation() {
        var e = assertThrows(ValidationException.class, () -> new Subscription("sub-1", RESELLER, "cust-1", "plan",
                "router", null, "bad name", Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"), null));
        assertTrue(e.hasErrorFor("kind"));
        assertTrue(e.hasErrorFor("username"));
        assertTrue(e.hasErrorFor("expiresAt"));
        assertTrue(e.hasErrorFor("status"));
        assertFalse(Subscription.isValidUsername("a#b"));
    }
}
