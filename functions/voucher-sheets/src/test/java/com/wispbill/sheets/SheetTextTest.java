package com.wispbill.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wispbill.domain.DataSize;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Validity;
import com.wispbill.domain.ValidityStart;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SheetTextTest {
    @Test
    void wordsDurationsAndValidity() {
        assertEquals("24 hours from first login", SheetText.validity(new Validity.Fixed(Duration.ofHours(24)),
                ValidityStart.AT_FIRST_USE));
        assertEquals("30 days from purchase", SheetText.validity(new Validity.Fixed(Duration.ofDays(30)), ValidityStart.AT_SALE));
        assertEquals("36 hours", SheetText.duration(Duration.ofHours(36)));
        assertEquals("3 days 12 hours", SheetText.duration(Duration.ofHours(84)));
        assertEquals("1 hour 30 minutes", SheetText.duration(Duration.ofMinutes(90)));
        assertEquals("until the end of the day from purchase", SheetText.validity(new Validity.UntilEndOfDay(1),
                ValidityStart.AT_SALE));
        assertEquals("until the end of day 7 from first login", SheetText.validity(new Validity.UntilEndOfDay(7),
                ValidityStart.AT_FIRST_USE));
    }

    @Test
    void planTextIncludesItsCapsAndPrice() {
        Plan plan = Plan.builder().id("p").resellerId("r").name("Weekly").price(Money.of(123450, "KES"))
                .validity(Duration.ofDays(7)).validityStart(ValidityStart.AT_FIRST_USE).timeLimit(Duration.ofHours(10))
                .dataLimit(DataSize.ofGigabytes(5)).createdAt(Instant.parse("2026-11-22T14:05:00Z")).build();
        assertEquals("7 days from first login, 10 hours online, 5 GB", SheetText.validity(plan));
        assertEquals("KES 1,234.50", SheetText.price(plan.price()));
    }
}
