package com.wispbill.notify.sns;

import com.wispbill.notify.SmsGateway;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SMS through SNS {@code Publish} to a phone number. Transactional: codes and receipts are what the
 * customer paid for, so they get the delivery-optimised route (Promotional may be dropped or delayed).
 */
public final class SnsSmsGateway implements SmsGateway {
    static final String SENDER_ID = "AWS.SNS.SMS.SenderID";
    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";

    private final SnsClient sns;

    public SnsSmsGateway(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public String send(String phoneE164, String text, String senderId) {
        return sns.publish(b -> b.phoneNumber(phoneE164).message(text).messageAttributes(Map.of(
                SENDER_ID, string(senderId),
                SMS_TYPE, string("Transactional")))).messageId();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
