package com.wispbill.domain.routercommand;

import com.wispbill.domain.RateLimit;
import com.wispbill.domain.Validation;
import java.util.Objects;

/**
 * Fair use: the user {@code name} stays connected at {@code rate}. Its hotspot user or PPP secret moves
 * to {@code profile} (which has that rate limit, ensured before by an {@code Ensure…Profile} command; it
 * applies from the next login), and its current sessions' addresses are the target of the simple queue
 * {@link Isolation#queueName} with {@code max-limit=rate} (which applies now). The disabled flag is not
 * touched. Running it again changes nothing.
 *
 * @param service hotspot user or PPP secret
 * @param name    login name
 * @param profile the plan's fair-use profile
 * @param rate    the fair-use rate (rx/tx as the router sees the client: upload/download)
 */
public record ThrottleUser(UserService service, String name, String profile, RateLimit rate) implements RouterCommand {

    public ThrottleUser {
        Objects.requireNonNull(service, "service");
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        RouterOsValues.name(v, profile, "profile");
        v.notNull(rate, "rate");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "ThrottleUser[" + service + ", name=" + LogSafe.maskCode(name) + ", profile=" + profile + ", rate="
                + rate + "]";
    }
}
