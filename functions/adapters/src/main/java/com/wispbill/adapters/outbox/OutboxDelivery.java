package com.wispbill.adapters.outbox;

import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.adapters.logging.CorrelationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final boolean sendsNotifications;

    public OutboxDelivery(OutboxRepository outbox, RouterCommandQueue routerCommands, NotificationQueue notifications) {
        this(outbox, routerCommands, notifications, true);
    }

    private OutboxDelivery(OutboxRepository outbox, RouterCommandQueue routerCommands, NotificationQueue notifications,
                           boolean sendsNotifications) {
        this.outbox = outbox;
        this.routerCommands = routerCommands;
        this.notifications = notifications;
        this.sendsNotifications = sendsNotifications;
    }

    /** Whether this function has a notifications queue; without one, its SMS messages wait for the relay. */
    public boolean sendsNotifications() {
        return sendsNotifications;
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
        }, false);
    }

    /** Sends and deletes one message; throws if it could not be sent (it then stays for the relay). */
    public void deliver(OutboxMessage message) {
        switch (message.destination()) {
            case ROUTER_COMMANDS -> routerCommands.send(MessageCodec.decodeRouterCommand(message.body()));
            case NOTIFICATIONS -> sendNotification(message);
        }
        outbox.delete(message);
    }

    /**
     * Best effort over several messages; returns how many were delivered. Failures are left to the relay.
     * The router commands go in one SendMessageBatch (in order: FIFO keeps the order of a batch's entries)
     * while the notifications are sent beside it, and the delivered messages are deleted in one
     * BatchWriteItem: two sequential round trips after the commit however many messages there are (up to
     * ten commands).
     */
    public int deliverAll(List<OutboxMessage> messages) {
        List<OutboxMessage> commands = messages.stream().filter(m -> m.destination() == OutboxMessage.Destination.ROUTER_COMMANDS).toList();
        List<OutboxMessage> notices = messages.stream().filter(m -> m.destination() == OutboxMessage.Destination.NOTIFICATIONS).toList();
        List<OutboxMessage> delivered = new ArrayList<>();
        Optional<String> correlationId = CorrelationId.current();
        Thread commandSender = commands.isEmpty() || notices.isEmpty() ? null : Thread.ofVirtual().start(() -> {
            correlationId.ifPresent(CorrelationId::set);
            sendCommands(commands, delivered);
        });
        if (commandSender == null) {
            sendCommands(commands, delivered);
        }
        notices.forEach(notice -> {
            try {
                sendNotification(notice);
                synchronized (delivered) {
                    delivered.add(notice);
                }
            } catch (RuntimeException e) {
                LOG.warn("outbox message {} not sent now, the relay will retry: {}", notice, e.toString());
            }
        });
        if (commandSender != null) {
            try {
                commandSender.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0; // nothing deleted: the relay sends them (again), their ids deduplicate downstream
            }
        }
        if (delivered.isEmpty()) {
            return 0;
        }
        try {
            outbox.deleteAll(delivered);
        } catch (RuntimeException e) {
            LOG.warn("{} sent outbox messages not deleted, the relay will send them again (deduplicated downstream): {}",
                    delivered.size(), e.toString());
        }
        return delivered.size();
    }

    private void sendCommands(List<OutboxMessage> commands, List<OutboxMessage> delivered) {
        if (commands.isEmpty()) {
            return;
        }
        try {
            routerCommands.send(commands.stream().map(m -> MessageCodec.decodeRouterCommand(m.body())).toList());
            synchronized (delivered) {
                delivered.addAll(commands);
            }
        } catch (RuntimeException e) {
            if (commands.size() == 1) {
                LOG.warn("outbox message {} not sent now, the relay will retry: {}", commands.get(0), e.toString());
                return;
            }
            // One message SQS refuses must not hold the others back: one by one (deduplication ids make
            // a resend of what the batch did queue harmless).
            for (OutboxMessage command : commands) {
                sendCommands(List.of(command), delivered);
            }
        }
    }

    private void sendNotification(OutboxMessage message) {
        switch (MessageCodec.notificationKind(message.body())) {
            case SMS -> notifications.send(MessageCodec.decodeSms(message.body()));
            case ALERT -> notifications.send(MessageCodec.decodeAlert(message.body()));
        }
    }
}
