package com.wispbill.payment;

import com.wispbill.domain.Plan;
import com.wispbill.domain.Validity;
import java.time.Duration;

/** How plans and times read to customers (portal page, SMS parameters). */
public final class PlanTexts {
    private PlanTexts() {
    }

    static String validity(Plan plan) {
        return switch (plan.validity()) {
            case Validity.Fixed fixed -> duration(fixed.duration());
            case Validity.UntilEndOfDay days -> days.days() == 1 ? "until midnight" : "until midnight of day " + days.days();
            case Validity.Monthly monthly -> monthly.months() == 1 ? "1 month" : monthly.months() + " months";
        };
    }

    static String duration(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toMinutes() + " minutes";
    }
}
