package com.wispbill.domain.routerdriver;

import java.time.Instant;
import java.util.Objects;

/**
 * What one reconcile of a router found different from the desired-state journal, and fixed.
 *
 * @param missing       objects billing wants that were not on the router (created)
 * @param changed       objects whose attributes differed (updated)
 * @param shouldBeDisabled objects billing disabled that were enabled on the router (disabled)
 * @param shouldBeRemoved  objects billing removed that were still on the router (removed)
 * @param unknown       hotspot users and PPP secrets billing never created (disabled, not removed)
 * @param failed        differences that could not be fixed this time (the router refused a change)
 * @param reconciledAt  when the router was read
 */
public record RouterDrift(int missing, int changed, int shouldBeDisabled, int shouldBeRemoved, int unknown,
                          int failed, Instant reconciledAt) {
    public RouterDrift {
        Objects.requireNonNull(reconciledAt, "reconciledAt");
        if (missing < 0 || changed < 0 || shouldBeDisabled < 0 || shouldBeRemoved < 0 || unknown < 0 || failed < 0) {
            throw new IllegalArgumentException("drift counts cannot be negative");
        }
    }

    /** Every difference found. */
    public int total() {
        return missing + changed + shouldBeDisabled + shouldBeRemoved + unknown;
    }
}
