package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;

/**
 * The hotspot user {@code name} does not exist on the router (removed if present).
 *
 * @param name hotspot user login name; for voucher sales the voucher code (masked in {@code toString()})
 */
public record RemoveHotspotUser(String name) implements RouterCommand {

    public RemoveHotspotUser {
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "RemoveHotspotUser[name=" + LogSafe.maskCode(name) + "]";
    }
}
