package com.wispbill.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wispbill.domain.DataSize;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.ValidityStart;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SheetTextTest {
    private static Plan.Builder plan() {
        return Plan.builder().id("p").resellerId("r").name("Plan").price(Money.of(5000, "KES"))
                .createdAt(Instant.parse("2026-11-22T14:05:00Z"));
    }

    @Test
    void wordsDurations() {
        assertEquals("36 hours", SheetText.duration(Duration.ofHours(36)));
        assertEquals("3 days 12 hours", SheetText.duration(Duration.ofHours(84)));
        assertEquals("1 hour 30 minutes", SheetText.duration(Duration.ofMinutes(90)));
    }

    /** A card on a sheet is unsold: its time starts at the first login whatever the plan's start. */
    @Test
    void anUnsoldCardsValidityCountsFromFirstLoginForEveryKindOfPlan() {
        assertEquals("valid 2 hours from first login", SheetText.cardValidity(plan().validity(Duration.ofHours(2))
                .validityStart(ValidityStart.AT_FIRST_USE).build()));
        assertEquals("valid 30 days from first login", SheetText.cardValidity(plan().validity(Duration.ofDays(30))
                .validityStart(ValidityStart.AT_SALE).build()));
        assertEquals("valid until midnight on the day of first login", SheetText.cardValidity(plan()
                .validityUntilEndOfDay(1).validityStart(ValidityStart.AT_SALE).build()));
        assertEquals("valid 7 days from first login, until midnight on day 7", SheetText.cardValidity(plan()
                .validityUntilEndOfDay(7).validityStart(ValidityStart.AT_FIRST_USE).build()));
    }

    @Test
    void planTextIncludesItsCapsAndPrice() {
        Plan plan = Plan.builder().id("p").resellerId("r").name("Weekly").price(Money.of(123450, "KES"))
                .validity(Duration.ofDays(7)).validityStart(ValidityStart.AT_FIRST_USE).timeLimit(Duration.ofHours(10))
                .dataLimit(DataSize.ofGigabytes(5)).createdAt(Instant.parse("2026-11-22T14:05:00Z")).build();
        assertEquals("valid 7 days from first login, 10 hours online, 5 GB", SheetText.cardValidity(plan));
        assertEquals("KES 1,234.50", SheetText.price(plan.price()));
    }
}
