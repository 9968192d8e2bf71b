package com.wispbill.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RouterOS hotspot/PPP rate limit in its "rx/tx" form, e.g. {@code "2M/5M"}. Rates are bits per
 * second with RouterOS' decimal suffixes: {@code k} (also {@code K}) = 1000, {@code M} = 10^6,
 * {@code G} = 10^9. As on the router, rx and tx are seen from the router's side of the client link:
 * rx is what the client uploads, tx what it downloads. A single rate ("5M") means both directions.
 * Burst settings are not supported: plans must say exactly what a customer pays for.
 */
public record RateLimit(long rxBitsPerSecond, long txBitsPerSecond) {

    /** Above this a limit is certainly a typo (a 100 Gbit/s hotspot user). */
    public static final long MAX_BITS_PER_SECOND = 100_000_000_000L;

    private static final Pattern RATE = Pattern.compile("(\\d{1,12})([kKMG]?)");

    public RateLimit {
        Validation v = new Validation();
        v.check(rxBitsPerSecond > 0 && rxBitsPerSecond <= MAX_BITS_PER_SECOND, "rateLimit",
                "rx (upload) rate must be between 1 bit/s and 100G");
        v.check(txBitsPerSecond > 0 && txBitsPerSecond <= MAX_BITS_PER_SECOND, "rateLimit",
                "tx (download) rate must be between 1 bit/s and 100G");
        v.throwIfInvalid();
    }

    /** Parses "2M/5M", "512k/2M", "5M"; errors name the field {@code "rateLimit"}. */
    public static RateLimit parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("rateLimit", "is required, e.g. 2M/5M (upload/download)");
        }
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2) {
            throw new ValidationException("rateLimit", "'" + text.strip()
                    + "' is not supported: use rx/tx like 2M/5M (burst settings are not supported)");
        }
        long rx = rate(parts[0], text);
        long tx = parts.length == 2 ? rate(parts[1], text) : rx;
        return new RateLimit(rx, tx);
    }

    private static long rate(String part, String whole) {
        Matcher m = RATE.matcher(part.strip());
        if (!m.matches()) {
            throw new ValidationException("rateLimit", "'" + whole.strip()
                    + "' is not a RouterOS rate limit: use rx/tx like 2M/5M with suffix k, M or G");
        }
        long multiplier = switch (m.group(2)) {
            case "k", "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1L;
        };
        long value = Long.parseLong(m.group(1));
        if (value > MAX_BITS_PER_SECOND / multiplier) {
            throw new ValidationException("rateLimit", "'" + whole.strip() + "' is above 100G");
        }
        return value * multiplier;
    }

    /** The canonical RouterOS value, with the largest suffix that keeps the number whole: "2M/5M", "1500k/3M". */
    public String toRouterOs() {
        return format(rxBitsPerSecond) + "/" + format(txBitsPerSecond);
    }

    private static String format(long bps) {
        if (bps % 1_000_000_000L == 0) {
            return bps / 1_000_000_000L + "G";
        }
        if (bps % 1_000_000L == 0) {
            return bps / 1_000_000L + "M";
        }
        if (bps % 1_000L == 0) {
            return bps / 1_000L + "k";
        }
        return Long.toString(bps);
    }

    @Override
    public String toString() {
        return toRouterOs();
    }
}
