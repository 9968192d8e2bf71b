package com.wispbill.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.SqsBatchHandler;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.messages.MalformedMessageException;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.domain.DomainException;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of the notifications queue: customer SMS requests and operator alerts (from the alerts
 * topic's raw-delivery subscription). Each message is handled on its own; failed ones are reported
 * as batch item failures, so SQS redelivers only those and moves them to the DLQ after
 * {@code maxReceiveCount}. Logs name the notification and a masked phone, never the text (it may
 * hold a voucher code).
 */
public final class NotifierHandler extends SqsBatchHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierHandler.class);

    private final SmsSender sms;
    private final AlertRepository alerts;
    private final OperationalMetrics metrics;
    private final AlertEmails alertEmails;

    /** What Lambda calls: the shared clients, tables and sender id from the environment. */
    public NotifierHandler() {
        this(NotifierWiring.fromEnvironment());
        SnapStartPriming.register(NotifierHandler.class);
    }

    private NotifierHandler(NotifierWiring wiring) {
        this(wiring.sms(), wiring.alerts(), wiring.metrics(), wiring.alertEmails());
    }

    public NotifierHandler(SmsSender sms, AlertRepository alerts) {
        this(sms, alerts, OperationalMetrics.DISCARD);
    }

    public NotifierHandler(SmsSender sms, AlertRepository alerts, OperationalMetrics metrics) {
        this(sms, alerts, metrics, AlertEmails.NONE);
    }

    /** {@code alertEmails}: an alert that changed the stored state is also emailed to its addresses. */
    public NotifierHandler(SmsSender sms, AlertRepository alerts, OperationalMetrics metrics, AlertEmails alertEmails) {
        this.sms = sms;
        this.alerts = alerts;
        this.metrics = metrics;
        this.alertEmails = alertEmails;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!handle(message)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** True when the message is done with (handled, or a duplicate); false to have it redelivered. */
    private boolean handle(SQSEvent.SQSMessage message) {
        CorrelationId.adopt(message);
        String body = message.getBody();
        try {
            return switch (MessageCodec.notificationKind(body)) {
                case SMS -> handleSms(message.getMessageId(), MessageCodec.decodeSms(body));
                case ALERT -> handleAlert(message.getMessageId(), MessageCodec.decodeAlert(body));
            };
        } catch (MalformedMessageException | DomainException e) {
            // Cannot succeed on retry (bad number, missing template parameter): it goes on to the DLQ
            // for an operator. The messages name fields, never values.
            LOG.warn("notification {} refused, will reach the DLQ: {}", message.getMessageId(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.error("notification {} failed, will be retried: {}", message.getMessageId(), e.toString());
            return false;
        }
    }

    private boolean handleSms(String messageId, SmsRequest request) {
        SmsSender.Outcome outcome;
        try {
            outcome = sms.send(request);
        } catch (RuntimeException e) {
            metrics.record(Metric.SMS_FAILED, 1);
            throw e;
        }
        if (outcome == SmsSender.Outcome.SENT) {
            metrics.record(Metric.SMS_SENT, 1);
        }
        LOG.info("sms {} ({} {} to {}): {}", request.notificationId(), request.template(), messageId,
                maskPhone(request.phoneE164()), outcome);
        return outcome != SmsSender.Outcome.IN_FLIGHT;
    }

    private boolean handleAlert(String messageId, Alert alert) {
        boolean changed = alertEmails.raise(alerts, alert);
        LOG.info("alert {} {} {} for {}: {}", alert.key(), alert.resolved() ? "resolved" : "raised", messageId,
                alert.resellerId().orElse("platform"), changed ? "applied" : "stale or duplicate, ignored");
        return true;
    }

    /** "+254*******78": enough to tell customers apart in a support call. */
    static String maskPhone(String e164) {
        if (e164 == null || e164.length() < 7) {
            return "****";
        }
        return e164.substring(0, 4) + "*".repeat(e164.length() - 6) + e164.substring(e164.length() - 2);
    }
}
