package com.wispbill.domain;

/**
 * Whether WISPbill manages a router. Reachability is not a status: it lives in {@link RouterHealth},
 * written by the poller, so configuration and health never overwrite each other.
 */
public enum RouterStatus {
    /** Polled, receives commands. */
    ACTIVE,
    /** Kept for history; not polled, no commands sent. */
    DISABLED
}
