package com.wispbill.router.routeros;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values as RouterOS prints and accepts them. Parsers accept every form seen across versions and throw
 * {@link IllegalArgumentException} (naming the text, which callers must not do for secrets) for
 * anything else rather than guessing: a usage counter read wrong is billed wrong.
 */
public final class RouterOsFormats {
    private static final Pattern UNIT_PART = Pattern.compile("(\\d+)(ms|us|ns|w|d|h|m|s)");
    /** {@code 01:02:03}, {@code 1d02:03:04}, {@code 1d 02:03:04}, {@code 1w2d03:04:05}, optional {@code .123}. */
    private static final Pattern CLOCK = Pattern.compile(
            "(?:(\\d+)w)?\\s*(?:(\\d+)d)?\\s*(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");
    private static final Pattern BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KiB|MiB|GiB|TiB|k|K|M|G|T)?");

    private RouterOsFormats() {
    }

    /**
     * Parses a RouterOS time interval: unit form as printed by RouterOS 6.x API and 7.x
     * ({@code 1w2d3h4m5s}, {@code 45s}, {@code 3m10s230ms}), the older clock form ({@code 00:01:02},
     * {@code 1d02:03:04}, {@code 2w1d 10:00:00}, with optional fraction), or plain seconds ({@code 90}).
     */
    public static Duration parseDuration(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing time interval");
        }
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty time interval");
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Matcher clock = CLOCK.matcher(value);
        if (clock.matches()) {
            int minutes = Integer.parseInt(clock.group(4));
            int seconds = Integer.parseInt(clock.group(5));
            if (minutes > 59 || seconds > 59) {
                throw new IllegalArgumentException("not a RouterOS time interval: '" + value + "'");
            }
            Duration duration = Duration.ofDays(7 * number(clock.group(1)) + number(clock.group(2)))
                    .plusHours(Long.parseLong(clock.group(3))).plusMinutes(minutes).plusSeconds(seconds);
            if (clock.group(6) != null) {
                String fraction = (clock.group(6) + "00000000").substring(0, 9);
                duration = duration.plusNanos(Long.parseLong(fraction));
            }
            return duration;
        }
        Matcher units = UNIT_PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (units.find() && units.start() == end) {
            long amount = Long.parseLong(units.group(1));
            total = total.plus(switch (units.group(2)) {
                case "w" -> Duration.ofDays(Math.multiplyExact(7, amount));
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "ms" -> Duration.ofMillis(amount);
                case "us" -> Duration.ofNanos(Math.multiplyExact(1000, amount));
                default -> Duration.ofNanos(amount);
            });
            end = units.end();
        }
        if (end != value.length()) {
            throw new IllegalArgumentException("not a RouterOS time interval: '" + value + "'");
        }
        return total;
    }

    /** The RouterOS form of a whole-second duration: {@code 1w2d3h4m5s}, {@code 1h}, {@code 0s}. */
    public static String formatDuration(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative time interval " + duration);
        }
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        appendPart(out, seconds / 604_800, 'w');
        appendPart(out, seconds % 604_800 / 86_400, 'd');
        appendPart(out, seconds % 86_400 / 3_600, 'h');
        appendPart(out, seconds % 3_600 / 60, 'm');
        appendPart(out, seconds % 60, 's');
        return out.toString();
    }

    /** A non-negative integer, e.g. a counter ({@code bytes-in}) or {@code cpu-load} (a trailing {@code %} is allowed). */
    public static long parseCount(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing number");
        }
        String value = text.strip();
        if (value.endsWith("%")) {
            value = value.substring(0, value.length() - 1).strip();
        }
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a non-negative number: '" + text.strip() + "'");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number out of range: '" + text.strip() + "'", e);
        }
    }

    /**
     * A byte count: plain bytes as the API prints them, or with a binary unit as the CLI and some
     * versions print memory ({@code 123.5MiB}, {@code 64M}; RouterOS' k/M/G/T are binary here too).
     * Fractions are rounded down to whole bytes.
     */
    public static long parseBytes(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing byte count");
        }
        Matcher m = BYTES.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a byte count: '" + text.strip() + "'");
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit) {
            case "KiB", "k", "K" -> 10;
            case "MiB", "M" -> 20;
            case "GiB", "G" -> 30;
            case "TiB", "T" -> 40;
            default -> 0;
        };
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift)).toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("byte count out of range: '" + text.strip() + "'", e);
        }
    }

    /** {@code true}/{@code yes} or {@code false}/{@code no} (the API prints the former, the CLI the latter). */
    public static boolean parseBoolean(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing yes/no value");
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("not a yes/no value: '" + text.strip() + "'");
        };
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static void appendPart(StringBuilder out, long amount, char unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }
}
