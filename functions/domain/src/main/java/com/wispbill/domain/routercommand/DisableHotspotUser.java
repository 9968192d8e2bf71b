package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;

/**
 * The hotspot user {@code name} is disabled: it cannot log in again. A user that does not exist needs
 * nothing done. Sessions already online are not ended by this: follow it with {@link KickHotspotUser}.
 *
 * @param name hotspot user login name; for voucher sales the voucher code (masked in {@code toString()})
 */
public record DisableHotspotUser(String name) implements RouterCommand {

    public DisableHotspotUser {
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "DisableHotspotUser[name=" + LogSafe.maskCode(name) + "]";
    }
}
