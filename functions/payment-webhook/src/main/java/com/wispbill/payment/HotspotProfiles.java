package com.wispbill.payment;

import com.wispbill.domain.Plan;

/**
 * The hotspot user profile a plan's users get on the router: {@code wb-<planId>}, which carries the
 * plan's rate limit and shared-users setting (ensured on the router when the plan is provisioned).
 */
public final class HotspotProfiles {
    private HotspotProfiles() {
    }

    public static String nameFor(Plan plan) {
        return "wb-" + plan.id();
    }
}
