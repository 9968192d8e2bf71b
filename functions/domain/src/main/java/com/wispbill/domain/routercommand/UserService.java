package com.wispbill.domain.routercommand;

import com.wispbill.domain.SubscriptionKind;

/** Where a user's account lives on the router: a hotspot user or a PPP secret. */
public enum UserService {
    /** {@code /ip/hotspot/user}; sessions in {@code /ip/hotspot/active} (by {@code user}). */
    HOTSPOT,
    /** {@code /ppp/secret}; sessions in {@code /ppp/active} (by {@code name}). */
    PPP;

    public static UserService of(SubscriptionKind kind) {
        return kind == SubscriptionKind.PPPOE ? PPP : HOTSPOT;
    }
}
