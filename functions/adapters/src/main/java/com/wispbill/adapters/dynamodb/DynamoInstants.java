package com.wispbill.adapters.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as stored: UTC ISO-8601 with always nine fraction digits, e.g.
 * {@code 2026-11-22T14:05:00.000000000Z}. Fixed width makes string order equal time order (plain
 * {@link Instant#toString()} drops zero fractions, and "…:00Z" sorts after "…:00.5Z"), and nanosecond
 * precision makes the stored value round-trip exactly, which conditional writes comparing a stored
 * instant with the one the caller read depend on.
 */
final class DynamoInstants {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private DynamoInstants() {
    }

    static String format(Instant instant) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException("instant " + instant + " is outside the storable years 0000-9999");
        }
        return FORMAT.format(instant);
    }

    static Instant parse(String stored) {
        return Instant.parse(stored);
    }
}
