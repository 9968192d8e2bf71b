package com.wispbill.domain.messages;

/** Queues customer SMS for the notifier. */
public interface NotificationQueue {
    void send(SmsRequest sms);
}
