package com.wispbill.local.routeros;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and printing values the way RouterOS does in API replies. */
final class ValueFormats {
    private static final Pattern UNIT_DURATION = Pattern.compile("(\\d+)(ms|w|d|h|m|s)");
    private static final Pattern CLOCK_DURATION = Pattern.compile("(?:(\\d+)d\\s*)?(\\d+):(\\d{1,2}):(\\d{1,2})");
    private static final Pattern BYTES = Pattern.compile("(\\d+)([kKMGT]?)");

    private ValueFormats() {
    }

    /**
     * RouterOS prints time intervals as weeks, days, hours, minutes and seconds with zero parts left
     * out: {@code 1w2d3h4m5s}, {@code 1h}, {@code 0s}. Fractions of a second are dropped.
     */
    static String formatDuration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        append(out, seconds / 604_800, 'w');
        append(out, seconds % 604_800 / 86_400, 'd');
        append(out, seconds % 86_400 / 3_600, 'h');
        append(out, seconds % 3_600 / 60, 'm');
        append(out, seconds % 60, 's');
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, char unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }

    /**
     * Accepts what RouterOS accepts for a time interval: unit form ({@code 1h30m}, {@code 2d},
     * {@code 90s}, {@code 500ms}), clock form ({@code 01:30:00}, {@code 1d 01:30:00}) or plain seconds.
     */
    static Duration parseDuration(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty time interval");
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Matcher clock = CLOCK_DURATION.matcher(value);
        if (clock.matches()) {
            long days = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
            int minutes = Integer.parseInt(clock.group(3));
            int seconds = Integer.parseInt(clock.group(4));
            if (minutes > 59 || seconds > 59) {
                throw new IllegalArgumentException("bad clock time " + value);
            }
            return Duration.ofDays(days).plusHours(Long.parseLong(clock.group(2))).plusMinutes(minutes)
                .plusSeconds(seconds);
        }
        Matcher units = UNIT_DURATION.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (units.find()) {
            if (units.start() != end) {
                throw new IllegalArgumentException("bad time interval " + value);
            }
            long amount = Long.parseLong(units.group(1));
            total = total.plus(switch (units.group(2)) {
                case "w" -> Duration.ofDays(7 * amount);
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
            end = units.end();
        }
        if (end != value.length()) {
            throw new IllegalArgumentException("bad time interval " + value);
        }
        return total;
    }

    /** {@code yes}/{@code true} and {@code no}/{@code false}; RouterOS API replies print {@code true}/{@code false}. */
    static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new IllegalArgumentException("not a yes/no value: " + text);
        };
    }

    /** A byte count, optionally with a binary unit: {@code 1048576}, {@code 100M}, {@code 2G}. */
    static long parseBytes(String text) {
        Matcher m = BYTES.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a byte count: " + text);
        }
        long shift = switch (m.group(2)) {
            case "k", "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        long amount = Long.parseLong(m.group(1));
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("byte count too large: " + text);
        }
        return amount << shift;
    }

    /** RouterOS internal item ids: {@code *} followed by upper-case hex, e.g. {@code *1A}. */
    static String formatId(long id) {
        return "*" + Long.toHexString(id).toUpperCase(Locale.ROOT);
    }

    /** The number behind an internal id, or -1 if {@code text} is not one. */
    static long parseId(String text) {
        if (text.length() < 2 || text.charAt(0) != '*' || text.length() > 17) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(text.substring(1), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
