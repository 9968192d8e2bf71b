package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** EventBridge rate/cron/at expressions (no servers). */
class ScheduleExpressionTest {

    private static Instant next(String expression, String after) {
        return ScheduleExpression.parse(expression, ZoneOffset.UTC).nextAfter(Instant.parse(after)).orElseThrow();
    }

    @Test
    void ratesFireOnePeriodLater() {
        assertEquals(Instant.parse("2025-03-01T10:01:00Z"), next("rate(1 minute)", "2025-03-01T10:00:00Z"));
        assertEquals(Instant.parse("2025-03-01T10:05:30Z"), next("rate(5 minutes)", "2025-03-01T10:00:30Z"));
        assertEquals(Instant.parse("2025-03-02T10:00:00Z"), next("rate(1 day)", "2025-03-01T10:00:00Z"));
        assertThrows(StackException.class, () -> ScheduleExpression.parse("rate(0 minutes)", ZoneOffset.UTC));
    }

    @Test
    void cronSupportsListsRangesIncrementsAndNames() {
        assertEquals(Instant.parse("2025-03-01T10:05:00Z"), next("cron(0/5 * * * ? *)", "2025-03-01T10:00:00Z"));
        assertEquals(Instant.parse("2025-03-01T10:05:00Z"), next("cron(0/5 * * * ? *)", "2025-03-01T10:04:59Z"));
        assertEquals(Instant.parse("2025-03-01T12:00:00Z"), next("cron(0 12 * * ? *)", "2025-03-01T10:00:00Z"));
        assertEquals(Instant.parse("2025-03-02T12:00:00Z"), next("cron(0 12 * * ? *)", "2025-03-01T12:00:00Z"));
        // 2025-03-01 is a Saturday: next weekday 08:15 is Monday the 3rd.
        assertEquals(Instant.parse("2025-03-03T08:15:00Z"), next("cron(15 8 ? * MON-FRI *)", "2025-03-01T09:00:00Z"));
        assertEquals(Instant.parse("2025-03-02T08:15:00Z"), next("cron(15 8 ? * 1 *)", "2025-03-01T09:00:00Z"), "1 = Sunday");
        assertEquals(Instant.parse("2025-04-01T00:00:00Z"), next("cron(0 0 1 APR,OCT ? *)", "2025-03-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), next("cron(0 0 1 1 ? 2026-2030)", "2025-03-01T00:00:00Z"));
    }

    @Test
    void cronSupportsLastNearestWeekdayAndNthWeekday() {
        assertEquals(Instant.parse("2025-02-28T23:00:00Z"), next("cron(0 23 L * ? *)", "2025-02-01T00:00:00Z"));
        // The 15th of March 2025 is a Saturday: W moves it to Friday the 14th.
        assertEquals(Instant.parse("2025-03-14T09:00:00Z"), next("cron(0 9 15W * ? *)", "2025-03-01T00:00:00Z"));
        // Last weekday of May 2025: the 31st is a Saturday, so Friday the 30th.
        assertEquals(Instant.parse("2025-05-30T09:00:00Z"), next("cron(0 9 LW * ? *)", "2025-05-01T00:00:00Z"));
        // Last Friday of March 2025 is the 28th; third Monday is the 17th.
        assertEquals(Instant.parse("2025-03-28T09:00:00Z"), next("cron(0 9 ? * 6L *)", "2025-03-01T00:00:00Z"));
        assertEquals(Instant.parse("2025-03-17T09:00:00Z"), next("cron(0 9 ? * MON#3 *)", "2025-03-01T00:00:00Z"));
    }

    @Test
    void cronRunsInTheScheduleTimeZone() {
        ScheduleExpression nairobi = ScheduleExpression.parse("cron(30 2 * * ? *)", ZoneId.of("Africa/Nairobi"));
        assertEquals(Optional.of(Instant.parse("2025-03-01T23:30:00Z")), nairobi.nextAfter(Instant.parse("2025-03-01T12:00:00Z")));
    }

    @Test
    void oneTimeSchedulesFireOnce() {
        ScheduleExpression at = ScheduleExpression.parse("at(2030-01-01T09:00:00)", ZoneOffset.UTC);
        assertEquals(Optional.of(Instant.parse("2030-01-01T09:00:00Z")), at.nextAfter(Instant.parse("2029-12-31T00:00:00Z")));
        assertTrue(at.nextAfter(Instant.parse("2030-01-01T09:00:00Z")).isEmpty());
    }

    @Test
    void rejectsInvalidExpressions() {
        for (String invalid : new String[] {"cron(0 12 * * * *)", "cron(0 12 ? * ? *)", "cron(0 12 * *)", "cron(61 * * * ? *)",
                "cron(0 0 ? * 8 *)", "rate(5 weeks)", "every 5 minutes"}) {
            assertThrows(StackException.class, () -> ScheduleExpression.parse(invalid, ZoneOffset.UTC), invalid);
        }
    }
}
