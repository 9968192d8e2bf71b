package com.wispbill.payment;

import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.RouterCommandQueue;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox messages to their queues and deletes them once sent. A message is deleted only after
 * its send succeeded; if the process dies in between, the relay sends it again and the message's
 * own id deduplicates it downstream (FIFO deduplication id = router command id; the notifier keys on
 * the notification id).
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

    /** Sends and deletes one message; throws if it could not be sent (it then stays for the relay). */
    public void deliver(OutboxMessage message) {
        switch (message.destination()) {
            case ROUTER_COMMANDS -> routerCommands.send(MessageCodec.decodeRouterCommand(message.body()));
            case NOTIFICATIONS -> notifications.send(MessageCodec.decodeSms(message.body()));
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
