package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void storedInstantsSortLikeTimeAndRoundTripExactly() {
        List<Instant> instants = List.of(Instant.parse("2026-11-22T14:00:00Z"), Instant.parse("2026-11-22T14:00:00.000000001Z"),
                Instant.parse("2026-11-22T14:00:00.5Z"), Instant.parse("2026-11-22T14:00:01Z"));
        List<String> stored = instants.stream().map(DynamoInstants::format).toList();
        assertEquals(stored.stream().sorted().toList(), stored);
        stored.forEach(s -> assertEquals(30, s.length()));
        for (int i = 0; i < instants.size(); i++) {
            assertEquals(instants.get(i), DynamoInstants.parse(stored.get(i)));
        }
        assertThrows(IllegalArgumentException.class, () -> DynamoInstants.format(Instant.MAX));
    }

    @Test
    void expiryBucketsAreUtcHoursAndUpperBoundsInclusive() {
        Instant at = Instant.parse("2026-11-22T14:59:59.999Z");
        assertEquals("SUB#2026-11-22T14", Keys.expiryBucket(Keys.EXPIRY_KIND_SUBSCRIPTION, at));
        assertEquals(Instant.parse("2026-11-22T14:00:00Z"), Keys.hourFloor(at));
        String key = Keys.expiresAtKey(at, "01JDZZZZZZZZZZZZZZZZZZZZZZ");
        assertTrue(key.compareTo(Keys.expiresAtUpperBound(at)) <= 0, "due exactly at the bound");
        assertTrue(key.compareTo(Keys.expiresAtUpperBound(at.minusNanos(1))) > 0, "not due before it");
    }

    @Test
    void voucherCodesAreMaskedInKeysShownToHumans() {
        assertEquals("VOUCHER#AB******JK", Redaction.key(Keys.voucher("ABCDEFGHJK")));
        assertEquals("RESELLER#a", Redaction.key(Keys.reseller("a")));
    }
}
