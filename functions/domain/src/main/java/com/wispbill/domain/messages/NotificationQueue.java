package com.wispbill.domain.messages;

/** The notifier's queue: customer SMS, and alerts for the dashboard raised without the alerts topic. */
public interface NotificationQueue {
    void send(SmsRequest sms);

    /** An alert, exactly as the alerts topic would deliver it (the notifier keeps it open for the dashboard). */
    void send(Alert alert);
}
