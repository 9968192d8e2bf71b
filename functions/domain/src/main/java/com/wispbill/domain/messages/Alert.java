package com.wispbill.domain.messages;

import com.wispbill.domain.Validation;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator alert (router down or back, a command that reached the DLQ, a wrong router password, a
 * payment that needs review). Published to the alerts topic; the notifier keeps it as an open alert
 * for the reseller's dashboard until an alert with the same {@code key} and {@code resolved} arrives.
 *
 * @param alertId    unique per publication
 * @param resellerId the reseller concerned, if any (platform-wide alerts have none)
 * @param key        what the alert is about, stable across raise and resolve (e.g. {@code ROUTER_DOWN#<routerId>})
 * @param severity   how urgent
 * @param resolved   true when this announces the end of the condition
 * @param subject    one line for people
 * @param detail     more text for people; never secrets
 * @param raisedAt   when the condition was seen (UTC)
 */
public record Alert(
        String alertId,
        Optional<String> resellerId,
        String key,
        Severity severity,
        boolean resolved,
        String subject,
        String detail,
        Instant raisedAt) {

    public enum Severity { INFO, WARNING, CRITICAL }

    public Alert {
        resellerId = resellerId == null ? Optional.empty() : resellerId;
        detail = detail == null ? "" : detail;
        Validation v = new Validation();
        v.text(alertId, "alertId", 128);
        resellerId.ifPresent(id -> v.id(id, "resellerId"));
        v.text(key, "key", 256);
        v.notNull(severity, "severity");
        v.text(subject, "subject", 200);
        v.check(detail.length() <= 4000, "detail", "must be at most 4000 characters");
        v.notNull(raisedAt, "raisedAt");
        v.throwIfInvalid();
    }
}
