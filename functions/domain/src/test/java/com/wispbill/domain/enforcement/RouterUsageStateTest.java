package com.wispbill.domain.enforcement;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterUsageStateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void aStateThatStartsAfreshNumbersItsFlushesAfterTheEarlierStatesFlushes() {
        // The counters take a router's flush only if its number is larger than the last one they took: a router whose
        // state item expired while it was away must not have its usage refused as "taken already".
        RouterUsageState before = RouterUsageState.empty();
        long earlier = 0;
        for (int i = 0; i < 50; i++) {
            earlier = before.startFlush(List.of(), u -> Optional.empty(), T0.plusSeconds(i)).sequence();
            before.flushed();
        }
        RouterUsageState afresh = RouterUsageState.empty();
        long later = afresh.startFlush(List.of(), u -> Optional.empty(), T0.plus(Duration.ofDays(3))).sequence();
        assertTrue(later > earlier, later + " after " + earlier);
    }

    @Test
    void flushesInTheSameMillisecondStillGrow() {
        RouterUsageState state = RouterUsageState.empty();
        long first = state.startFlush(List.of(), u -> Optional.empty(), T0).sequence();
        state.flushed();
        long second = state.startFlush(List.of(), u -> Optional.empty(), T0).sequence();
        assertTrue(second > first);
    }
}
