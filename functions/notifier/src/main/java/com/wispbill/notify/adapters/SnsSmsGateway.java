package com.wispbill.notify.adapters;

import com.wispbill.notify.SmsNotAcceptedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import com.wispbill.notify.SmsGateway;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SMS through SNS {@code Publish} to a phone number. Transactional: codes and receipts are what the
 * customer paid for, so they get the delivery-optimised route (Promotional may be dropped or delayed).
 * Give it a client that does not retry ({@link com.wispbill.adapters.AwsClients#newSnsClientWithoutRetries}):
 * an SDK retry after a lost answer would send the text twice. Errors are sorted into "surely not sent"
 * ({@link SmsNotAcceptedException}: SNS answered 4xx, e.g. throttled or invalid, or the connection was
 * never made) and everything else (timeouts, 5xx): the publish may have been taken.
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
        try {
            return sns.publish(b -> b.phoneNumber(phoneE164).message(text).messageAttributes(Map.of(
                    SENDER_ID, string(senderId),
                    SMS_TYPE, string("Transactional")))).messageId();
        } catch (AwsServiceException e) {
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                throw new SmsNotAcceptedException("SNS refused the publish (" + e.statusCode() + ")", e);
            }
            throw e;
        } catch (SdkClientException e) {
            if (neverConnected(e)) {
                throw new SmsNotAcceptedException("SNS could not be reached", e);
            }
            throw e;
        }
    }

    /** The request never reached SNS: no connection was made (refused, unknown host). */
    static boolean neverConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
