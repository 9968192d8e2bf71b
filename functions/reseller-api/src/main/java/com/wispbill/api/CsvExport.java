package com.wispbill.api;

import com.wispbill.adapters.repository.Page;
import com.wispbill.domain.Customer;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.Voucher;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one way lists become CSV (RFC 4180): a header row, then one row per item of the page, CRLF line ends, every
 * field quoted when it holds a comma, a quote, CR or LF (quotes doubled). Times are in the reseller's zone with their
 * offset ({@code 2026-12-05T14:03:00+03:00}), money as minor units plus currency. Exports are paged like the lists
 * they mirror (same items, same order, same cursor), so each answer stays inside Lambda's response limit.
 *
 * <p>Each export is a list of {@link Column}s over the type the list route returns: a new export (e.g. of
 * subscriptions) is one more column list, not another writer.
 */
final class CsvExport {
    static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private CsvExport() {
    }

    /** A CSV column: its header and how a value is read from an item ({@code zone}: the reseller's). */
    record Column<T>(String header, Function<Cell<T>, String> value) {
    }

    /** An item with the zone its times are written in. */
    record Cell<T>(T item, ZoneId zone) {
        String time(Instant at) {
            return at.atZone(zone).format(TIME);
        }

        String time(Optional<Instant> at) {
            return at.map(this::time).orElse("");
        }
    }

    static <T> String write(Page<T> page, List<Column<T>> columns, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        row(out, columns.stream().map(Column::header).toList());
        for (T item : page.items()) {
            Cell<T> cell = new Cell<>(item, zone);
            row(out, columns.stream().map(c -> c.value().apply(cell)).toList());
        }
        return out.toString();
    }

    private static final String FORMULA_START = "=+-@\t\r";
    private static final Pattern NUMBER_OR_PHONE = Pattern.compile("[+-]?[0-9][0-9 ]*(\\.[0-9]+)?");

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * A cell that a spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a carriage
     * return) gets a leading {@code '} (OWASP's CSV injection advice): names, memos and reasons are typed by
     * people outside the reseller's staff. Numbers and phone numbers ({@code -700}, {@code +254712000111})
     * are data, not formulas, and stay as they are.
     */
    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && FORMULA_START.indexOf(v.charAt(0)) >= 0 && !NUMBER_OR_PHONE.matcher(v).matches()) {
            v = "'" + v;
        }
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static String minor(Money m) {
        return Long.toString(m.minorUnits());
    }

    static final List<Column<Voucher>> VOUCHERS = List.of(
            new Column<>("id", c -> c.item().id()),
            new Column<>("code", c -> c.item().displayCode()),
            new Column<>("batchId", c -> c.item().batchId()),
            new Column<>("planId", c -> c.item().planId()),
            new Column<>("routerId", c -> c.item().routerId()),
            new Column<>("status", c -> c.item().status().name()),
            new Column<>("createdAt", c -> c.time(c.item().createdAt())),
            new Column<>("soldAt", c -> c.time(c.item().soldAt())),
            new Column<>("firstUsedAt", c -> c.time(c.item().firstUsedAt())),
            new Column<>("expiresAt", c -> c.time(c.item().expiresAt())),
            new Column<>("revokeReason", c -> c.item().revokeReason().orElse("")));

    static final List<Column<Payment>> PAYMENTS = List.of(
            new Column<>("id", c -> c.item().id()),
            new Column<>("createdAt", c -> c.time(c.item().createdAt())),
            new Column<>("updatedAt", c -> c.time(c.item().updatedAt())),
            new Column<>("status", c -> c.item().status().name()),
            new Column<>("amountMinor", c -> minor(c.item().amount())),
            new Column<>("currency", c -> c.item().amount().currency().getCurrencyCode()),
            new Column<>("provider", c -> c.item().provider().name()),
            new Column<>("providerReference", c -> c.item().providerReference().orElse("")),
            new Column<>("customerPhone", c -> c.item().customerPhone()),
            new Column<>("planId", c -> c.item().planId()),
            new Column<>("routerId", c -> c.item().routerId().orElse("")),
            new Column<>("subscriptionId", c -> c.item().subscriptionId().orElse("")),
            new Column<>("failureReason", c -> c.item().failureReason().orElse("")));

    static final List<Column<LedgerEntry>> LEDGER = List.of(
            new Column<>("id", c -> c.item().id()),
            new Column<>("at", c -> c.time(c.item().at())),
            new Column<>("businessDate", c -> c.item().businessDate().toString()),
            new Column<>("type", c -> c.item().type().name()),
            new Column<>("amountMinor", c -> minor(c.item().amount())),
            new Column<>("currency", c -> c.item().amount().currency().getCurrencyCode()),
            new Column<>("paymentId", c -> c.item().paymentId().orElse("")),
            new Column<>("memo", c -> c.item().memo()));

    static final List<Column<Customer>> CUSTOMERS = List.of(
            new Column<>("id", c -> c.item().id()),
            new Column<>("phone", c -> c.item().phone()),
            new Column<>("name", c -> c.item().name().orElse("")),
            new Column<>("createdAt", c -> c.time(c.item().createdAt())));
}
