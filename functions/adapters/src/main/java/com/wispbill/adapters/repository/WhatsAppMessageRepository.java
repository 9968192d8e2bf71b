package com.wispbill.adapters.repository;

import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.WhatsAppMessage;
import java.time.Instant;
import java.util.List;

/** The WhatsApp messages sent to a reseller's customers and their delivery status. */
public interface WhatsAppMessageRepository {
    void recordSent(String resellerId, String phoneE164, String messageId, String notificationId, SmsTemplate template, Instant sentAt);

    /**
     * Moves the message to {@code status} if it is ours and the status is later than the stored one;
     * false for an unknown message or a stale or repeated status.
     */
    boolean applyStatus(String resellerId, String phoneE164, String messageId, WhatsAppMessage.Status status, Instant at);

    /** The customer's messages, newest first. */
    List<WhatsAppMessage> messages(String resellerId, String phoneE164, int limit);
}
