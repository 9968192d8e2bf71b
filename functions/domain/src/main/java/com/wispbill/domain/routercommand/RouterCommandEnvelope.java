package com.wispbill.domain.routercommand;

import com.wispbill.domain.Ids;
import com.wispbill.domain.Validation;
import java.time.Clock;
import java.time.Instant;

/**
 * A {@link RouterCommand} addressed to one router of one reseller, as carried on
 * {@code router-commands.fifo} (message group = {@code routerId}, so one router's commands keep their
 * order).
 *
 * @param commandId  unique per command; the queue's deduplication id and the key under which the
 *                   driver records that it has run, so a redelivery is recognised. Producers that may
 *                   issue the same command twice (a retried batch) should derive it from what they act
 *                   on instead of drawing a new one.
 * @param resellerId the tenant owning the router; the driver must only act on a router stored under it
 * @param routerId   the router to change
 * @param issuedAt   when the producer decided on the command (UTC)
 * @param command    the change itself
 */
public record RouterCommandEnvelope(
        String commandId,
        String resellerId,
        String routerId,
        Instant issuedAt,
        RouterCommand command) {

    public RouterCommandEnvelope {
        Validation v = new Validation();
        v.id(commandId, "commandId");
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.notNull(issuedAt, "issuedAt");
        v.notNull(command, "command");
        v.throwIfInvalid();
    }

    /** A new envelope with a fresh unique command id, issued now by {@code clock}. */
    public static RouterCommandEnvelope issue(String resellerId, String routerId, RouterCommand command, Clock clock) {
        return new RouterCommandEnvelope(Ids.newId(clock), resellerId, routerId, clock.instant(), command);
    }
}
