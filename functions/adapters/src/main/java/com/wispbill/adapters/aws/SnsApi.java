package com.wispbill.adapters.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** SNS {@code Publish} (awsQuery, version 2010-03-31): to a topic, or an SMS to a phone number. */
public final class SnsApi {
    private static final String VERSION = "2010-03-31";
    private static final Pattern MESSAGE_ID = SignedAwsClient.xmlElementPattern("MessageId");

    private final SignedAwsClient client;

    public SnsApi(SignedAwsClient client) {
        this.client = client;
    }

    public static SnsApi create(SignedAwsClient.Options options) {
        return new SnsApi(new SignedAwsClient(AwsService.SNS, options));
    }

    /** Publishes to a topic; answers the MessageId. */
    public String publishToTopic(String topicArn, Optional<String> subject, String message) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("TopicArn", topicArn);
        parameters.put("Message", message);
        subject.ifPresent(s -> parameters.put("Subject", s));
        return publish(parameters);
    }

    /** Sends {@code message} as an SMS to {@code phoneE164} with String message attributes; answers the MessageId. */
    public String publishToPhone(String phoneE164, String message, Map<String, String> stringAttributes) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("PhoneNumber", phoneE164);
        parameters.put("Message", message);
        int entry = 1;
        for (Map.Entry<String, String> attribute : stringAttributes.entrySet()) {
            String prefix = "MessageAttributes.entry." + entry++ + ".";
            parameters.put(prefix + "Name", attribute.getKey());
            parameters.put(prefix + "Value.DataType", "String");
            parameters.put(prefix + "Value.StringValue", attribute.getValue());
        }
        return publish(parameters);
    }

    private String publish(Map<String, String> parameters) {
        String xml = client.awsQuery("Publish", VERSION, parameters);
        return SignedAwsClient.xmlElement(MESSAGE_ID, xml)
                .orElseThrow(() -> new IllegalStateException("SNS answered Publish without a MessageId"));
    }
}
