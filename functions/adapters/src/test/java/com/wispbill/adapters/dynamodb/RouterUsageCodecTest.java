package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.enforcement.RouterUsageState;
import com.wispbill.domain.enforcement.RouterUsageState.Owner;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageSample.SessionKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The router usage state survives its compressed form, also when it holds nothing. */
class RouterUsageCodecTest {
    private static final Instant T0 = Instant.parse("2030-11-22T09:00:00Z");

    private static RouterUsageState roundTrip(RouterUsageState state) {
        return RouterUsageCodec.decode(RouterUsageCodec.encode(state), state.newest(), state.flushSequence(),
                state.lastFlushAt());
    }

    @Test
    void anEmptyStateDecodes() {
        // All sessions ended and were dropped: the next poll must still read the item.
        RouterUsageState empty = roundTrip(RouterUsageState.empty());
        assertEquals(0, empty.cursors().size());
        assertEquals(0, empty.pending().size());
        assertEquals(Optional.empty(), empty.flushing());
    }

    @Test
    void cursorsPendingUsageFlushAndOwnersSurvive() {
        RouterUsageState state = RouterUsageState.empty();
        state.apply(new RouterUsage("rs-a", "rtr-1", T0, 1, 1, List.of(
                new RouterUsage.Session(SessionKind.HOTSPOT, "*1A", "jane", 1_000, 5_000, 60),
                new RouterUsage.Session(SessionKind.PPP, "*9", "otto", 7, 8, 9))), ResellerCalendar.of("Africa/Nairobi"));
        state.cacheOwner("jane", new Owner(Owner.Kind.SUBSCRIPTION, Optional.of("sub-1@1921"), OptionalLong.of(50_000_000),
                OptionalLong.empty(), 10, 20, T0));
        state.cacheOwner("otto", Owner.unbilled(T0));
        // Throttled: its enforcement in force, so it is written behind like everyone.
        state.cacheOwner("zawadi", new Owner(Owner.Kind.SUBSCRIPTION, Optional.of("sub-2@1921"), OptionalLong.of(50_000_000),
                OptionalLong.empty(), 60_000_000, 60, T0).asEnforced());
        state.startFlush(List.of("jane"), u -> Optional.of("sub-1@1921"), T0);

        RouterUsageState back = roundTrip(state);

        assertEquals(state.cursors(), back.cursors());
        assertEquals(state.pending(), back.pending());
        assertEquals(state.flushing(), back.flushing());
        assertEquals(state.owners(), back.owners());
        assertEquals(true, back.owner("zawadi").orElseThrow().enforced());
        assertEquals(false, back.owner("jane").orElseThrow().enforced());
        assertEquals(state.flushSequence(), back.flushSequence());
        assertEquals(state.flushing().orElseThrow().sequence(), back.flushing().orElseThrow().sequence());
    }
}
