package com.wispbill.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared test values: a Nairobi reseller selling a 24-hour KES 50 plan. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-22T14:05:00Z");
    static final Clock CLOCK = clockAt(NOW);
    static final String RESELLER = "reseller-a";
    static final ResellerCalendar NAIROBI = ResellerCalendar.of("Africa/Nairobi");

    private Fixtures() {
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static Clock clockAt(String instant) {
        return clockAt(Instant.parse(instant));
    }

    static Plan.Builder dailyPlan() {
        return Plan.builder().id("plan-daily").resellerId(RESELLER).name("Daily 24h")
                .price(Money.of(5000, "KES")).validity(Duration.ofHours(24)).rateLimit("2M/5M").sharedUsers(1)
                .createdAt(NOW);
    }
}
