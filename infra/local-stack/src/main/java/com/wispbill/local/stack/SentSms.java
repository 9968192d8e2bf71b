package com.wispbill.local.stack;

import java.time.Instant;
import java.util.Map;

/**
 * An SMS the code under test asked SNS to send (Publish with {@code PhoneNumber}, or to a topic
 * with an {@code sms} subscription). Nothing leaves the machine; tests read these through
 * {@link SnsEndpoint#sentSms()}.
 *
 * @param messageId   the MessageId SNS returned
 * @param phoneNumber the E.164 destination
 * @param message     the text
 * @param senderId    {@code AWS.SNS.SMS.SenderID}, if given
 * @param smsType     {@code AWS.SNS.SMS.SMSType} (Promotional/Transactional), if given
 * @param attributes  all message attributes with string values
 */
public record SentSms(String messageId, String phoneNumber, String message, String senderId, String smsType,
                      Map<String, String> attributes, Instant sentAt) {
    public SentSms {
        attributes = Map.copyOf(attributes);
    }
}
