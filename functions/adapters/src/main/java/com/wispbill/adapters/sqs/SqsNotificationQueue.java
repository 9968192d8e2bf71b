package com.wispbill.adapters.sqs;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.SmsRequest;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The {@code notifications} queue (standard: the notifier deduplicates by notification id). */
public final class SqsNotificationQueue implements NotificationQueue {
    private final SqsSender sender;

    public SqsNotificationQueue(SqsClient sqs, String queueUrl) {
        this.sender = new SqsSender(sqs, queueUrl);
    }

    /** The queue named by {@code NOTIFICATIONS_QUEUE_URL}, with the shared client. */
    public static SqsNotificationQueue fromEnvironment() {
        return new SqsNotificationQueue(AwsClients.sqs(), Env.require("NOTIFICATIONS_QUEUE_URL"));
    }

    @Override
    public void send(SmsRequest sms) {
        sender.send(List.of(SqsSender.OutgoingMessage.standard(MessageCodec.encode(sms))));
    }

    @Override
    public void send(Alert alert) {
        sender.send(List.of(SqsSender.OutgoingMessage.standard(MessageCodec.encode(alert))));
    }
}
