package com.wispbill.domain;

/**
 * Whether WISPbill manages a router. Reachability is not a status: it lives in {@link RouterHealth},
 * written by the poller, so configuration and health never overwrite each other.
 */
public enum RouterStatus {
    /** Polled, receives commands. */
    ACTIVE,
    /** Kept for history; not polled, no commands sent. */
    DISABLED,
    /**
     * Taken out of service through the API: off the poll's index, its alerts resolved, no commands sent; its
     * history stays. Only a retired router may be deleted.
     */
    RETIRED
}
