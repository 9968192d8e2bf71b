package com.wispbill.adapters.outbox;

import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.RouterCommandQueue;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox messages to their queues and deletes them once sent. A message is deleted only after
 * its send succeeded; if the process dies in between, the relay sends it again and the message's
 * own id deduplicates it downstream (FIFO deduplication id = router command id; the notifier keys on
 * the notification id). The one home for "send after the commit, else leave it to the relay": every
 * writer of outbox messages (payments, the reseller API, the sweeper) sends through it.
 */
public final class OutboxDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);

    private final OutboxRepository outbox;
    private final RouterCommandQueue routerCommands;
    private final NotificationQueue notifications;

    public OutboxDelivery(OutboxRepository outbox, RouterCommandQueue routerCommands, NotificationQueue notifications) {
        this.outbox = outbox;
        this.routerCommands = routerCommands;
        this.notifications = notifications;
    }

    /**
     * For a function that queues router commands only (it has no notifications queue): an SMS message
     * is never written by such a function, and if one were it would stay in the outbox for the relay.
     */
    public static OutboxDelivery routerCommandsOnly(OutboxRepository outbox, RouterCommandQueue routerCommands) {
        return new OutboxDelivery(outbox, routerCommands, new NotificationQueue() {
            @Override
            public void send(SmsRequest sms) {
                throw new IllegalStateException("this function has no notifications queue; the relay sends " + sms.notificationId());
            }

            @Override
            public void send(Alert alert) {
                throw new IllegalStateException("this function has no notifications queue; the relay sends alert " + alert.key());
            }
        });
    }

    /** Sends and deletes one message; throws if it could not be sent (it then stays for the relay). */
    public void deliver(OutboxMessage message) {
        switch (message.destination()) {
            case ROUTER_COMMANDS -> routerCommands.send(MessageCodec.decodeRouterCommand(message.body()));
            case NOTIFICATIONS -> {
                switch (MessageCodec.notificationKind(message.body())) {
                    case SMS -> notifications.send(MessageCodec.decodeSms(message.body()));
                    case ALERT -> notifications.send(MessageCodec.decodeAlert(message.body()));
                }
            }
        }
        outbox.delete(message);
    }

    /** Best effort over several messages; returns how many were delivered. Failures are left to the relay. */
    public int deliverAll(List<OutboxMessage> messages) {
        int delivered = 0;
        for (OutboxMessage message : messages) {
            try {
                deliver(message);
                delivered++;
            } catch (RuntimeException e) {
                LOG.warn("outbox message {} not sent now, the relay will retry: {}", message, e.toString());
            }
        }
        return delivered;
    }
}
