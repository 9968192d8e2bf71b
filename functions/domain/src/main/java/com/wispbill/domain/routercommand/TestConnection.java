package com.wispbill.domain.routercommand;

import com.wispbill.domain.Ids;
import com.wispbill.domain.Validation;

/**
 * Not a change: the router driver logs in, reads what a reseller needs to know the router is set up
 * (identity, RouterOS version, hotspot and PPP present) and stores the result as the router's
 * {@link com.wispbill.domain.RouterConnectionTest} {@code testId}. Never journaled, never retried: a
 * failure is the answer.
 */
public record TestConnection(String testId) implements RouterCommand {
    public TestConnection {
        Validation v = new Validation();
        v.check(Ids.isValid(testId), "testId", "is not a valid id");
        v.throwIfInvalid();
    }
}
