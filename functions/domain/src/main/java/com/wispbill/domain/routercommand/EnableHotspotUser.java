package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;

/**
 * The hotspot user {@code name} is enabled. Unlike disable, a missing user is an error: enabling
 * something that is not on the router means the desired state and the router disagree, which a
 * reconcile must repair by ensuring the user.
 *
 * @param name hotspot user login name; for voucher sales the voucher code (masked in {@code toString()})
 */
public record EnableHotspotUser(String name) implements RouterCommand {

    public EnableHotspotUser {
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "EnableHotspotUser[name=" + LogSafe.maskCode(name) + "]";
    }
}
