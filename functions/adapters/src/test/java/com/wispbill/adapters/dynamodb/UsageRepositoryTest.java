package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wispbill.adapters.repository.UsageRepository.DailyUsage;
import com.wispbill.domain.ValidationException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageRepositoryTest extends StoreTestSupport {

    @Test
    void dailyCountersAddUpAtomically() {
        LocalDate day = LocalDate.parse("2026-11-22");
        store.usage().addSubscriberUsage(A, "jane", day, 100, 1_000);
        assertEquals(new DailyUsage(day, 150, 3_000), store.usage().addSubscriberUsage(A, "jane", day, 50, 2_000));
        store.usage().addSubscriberUsage(A, "jane", day.plusDays(1), 1, 2);
        store.usage().addSubscriberUsage(A, "otto", day, 7, 7);
        assertEquals(List.of(new DailyUsage(day, 150, 3_000), new DailyUsage(day.plusDays(1), 1, 2)),
                store.usage().subscriberUsage(A, "jane", day, day.plusDays(5)));
        assertEquals(List.of(), store.usage().subscriberUsage(B, "jane", day, day));

        store.usage().addResellerBandwidth(A, day, 10, 20);
        DailyUsage total = store.usage().addResellerBandwidth(A, day, 5, 5);
        assertEquals(40, total.totalBytes());
        assertEquals(List.of(total), store.usage().resellerBandwidth(A, day.minusDays(1), day));
    }

    @Test
    void quotaUsageAccumulatesPerPeriod() {
        assertEquals(500, store.usage().addQuotaUsage(A, "jane", "sub-1@2026-12-22", 500));
        assertEquals(1_500, store.usage().addQuotaUsage(A, "jane", "sub-1@2026-12-22", 1_000));
        assertEquals(10, store.usage().addQuotaUsage(A, "jane", "sub-1@2027-01-21", 10));
    }

    @Test
    void badInputFailsBeforeWriting() {
        LocalDate day = LocalDate.parse("2026-11-22");
        assertThrows(ValidationException.class, () -> store.usage().addSubscriberUsage(A, "jane", day, -1, 0));
        assertThrows(ValidationException.class, () -> store.usage().addSubscriberUsage(A, "bad name", day, 1, 0));
        assertThrows(ValidationException.class, () -> store.usage().addResellerBandwidth("bad#id", day, 1, 0));
        assertThrows(ValidationException.class, () -> store.usage().subscriberUsage(A, "jane", day, day.minusDays(1)));
        assertEquals(List.of(), store.usage().subscriberUsage(A, "jane", day, day));
    }
}
