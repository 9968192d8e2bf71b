package com.wispbill.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Ids for tenant objects. New ids are ULID-style: 48 bits of milliseconds since the epoch followed by
 * 80 bits from {@link SecureRandom}, in Crockford base32 (26 characters). The time prefix makes ids
 * sort by creation in DynamoDB sort keys (newest-first listings need no extra attribute); the random
 * part makes them unguessable, so knowing one reseller's id tells nothing about the next one.
 *
 * <p>Ids are plain strings. Ids from elsewhere (a seeded demo reseller, an operator-chosen id) are
 * accepted if they match {@link #isValid}: they must never contain {@code '#'}, which separates the
 * parts of storage keys.
 */
public final class Ids {
    public static final int ULID_LENGTH = 26;
    public static final int MAX_LENGTH = 64;

    static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX_LENGTH - 1) + "}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MAX_ULID_MILLIS = (1L << 48) - 1;

    private Ids() {
    }

    /** A new ULID-style id timestamped by {@code clock}. */
    public static String newId(Clock clock) {
        long millis = clock.millis();
        if (millis < 0 || millis > MAX_ULID_MILLIS) {
            throw new IllegalArgumentException("clock time " + millis + " ms is outside the ULID range");
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        char[] out = new char[ULID_LENGTH];
        // 48-bit time -> 10 characters (the first carries only 3 bits).
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits -> 16 characters, 5 bits each, most significant first.
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = CROCKFORD[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** Returns {@code id} or throws a {@link ValidationException} for {@code field}. */
    public static String require(String id, String field) {
        Validation v = new Validation();
        v.id(id, field);
        v.throwIfInvalid();
        return id;
    }
}
