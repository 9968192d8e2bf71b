package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;
import java.util.Objects;

/**
 * The user {@code name} is back on its plan: enabled, in {@code profile}, and nothing of an isolation or
 * a fair-use throttle is left (its entries in {@link Isolation#ADDRESS_LIST} and its simple queue
 * {@link Isolation#queueName} are removed). What a renewal queues; a user that was never isolated or
 * throttled is just enabled in the profile it already has.
 *
 * @param service hotspot user or PPP secret
 * @param name    login name
 * @param profile the plan's profile
 */
public record RestoreUser(UserService service, String name, String profile) implements RouterCommand {

    public RestoreUser {
        Objects.requireNonNull(service, "service");
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        RouterOsValues.name(v, profile, "profile");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "RestoreUser[" + service + ", name=" + LogSafe.maskCode(name) + ", profile=" + profile + "]";
    }
}
