package com.wispbill.sheets;

import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Validity;
import com.wispbill.domain.ValidityStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The words on a card, from the plan's typed values (English; one place to translate later). */
public final class SheetText {
    private SheetText() {
    }

    /** "KES 1,234.50". */
    public static String price(Money price) {
        return price.format();
    }

    /**
     * How long it lasts and from when, plus its caps: "24 hours from first login", "until the end of
     * day 7 from purchase, 3 hours online, 5 GB".
     */
    public static String validity(Plan plan) {
        StringBuilder text = new StringBuilder(validity(plan.validity(), plan.validityStart()));
        plan.timeLimit().ifPresent(t -> text.append(", ").append(duration(t)).append(" online"));
        plan.dataLimit().ifPresent(d -> text.append(", ").append(d.formatDecimal()));
        return text.toString();
    }

    public static String validity(Validity validity, ValidityStart start) {
        String length = switch (validity) {
            case Validity.Fixed fixed -> duration(fixed.duration());
            case Validity.UntilEndOfDay days -> days.days() == 1 ? "until the end of the day"
                    : "until the end of day " + days.days();
        };
        return length + (start == ValidityStart.AT_FIRST_USE ? " from first login" : " from purchase");
    }

    /**
     * "24 hours", "36 hours", "1 hour 30 minutes", "3 days 12 hours": hours up to two days (how
     * hotspot plans are sold), days beyond.
     */
    public static String duration(Duration d) {
        List<String> parts = new ArrayList<>();
        if (d.compareTo(Duration.ofDays(2)) < 0) {
            add(parts, d.toHours(), "hour");
        } else {
            add(parts, d.toDays(), "day");
            add(parts, d.toHoursPart(), "hour");
        }
        add(parts, d.toMinutesPart(), "minute");
        add(parts, d.toSecondsPart(), "second");
        return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
    }

    private static void add(List<String> parts, long n, String unit) {
        if (n > 0) {
            parts.add(n + " " + unit + (n == 1 ? "" : "s"));
        }
    }
}
