package com.wispbill.sheets;

import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Validity;
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
     * How long a printed card lasts, true for a card nobody has used yet, plus its caps: "valid 2 hours
     * from first login", "valid 7 days from first login, until midnight on day 7, 3 hours online, 5 GB".
     * Sheets print only unsold vouchers, and an unsold voucher's validity starts at its first login
     * whatever the plan's {@link com.wispbill.domain.ValidityStart} ({@code Voucher.firstUse}: handing a
     * card over is not recorded, so the first login counts as the sale); "from purchase" would be false.
     */
    public static String cardValidity(Plan plan) {
        StringBuilder text = new StringBuilder("valid ").append(fromFirstLogin(plan.validity()));
        plan.timeLimit().ifPresent(t -> text.append(", ").append(duration(t)).append(" online"));
        plan.dataLimit().ifPresent(d -> text.append(", ").append(d.formatDecimal()));
        return text.toString();
    }

    static String fromFirstLogin(Validity validity) {
        return switch (validity) {
            case Validity.Fixed fixed -> duration(fixed.duration()) + " from first login";
            case Validity.UntilEndOfDay days -> days.days() == 1 ? "until midnight on the day of first login"
                    : days.days() + " days from first login, until midnight on day " + days.days();
            case Validity.Monthly monthly -> (monthly.months() == 1 ? "1 month" : monthly.months() + " months")
                    + " from first login";
        };
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
