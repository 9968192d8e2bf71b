package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;

/**
 * The PPP secret {@code name} is disabled: it cannot dial in again. A secret that does not exist needs
 * nothing done. A session already up is not ended by this: follow it with {@link KickPppUser}.
 *
 * @param name PPP secret (account) name
 */
public record DisablePppSecret(String name) implements RouterCommand {

    public DisablePppSecret {
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "DisablePppSecret[name=" + name + "]";
    }
}
