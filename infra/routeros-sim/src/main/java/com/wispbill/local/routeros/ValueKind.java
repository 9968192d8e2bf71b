package com.wispbill.local.routeros;

import java.util.Comparator;

/**
 * How a property's value is validated, stored and compared. Values are stored in the form RouterOS
 * prints them (booleans {@code true}/{@code false}, durations {@code 1h30m}, byte counts as plain
 * numbers), so printing is a lookup and queries compare like the router: {@code ?>uptime=1h} compares
 * durations, not strings.
 */
enum ValueKind {
    TEXT,
    BOOLEAN,
    DURATION,
    BYTES,
    /** A non-negative counter RouterOS computes (bytes-in, cpu-load). */
    NUMBER,
    /** {@code shared-users}: a positive number or {@code unlimited}. */
    SHARED_USERS,
    /** An internal item id, {@code *1A}. */
    ID;

    /** The stored (printed) form of an input value; throws IllegalArgumentException if invalid. */
    String canonical(String input) {
        return switch (this) {
            case TEXT -> input;
            case BOOLEAN -> Boolean.toString(ValueFormats.parseBoolean(input));
            case DURATION -> ValueFormats.formatDuration(ValueFormats.parseDuration(input));
            case BYTES -> Long.toString(ValueFormats.parseBytes(input));
            case NUMBER -> Long.toString(parseNumber(input));
            case SHARED_USERS -> {
                if (input.trim().equalsIgnoreCase("unlimited")) {
                    yield "unlimited";
                }
                long users = parseNumber(input);
                if (users < 1) {
                    throw new IllegalArgumentException("shared-users must be at least 1");
                }
                yield Long.toString(users);
            }
            case ID -> {
                long id = ValueFormats.parseId(input.trim());
                if (id < 0) {
                    throw new IllegalArgumentException("not an item id: " + input);
                }
                yield ValueFormats.formatId(id);
            }
        };
    }

    /**
     * Orders two stored values for {@code ?<} and {@code ?>} queries. Values this kind cannot parse
     * (e.g. a query value {@code abc} against a duration) fall back to text order, like comparing
     * strings, so a query never fails on the value.
     */
    int compare(String left, String right) {
        try {
            return switch (this) {
                case DURATION -> ValueFormats.parseDuration(left).compareTo(ValueFormats.parseDuration(right));
                case BYTES -> Long.compare(ValueFormats.parseBytes(left), ValueFormats.parseBytes(right));
                case NUMBER -> Long.compare(parseNumber(left), parseNumber(right));
                case SHARED_USERS -> Long.compare(sharedUsersRank(left), sharedUsersRank(right));
                case ID -> {
                    long leftId = ValueFormats.parseId(left);
                    long rightId = ValueFormats.parseId(right);
                    if (leftId < 0 || rightId < 0) {
                        throw new IllegalArgumentException("not an item id");
                    }
                    yield Long.compare(leftId, rightId);
                }
                case TEXT, BOOLEAN -> left.compareTo(right);
            };
        } catch (IllegalArgumentException e) {
            return Comparator.<String>naturalOrder().compare(left, right);
        }
    }

    /** True if the query value means the same as the stored one ({@code ?disabled=yes} matches {@code true}). */
    boolean matches(String stored, String queried) {
        if (stored.equals(queried)) {
            return true;
        }
        try {
            return stored.equals(canonical(queried));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long parseNumber(String input) {
        String value = input.trim();
        if (value.isEmpty() || !value.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a number: " + input);
        }
        return Long.parseLong(value);
    }

    private static long sharedUsersRank(String value) {
        return value.equals("unlimited") ? Long.MAX_VALUE : parseNumber(value);
    }
}
