package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;
import java.time.Duration;

/** Checks shared by the commands that carry limits. */
final class Limits {
    /** RouterOS counts uptime limits in whole seconds; sub-second parts would be silently dropped. */
    static void uptime(Validation v, Duration uptime, String field) {
        if (v.check(uptime.isPositive(), field, "must be positive")) {
            v.check(uptime.getNano() == 0, field, "must be a whole number of seconds");
        }
    }

    private Limits() {
    }
}
