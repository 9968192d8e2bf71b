package com.wispbill.adapters.repository;

import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.WhatsAppMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The WhatsApp messages sent to a reseller's customers and their delivery status. */
public interface WhatsAppMessageRepository {
    /** {@code parameters}: the notice's, kept so a later failure can still send it by SMS. */
    void recordSent(String resellerId, String phoneE164, String messageId, String notificationId, SmsTemplate template,
                    Map<String, String> parameters, Instant sentAt);

    /** A message whose stored status is FAILED: what its notice said. */
    record Failed(String notificationId, SmsTemplate template, Map<String, String> parameters) {
    }

    /** The message if it is ours and its stored status is FAILED; else empty. */
    Optional<Failed> failed(String resellerId, String phoneE164, String messageId);

    /**
     * Moves the message to {@code status} if it is ours and the status is later than the stored one;
     * false for an unknown message or a stale or repeated status.
     */
    boolean applyStatus(String resellerId, String phoneE164, String messageId, WhatsAppMessage.Status status, Instant at);

    /** The customer's messages, newest first. */
    List<WhatsAppMessage> messages(String resellerId, String phoneE164, int limit);
}
