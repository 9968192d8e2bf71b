package com.wispbill.adapters.repository;

import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsMessage;
import java.time.Instant;
import java.util.List;

/** The SMS sent to a reseller's customers, found again by SNS's MessageId when a delivery status arrives. */
public interface SmsMessageRepository {

    /** What a delivery status did. */
    enum Applied {
        /** Stored: the message moved forward. */
        STORED,
        /** Not one of ours (unknown MessageId, or a destination that is not the number we sent to): ignored. */
        UNKNOWN,
        /** Ours, but not later than the stored status (a repeat): ignored. */
        STALE
    }

    void recordSent(String resellerId, String phoneE164, String messageId, String notificationId, SmsTemplate template, Instant sentAt);

    /** Moves the message SNS knows as {@code messageId} to {@code status}, forward only. */
    Applied applyStatus(String messageId, String destinationE164, SmsMessage.Status status, String providerResponse, Instant at);

    /** The customer's SMS, newest first. */
    List<SmsMessage> messages(String resellerId, String phoneE164, int limit);
}
