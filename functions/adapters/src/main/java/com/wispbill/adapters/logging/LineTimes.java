package com.wispbill.adapters.logging;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Times in the log and metric lines, written by hand (no formatter loaded for them on a cold start). */
public final class LineTimes {
    private LineTimes() {
    }

    /** "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" in UTC, the Powertools layout's timestamp. */
    static void appendUtcTimestamp(StringBuilder out, long epochMillis) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
        pad(out, utc.getYear(), 4).append('-');
        pad(out, utc.getMonthValue(), 2).append('-');
        pad(out, utc.getDayOfMonth(), 2).append('T');
        appendTime(out, utc.getHour(), utc.getMinute(), utc.getSecond(), (int) Math.floorMod(epochMillis, 1000L));
        out.append('Z');
    }

    /** "HH:mm:ss.SSS" in the machine's zone: the local run's readable log and metric lines. */
    public static void appendLocalTime(StringBuilder out, long epochMillis) {
        LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault());
        appendTime(out, time.getHour(), time.getMinute(), time.getSecond(), (int) Math.floorMod(epochMillis, 1000L));
    }

    private static void appendTime(StringBuilder out, int hour, int minute, int second, int millis) {
        pad(out, hour, 2).append(':');
        pad(out, minute, 2).append(':');
        pad(out, second, 2).append('.');
        pad(out, millis, 3);
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
