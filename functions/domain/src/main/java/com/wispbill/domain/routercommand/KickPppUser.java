package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;

/**
 * The PPP user {@code name} has no active session: every {@code /ppp/active} entry of that user
 * is removed. The secret itself stays.
 *
 * @param name PPP secret (account) name
 */
public record KickPppUser(String name) implements RouterCommand {

    public KickPppUser {
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "KickPppUser[name=" + name + "]";
    }
}
