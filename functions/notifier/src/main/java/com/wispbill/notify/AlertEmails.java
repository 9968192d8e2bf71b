package com.wispbill.notify;

import com.wispbill.adapters.repository.AlertEmailRepository;
import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.domain.messages.Alert;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails an alert, raised or resolved, to the addresses its reseller (or, for platform alerts, the
 * operator) set. Called only for an alert that changed the stored state, so a redelivered or stale
 * alert sends no second email. A failed email is logged and not retried: the alert itself is stored
 * and on the dashboard and the alerts topic, and a retry could not tell whether SES took the first.
 */
public final class AlertEmails {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEmails.class);

    /** No emails (tests and set-ups without SES). */
    public static final AlertEmails NONE = new AlertEmails(null, null);

    private final AlertEmailRepository addresses;
    private final AlertMailer mailer;

    public AlertEmails(AlertEmailRepository addresses, AlertMailer mailer) {
        this.addresses = addresses;
        this.mailer = mailer;
    }

    /**
     * Stores {@code alert} and, when that changed its stored state (not a duplicate, not stale), emails
     * it. The one way alerts are raised in the notifier, so every alert it stores is also emailed.
     *
     * @return whether the stored state changed
     */
    public boolean raise(AlertRepository alerts, Alert alert) {
        boolean changed = alerts.apply(alert);
        if (changed) {
            send(alert);
        }
        return changed;
    }

    /** True when an email went out. */
    public boolean send(Alert alert) {
        if (mailer == null) {
            return false;
        }
        try {
            List<String> to = addresses.addresses(alert.resellerId());
            if (to.isEmpty()) {
                return false;
            }
            String subject = (alert.resolved() ? "Resolved: " : "[" + alert.severity() + "] ") + alert.subject();
            mailer.send(to, subject, alert.detail() + "\n\nAlert " + alert.key() + ", " + alert.raisedAt()
                    + (alert.resolved() ? " (resolved)" : "") + ". Open alerts: GET /v1/dashboard/alerts.");
            return true;
        } catch (RuntimeException e) {
            LOG.warn("alert {} stored but its email failed: {}", alert.key(), e.toString());
            return false;
        }
    }
}
