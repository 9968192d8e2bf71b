package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;
import java.util.Objects;

/**
 * The user {@code name} stays connected but isolated: its hotspot user or PPP secret is enabled and in
 * the profile {@link Isolation#PROFILE} (later logins land in the isolation address list through the
 * profile), and the addresses of its current sessions are in the address list {@link Isolation#ADDRESS_LIST}
 * (so the running session is redirected to the pay page now, without a kick). Running it again changes
 * nothing.
 *
 * @param service hotspot user or PPP secret
 * @param name    login name; for vouchers the code (masked in {@code toString()})
 */
public record IsolateUser(UserService service, String name) implements RouterCommand {

    public IsolateUser {
        Objects.requireNonNull(service, "service");
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "IsolateUser[" + service + ", name=" + LogSafe.maskCode(name) + "]";
    }
}
