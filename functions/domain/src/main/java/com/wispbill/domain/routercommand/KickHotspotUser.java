package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;

/**
 * The hotspot user {@code name} has no active session: every {@code /ip/hotspot/active} entry of
 * that user is removed, which disconnects its devices. The account itself stays.
 *
 * @param name hotspot user login name; for voucher sales the voucher code (masked in {@code toString()})
 */
public record KickHotspotUser(String name) implements RouterCommand {

    public KickHotspotUser {
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "KickHotspotUser[name=" + LogSafe.maskCode(name) + "]";
    }
}
