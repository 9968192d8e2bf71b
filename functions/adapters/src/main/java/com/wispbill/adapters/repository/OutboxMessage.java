package com.wispbill.adapters.repository;

import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Instant;
import java.util.Objects;

/**
 * A queue message written in the same transaction as the state change that caused it, and sent
 * afterwards (the transactional outbox). {@code id} is the message's own deduplication key (router
 * command id, notification id), so sending it twice — the writer and the relay both trying — is
 * harmless: the FIFO queue and the consumers deduplicate on it.
 *
 * @param body the message in its queue wire format ({@link MessageCodec})
 */
public record OutboxMessage(String id, Destination destination, String body, Instant createdAt) {

    /** Which queue the message goes to. */
    public enum Destination { ROUTER_COMMANDS, NOTIFICATIONS }

    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        if (id.isBlank() || id.length() > 128 || id.indexOf('#') >= 0) {
            throw new IllegalArgumentException("outbox message ids are 1-128 characters without '#'");
        }
    }

    public static OutboxMessage of(RouterCommandEnvelope command) {
        return new OutboxMessage(command.commandId(), Destination.ROUTER_COMMANDS, MessageCodec.encode(command),
                command.issuedAt());
    }

    public static OutboxMessage of(SmsRequest sms) {
        return new OutboxMessage(sms.notificationId(), Destination.NOTIFICATIONS, MessageCodec.encode(sms), sms.requestedAt());
    }

    /** An alert for the notifier (payment reviews): its id is the alert id, so a resend is the same alert. */
    public static OutboxMessage of(Alert alert) {
        return new OutboxMessage(alert.alertId(), Destination.NOTIFICATIONS, MessageCodec.encode(alert), alert.raisedAt());
    }

    /** The body may hold a voucher code (SMS parameters, hotspot user name): never print it. */
    @Override
    public String toString() {
        return "OutboxMessage[" + id + " -> " + destination + ", created " + createdAt + "]";
    }
}
