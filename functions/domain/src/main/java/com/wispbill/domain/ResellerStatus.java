package com.wispbill.domain;

/** A suspended reseller's API keys and portal stop working; their data stays. */
public enum ResellerStatus {
    ACTIVE,
    SUSPENDED
}
