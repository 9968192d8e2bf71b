package com.wispbill.router.driver;

import java.util.Objects;
import java.util.Optional;

/**
 * One SQS message of {@code router-commands.fifo}, as the processor needs it.
 *
 * @param messageId    the SQS message id (what a partial batch response names)
 * @param groupId      the FIFO message group (the router id), if the queue gave one
 * @param receiveCount how many times SQS has delivered it, this delivery included
 * @param body         the JSON command envelope (contains secrets: never logged)
 */
public record InboundCommand(String messageId, Optional<String> groupId, int receiveCount, String body) {
    public InboundCommand {
        Objects.requireNonNull(messageId, "messageId");
        groupId = Objects.requireNonNullElse(groupId, Optional.<String>empty()).filter(g -> !g.isBlank());
        body = body == null ? "" : body;
    }

    /** The ordering unit: messages of one group keep their order; a message without a group is alone. */
    String orderingKey() {
        return groupId.map(g -> "group:" + g).orElse("message:" + messageId);
    }

    @Override
    public String toString() {
        return "InboundCommand[messageId=" + messageId + ", group=" + groupId.orElse("-") + ", receiveCount="
                + receiveCount + "]";
    }
}
