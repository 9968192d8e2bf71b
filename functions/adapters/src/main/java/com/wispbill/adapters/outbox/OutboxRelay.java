package com.wispbill.adapters.outbox;

import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox messages that their writer did not get to send (it crashed, or the queue was down).
 * Messages younger than {@link #GRACE} are left to the writer, which sends right after its commit.
 */
public final class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    public static final Duration GRACE = Duration.ofSeconds(30);
    private static final int BATCH = 100;

    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final Clock clock;

    public OutboxRelay(OutboxRepository outbox, OutboxDelivery delivery, Clock clock) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** Returns how many messages were delivered. */
    public int run() {
        List<OutboxMessage> pending = outbox.pendingBefore(clock.instant().minus(GRACE), BATCH);
        int delivered = delivery.deliverAll(pending);
        if (!pending.isEmpty()) {
            LOG.info("outbox relay delivered {} of {} pending messages", delivered, pending.size());
        }
        return delivered;
    }
}
