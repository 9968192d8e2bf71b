package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;

/**
 * The PPP secret {@code name} does not exist on the router (removed if present).
 *
 * @param name PPP secret (account) name
 */
public record RemovePppSecret(String name) implements RouterCommand {

    public RemovePppSecret {
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "RemovePppSecret[name=" + name + "]";
    }
}
