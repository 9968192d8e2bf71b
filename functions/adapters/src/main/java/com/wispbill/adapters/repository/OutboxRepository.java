package com.wispbill.adapters.repository;

import java.time.Instant;
import java.util.List;

/**
 * Messages waiting to be sent. Writers enlist them in the transaction of the change that caused them,
 * send them after the commit and delete them; the relay sends whatever a crashed writer left behind.
 */
public interface OutboxRepository {
    void add(OutboxMessage message, WriteTransaction tx);

    /** Messages written before {@code cutoff}, oldest first, at most {@code limit}; strongly consistent. */
    List<OutboxMessage> pendingBefore(Instant cutoff, int limit);

    /** Removes a sent message; deleting one already gone is fine. */
    void delete(OutboxMessage message);

    /** Removes sent messages, as few requests as the store allows (one BatchWriteItem per 25 on DynamoDB). */
    default void deleteAll(List<OutboxMessage> messages) {
        messages.forEach(this::delete);
    }
}
