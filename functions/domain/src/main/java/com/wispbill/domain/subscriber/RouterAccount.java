package com.wispbill.domain.subscriber;

import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.Validation;
import com.wispbill.domain.routercommand.EnsurePppSecret;
import com.wispbill.domain.routercommand.RouterOsValues;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a subscription's router login needs besides its username: the password, and for PPPoE an optional
 * static address ({@code remote-address}) and MAC binding ({@code caller-id}). Kept apart from the
 * subscription so a plan change can put the same login on the router again.
 */
public record RouterAccount(String subscriptionId, String password, Optional<String> staticIp, Optional<String> macAddress) {

    public RouterAccount {
        staticIp = Objects.requireNonNullElse(staticIp, Optional.<String>empty()).map(String::strip);
        macAddress = Objects.requireNonNullElse(macAddress, Optional.<String>empty())
                .map(mac -> mac.strip().replace('-', ':').toUpperCase(Locale.ROOT));
        Validation v = new Validation();
        v.id(subscriptionId, "subscriptionId");
        RouterOsValues.password(v, password, "password", false);
        staticIp.ifPresent(ip -> v.check(EnsurePppSecret.isIpv4(ip), "staticIp", "must be an IPv4 address like 10.10.0.25"));
        macAddress.ifPresent(mac -> v.check(EnsurePppSecret.isMac(mac), "macAddress",
                "must be a MAC address like AA:BB:CC:DD:EE:FF"));
        v.throwIfInvalid();
    }

    /** Static address and MAC binding exist for PPPoE secrets only; a hotspot account with them is refused. */
    public static void checkKind(SubscriptionKind kind, Optional<String> staticIp, Optional<String> macAddress, Validation v) {
        if (kind == SubscriptionKind.HOTSPOT) {
            v.check(staticIp.isEmpty(), "staticIp", "is for PPPOE subscriptions only");
            v.check(macAddress.isEmpty(), "macAddress", "is for PPPOE subscriptions only");
        }
    }
}
