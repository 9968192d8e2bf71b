package com.wispbill.domain;

/** Which RouterOS service the subscription's username lives in. */
public enum SubscriptionKind {
    /** /ip/hotspot/user */
    HOTSPOT,
    /** /ppp/secret with service pppoe */
    PPPOE
}
