package com.wispbill.domain.messages;

import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.util.List;

/**
 * Sends router commands to the router driver, in order per router; a command (or bulk) id is sent at
 * most once per dedup window. Commands of one router travel together, up to
 * {@link RouterCommandBulk#MAX_COMMANDS} per message.
 */
public interface RouterCommandQueue {
    /** Sends {@code commands} grouped per router into bulks ({@link RouterCommandBulk#group}). */
    void send(List<RouterCommandEnvelope> commands);

    default void send(RouterCommandEnvelope command) {
        send(List.of(command));
    }

    /**
     * Sends bulks as built by the producer (e.g. a voucher batch's parts with their receipts), in order.
     * The default sends their commands without receipts: for queues that only record what was sent.
     */
    default void sendBulks(List<RouterCommandBulk> bulks) {
        bulks.forEach(b -> send(b.commands()));
    }
}
