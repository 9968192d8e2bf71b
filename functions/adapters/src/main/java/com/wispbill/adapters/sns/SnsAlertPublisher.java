package com.wispbill.adapters.sns;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.AlertPublisher;
import com.wispbill.adapters.aws.SnsApi;
import java.util.Optional;

/** Publishes alerts to the alerts topic; its SQS subscription (raw delivery) brings them to the notifier. */
public final class SnsAlertPublisher implements AlertPublisher {
    private final SnsApi sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsApi sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** The topic named by {@code ALERTS_TOPIC_ARN}, with the shared client. */
    public static SnsAlertPublisher fromEnvironment() {
        return new SnsAlertPublisher(AwsClients.sns(), Env.require("ALERTS_TOPIC_ARN"));
    }

    @Override
    public void publish(Alert alert) {
        sns.publishToTopic(topicArn, Optional.of(subject(alert)), MessageCodec.encode(alert));
    }

    /** SNS subjects must be printable ASCII without line breaks, under 100 characters. */
    private static String subject(Alert alert) {
        String ascii = alert.subject().replaceAll("[^\\x20-\\x7E]", "?");
        return ascii.length() > 99 ? ascii.substring(0, 99) : ascii;
    }
}
