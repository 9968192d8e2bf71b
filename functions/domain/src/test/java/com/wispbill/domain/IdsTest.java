package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void ulidsAre26CrockfordCharactersAndValid() {
        String id = Ids.newId(Clock.systemUTC());
        assertEquals(26, id.length());
        assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{26}"), id);
        assertTrue(Ids.isValid(id));
    }

    @Test
    void timePrefixEncodesMillisecondsAndSortsByTime() {
        Clock epoch = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        assertTrue(Ids.newId(epoch).startsWith("0000000000"));
        Clock oneMs = Clock.fixed(Instant.ofEpochMilli(1), ZoneOffset.UTC);
        assertTrue(Ids.newId(oneMs).startsWith("0000000001"));
        // 2^48 - 1 ms is the largest time a ULID can hold: "7ZZZZZZZZZ".
        Clock max = Clock.fixed(Instant.ofEpochMilli((1L << 48) - 1), ZoneOffset.UTC);
        assertTrue(Ids.newId(max).startsWith("7ZZZZZZZZZ"));

        String earlier = Ids.newId(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        String later = Ids.newId(Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC));
        assertTrue(earlier.compareTo(later) < 0);
    }

    @Test
    void randomPartDiffersEvenAtTheSameInstant() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Set<String> ids = new HashSet<>();
        Set<Character> lastCharacters = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.newId(fixed);
            ids.add(id);
            lastCharacters.add(id.charAt(25));
        }
        assertEquals(10_000, ids.size());
        // All 32 symbols show up in the last position: the low bits are really used.
        assertEquals(32, lastCharacters.size());
    }

    @Test
    void validatesForeignIds() {
        assertTrue(Ids.isValid("demo"));
        assertTrue(Ids.isValid("reseller-1_a.b"));
        assertFalse(Ids.isValid("a#b"));
        assertFalse(Ids.isValid(""));
        assertFalse(Ids.isValid(" x"));
        assertFalse(Ids.isValid("-x"));
        assertFalse(Ids.isValid("x".repeat(65)));
        assertFalse(Ids.isValid(null));
        assertTrue(assertThrows(ValidationException.class, () -> Ids.require("a#b", "planId")).hasErrorFor("planId"));
        assertEquals("ok", Ids.require("ok", "id"));
    }
}
