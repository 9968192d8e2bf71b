package com.wispbill.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of data in bytes. Storage and RouterOS limits are always bytes; people type units.
 * Units say which convention they are: {@code KB, MB, GB, TB} are decimal (GB = 10^9 bytes, how ISPs
 * sell data) and {@code KiB, MiB, GiB, TiB} are binary (GiB = 2^30). Units are case-insensitive
 * ({@code "5gb"} is 5 GB); {@code B} or no unit means bytes. Fractions are allowed when they come to a
 * whole number of bytes ({@code "1.5GB"}).
 */
public record DataSize(long bytes) implements Comparable<DataSize> {

    private static final Pattern INPUT = Pattern.compile("(\\d+)(?:\\.(\\d+))?\\s*([A-Za-z]*)");

    private enum Unit {
        B(1), KB(1_000L), KIB(1L << 10), MB(1_000_000L), MIB(1L << 20),
        GB(1_000_000_000L), GIB(1L << 30), TB(1_000_000_000_000L), TIB(1L << 40);

        final long factor;

        Unit(long factor) {
            this.factor = factor;
        }

        String label() {
            return switch (this) {
                case KIB -> "KiB";
                case MIB -> "MiB";
                case GIB -> "GiB";
                case TIB -> "TiB";
                default -> name();
            };
        }
    }

    private static final Unit[] DECIMAL_DESCENDING = {Unit.TB, Unit.GB, Unit.MB, Unit.KB};
    private static final Unit[] BINARY_DESCENDING = {Unit.TIB, Unit.GIB, Unit.MIB, Unit.KIB};

    public DataSize {
        if (bytes < 0) {
            throw new ValidationException("dataSize", "must not be negative");
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofMegabytes(long megabytes) {
        return new DataSize(Math.multiplyExact(megabytes, Unit.MB.factor));
    }

    public static DataSize ofGigabytes(long gigabytes) {
        return new DataSize(Math.multiplyExact(gigabytes, Unit.GB.factor));
    }

    /** Parses "500MB", "5 GB", "5GiB", "1.5GB", "1048576"; field errors name {@code "dataSize"}. */
    public static DataSize parse(String input) {
        return parse(input, "dataSize");
    }

    /** As {@link #parse(String)} but errors name {@code field} (e.g. "dataLimit"). */
    public static DataSize parse(String input, String field) {
        if (input == null || input.isBlank()) {
            throw new ValidationException(field, "is required (e.g. 500MB, 5GB or 5GiB)");
        }
        String text = input.strip();
        if (text.startsWith("-")) {
            throw new ValidationException(field, "must not be negative");
        }
        Matcher m = INPUT.matcher(text);
        if (!m.matches()) {
            throw new ValidationException(field, "'" + text + "' is not a data size (e.g. 500MB, 5GB or 5GiB)");
        }
        Unit unit = unitOf(m.group(3), field);
        BigDecimal number = new BigDecimal(m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2));
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(unit.factor));
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new ValidationException(field, "'" + text + "' is not a whole number of bytes");
        }
        try {
            return new DataSize(bytes.longValueExact());
        } catch (ArithmeticException e) {
            throw new ValidationException(field, "'" + text + "' is too large");
        }
    }

    private static Unit unitOf(String label, String field) {
        if (label.isEmpty()) {
            return Unit.B;
        }
        try {
            return Unit.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "unknown unit '" + label
                    + "' (use B, KB, MB, GB, TB for powers of 1000 or KiB, MiB, GiB, TiB for powers of 1024)");
        }
    }

    public DataSize plus(DataSize other) {
        return new DataSize(Math.addExact(bytes, other.bytes));
    }

    public boolean isZero() {
        return bytes == 0;
    }

    /** Decimal units, at most two decimals, rounded half up: "5 GB", "1.5 GB", "999 B". */
    public String formatDecimal() {
        return format(DECIMAL_DESCENDING);
    }

    /** Binary units, at most two decimals, rounded half up: "4.66 GiB", "512 MiB". */
    public String formatBinary() {
        return format(BINARY_DESCENDING);
    }

    private String format(Unit[] descending) {
        for (Unit unit : descending) {
            if (bytes >= unit.factor) {
                BigDecimal value = BigDecimal.valueOf(bytes)
                        .divide(BigDecimal.valueOf(unit.factor), 2, RoundingMode.HALF_UP)
                        .stripTrailingZeros();
                return value.toPlainString() + " " + unit.label();
            }
        }
        return bytes + " B";
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** Exact, for logs: "5000000000 B". Use {@link #formatDecimal()} for people. */
    @Override
    public String toString() {
        return bytes + " B";
    }
}
