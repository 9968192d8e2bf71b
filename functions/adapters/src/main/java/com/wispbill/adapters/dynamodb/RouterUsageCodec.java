package com.wispbill.adapters.dynamodb;

import com.wispbill.domain.enforcement.RouterUsageState;
import com.wispbill.domain.enforcement.RouterUsageState.Cursor;
import com.wispbill.domain.enforcement.RouterUsageState.Flush;
import com.wispbill.domain.enforcement.RouterUsageState.Owner;
import com.wispbill.domain.enforcement.RouterUsageState.UserFlush;
import com.wispbill.domain.enforcement.SessionReading;
import com.wispbill.domain.enforcement.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The per-router usage state as one compressed binary attribute. DynamoDB bills a write by the
 * item's size, so the state is tab-separated lines (one per cursor, owner, pending user-day and
 * flush entry), deflated: about a third of the text. Session ids, RouterOS usernames and period
 * ids never contain tabs or line breaks.
 */
public final class RouterUsageCodec {
    private RouterUsageCodec() {
    }

    public static byte[] encode(RouterUsageState state) {
        StringBuilder out = new StringBuilder(4096);
        state.cursors().forEach((key, c) -> line(out, "C", key, c.username(), c.reading().bytesIn(), c.reading().bytesOut(),
                c.reading().uptimeSeconds(), c.reading().sampledAt().toEpochMilli()));
        // An owner whose enforcement is in force carries a last field "E" (absent otherwise: older states decode).
        state.owners().forEach((user, o) -> line(out, "O", user, o.kind().name().substring(0, 1), o.period().orElse("-"),
                optional(o.dataLimitBytes()), optional(o.timeLimitSeconds()), o.usedBytes(), o.usedSeconds(),
                o.enforced() ? o.resolvedAt().toEpochMilli() + "\tE" : o.resolvedAt().toEpochMilli()));
        state.pending().forEach((user, days) -> days.forEach((day, u) ->
                line(out, "P", user, day, u.bytesIn(), u.bytesOut(), u.uptimeSeconds())));
        state.flushing().ifPresent(f -> {
            line(out, "S", f.sequence());
            f.users().forEach(uf -> uf.days().forEach((day, u) -> line(out, "F", uf.username(),
                    uf.period().orElse("-"), day, u.bytesIn(), u.bytesOut(), u.uptimeSeconds())));
        });
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(text);
            deflater.finish();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length / 2 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                bytes.write(buffer, 0, deflater.deflate(buffer));
            }
            return bytes.toByteArray();
        } finally {
            deflater.end();
        }
    }

    public static RouterUsageState decode(byte[] compressed, Optional<Instant> newest, long flushSequence,
                                   Optional<Instant> lastFlushAt) {
        String text = inflate(compressed);
        Map<String, Cursor> cursors = new HashMap<>();
        Map<String, Owner> owners = new HashMap<>();
        Map<String, Map<LocalDate, Usage>> pending = new LinkedHashMap<>();
        Map<String, Map<LocalDate, Usage>> flushDays = new LinkedHashMap<>();
        Map<String, Optional<String>> flushPeriods = new HashMap<>();
        long sequence = -1;
        Map<String, LocalDate> dates = new HashMap<>();   // a handful of distinct days per state
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "C" -> cursors.put(f[1], new Cursor(f[2], new SessionReading(Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), Instant.ofEpochMilli(Long.parseLong(f[6])))));
                case "O" -> owners.put(f[1], new Owner(kind(f[2]), dash(f[3]), optionalLong(f[4]), optionalLong(f[5]),
                        Long.parseLong(f[6]), Long.parseLong(f[7]), Instant.ofEpochMilli(Long.parseLong(f[8])),
                        f.length > 9 && f[9].equals("E")));
                case "P" -> pending.computeIfAbsent(f[1], k -> new LinkedHashMap<>())
                        .put(dates.computeIfAbsent(f[2], LocalDate::parse), usage(f, 3));
                case "S" -> sequence = Long.parseLong(f[1]);
                case "F" -> {
                    flushPeriods.put(f[1], dash(f[2]));
                    flushDays.computeIfAbsent(f[1], k -> new LinkedHashMap<>())
                            .put(dates.computeIfAbsent(f[3], LocalDate::parse), usage(f, 4));
                }
                default -> throw new IllegalStateException("unknown line in a router usage state: " + f[0]);
            }
        }
        Optional<Flush> flushing = Optional.empty();
        if (sequence >= 0) {
            List<UserFlush> users = new ArrayList<>();
            flushDays.forEach((user, days) -> users.add(new UserFlush(user, flushPeriods.get(user), days)));
            flushing = Optional.of(new Flush(sequence, users));
        }
        return new RouterUsageState(newest, cursors, owners, pending, flushing, flushSequence, lastFlushAt);
    }

    private static String inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(compressed.length * 3 + 64);
            byte[] buffer = new byte[16384];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated router usage state");
                }
                bytes.write(buffer, 0, n);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt router usage state", e);
        } finally {
            inflater.end();
        }
    }

    private static void line(StringBuilder out, Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            out.append(fields[i]);
        }
        out.append('\n');
    }

    private static String optional(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
    }

    private static OptionalLong optionalLong(String field) {
        return field.equals("-") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(field));
    }

    private static Optional<String> dash(String field) {
        return field.equals("-") ? Optional.empty() : Optional.of(field);
    }

    private static Owner.Kind kind(String letter) {
        return switch (letter) {
            case "S" -> Owner.Kind.SUBSCRIPTION;
            case "V" -> Owner.Kind.VOUCHER;
            case "U" -> Owner.Kind.UNBILLED;
            default -> throw new IllegalStateException("unknown owner kind " + letter);
        };
    }

    private static Usage usage(String[] f, int from) {
        return new Usage(Long.parseLong(f[from]), Long.parseLong(f[from + 1]), Long.parseLong(f[from + 2]));
    }
}
