package com.wispbill.notify.adapters;

import com.wispbill.notify.SmsNotAcceptedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import com.wispbill.adapters.aws.AwsCallException;
import com.wispbill.adapters.aws.SnsApi;
import com.wispbill.notify.SmsGateway;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SMS through SNS {@code Publish} to a phone number. Transactional: codes and receipts are what the
 * customer paid for, so they get the delivery-optimised route (Promotional may be dropped or delayed).
 * Give it a client that does not retry ({@link com.wispbill.adapters.AwsClients#newSnsWithoutRetries}):
 * a retry after a lost answer would send the text twice. Errors are sorted into "surely not sent"
 * ({@link SmsNotAcceptedException}: SNS answered 4xx, e.g. throttled or invalid, or the connection was
 * never made) and everything else (timeouts, 5xx): the publish may have been taken.
 */
public final class SnsSmsGateway implements SmsGateway {
    static final String SENDER_ID = "AWS.SNS.SMS.SenderID";
    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";

    private final SnsApi sns;

    public SnsSmsGateway(SnsApi sns) {
        this.sns = sns;
    }

    @Override
    public String send(String phoneE164, String text, String senderId) {
        try {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put(SENDER_ID, senderId);
            attributes.put(SMS_TYPE, "Transactional");
            return sns.publishToPhone(phoneE164, text, attributes);
        } catch (AwsCallException e) {
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                throw new SmsNotAcceptedException("SNS refused the publish (" + e.statusCode() + ")", e);
            }
            throw e;
        } catch (UncheckedIOException e) {
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
}
