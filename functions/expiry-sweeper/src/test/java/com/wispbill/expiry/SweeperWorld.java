package com.wispbill.expiry;

import com.wispbill.adapters.AwsClients;
import com.wispbill.domain.Money;
import com.wispbill.testing.MutableClock;
import com.wispbill.testing.stack.StackWorld;
import java.time.Instant;

/** The shared stack world (EUR resellers) with the sweeper's handler. */
final class SweeperWorld extends StackWorld {

    private SweeperWorld() {
        super(startStack(), new MutableClock(Instant.parse("2026-11-22T09:00:00Z")), AwsClients.newDynamoDbClient(),
                Money.of(500, "EUR"), "Weekend");
    }

    /** The stack with no function wired: tests call the handler themselves. */
    static SweeperWorld start() {
        return new SweeperWorld();
    }

    ExpirySweeperHandler handler() {
        return new ExpirySweeperHandler(store, routerCommands, notifications, clock);
    }
}
