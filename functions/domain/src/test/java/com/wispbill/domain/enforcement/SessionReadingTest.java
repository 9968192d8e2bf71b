package com.wispbill.domain.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.Ids;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionReadingTest {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theFirstReadingOfASessionIsAllNewUsage() {
        assertEquals(new Usage(100, 200, 60), new SessionReading(100, 200, 60, T).since(Optional.empty()));
    }

    @Test
    void aLaterReadingCountsTheDifference() {
        SessionReading before = new SessionReading(100, 200, 60, T);
        assertEquals(new Usage(50, 300, 60), new SessionReading(150, 500, 120, T.plusSeconds(60)).since(Optional.of(before)));
    }

    @Test
    void aCounterGoingDownIsANewSessionNeverNegativeUsage() {
        SessionReading before = new SessionReading(10_000, 20_000, 600, T);
        assertEquals(new Usage(30, 40, 5), new SessionReading(30, 40, 5, T.plusSeconds(60)).since(Optional.of(before)));
        // Only one counter lower (bytes out restarted, uptime not yet reported lower) still restarts.
        assertEquals(new Usage(10_001, 5, 601), new SessionReading(10_001, 5, 601, T.plusSeconds(60)).since(Optional.of(before)));
    }

    @Test
    void onlyNewerReadingsCount() {
        SessionReading stored = new SessionReading(100, 200, 60, T);
        assertFalse(new SessionReading(100, 200, 60, T).isNewerThan(Optional.of(stored)));
        assertFalse(new SessionReading(50, 100, 30, T.minusSeconds(60)).isNewerThan(Optional.of(stored)));
        assertTrue(new SessionReading(50, 100, 30, T.plusSeconds(1)).isNewerThan(Optional.of(stored)));
        assertThrows(IllegalArgumentException.class, () -> stored.since(Optional.of(stored)));
    }

    @Test
    void commandIdsAreStableValidIdsThatDependOnEveryPart() {
        String id = CommandIds.derive("reseller", "SUB", "sub-1", "EXPIRED", "1795430400", "DisableHotspotUser");
        assertEquals(id, CommandIds.derive("reseller", "SUB", "sub-1", "EXPIRED", "1795430400", "DisableHotspotUser"));
        assertTrue(Ids.isValid(id));
        assertNotEquals(id, CommandIds.derive("reseller", "SUB", "sub-1", "EXPIRED", "1795430400", "KickHotspotUser"));
        assertNotEquals(CommandIds.derive("ab", "c"), CommandIds.derive("a", "bc"));
    }
}
