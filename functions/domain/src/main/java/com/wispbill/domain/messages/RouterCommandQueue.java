package com.wispbill.domain.messages;

import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.util.List;

/** Sends router commands to the router driver, in order per router; a command id is sent at most once per dedup window. */
public interface RouterCommandQueue {
    void send(List<RouterCommandEnvelope> commands);

    default void send(RouterCommandEnvelope command) {
        send(List.of(command));
    }
}
