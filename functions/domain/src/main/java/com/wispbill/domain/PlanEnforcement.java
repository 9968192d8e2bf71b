package com.wispbill.domain;

/**
 * What happens to a plan's user when its validity runs out or its data/uptime allowance is used up.
 * The state a subscription moves to is the same for all three (EXPIRED, SUSPENDED_QUOTA); what the
 * router is told differs.
 */
public enum PlanEnforcement {
    /** Disable and kick: the user is off the network until renewed. */
    CUT_OFF,
    /**
     * The user stays connected in the "expired" profile and address list, whose web traffic the router
     * redirects to the portal's pay page (walled garden: the portal and the payment providers); a
     * payment restores the plan's profile.
     */
    ISOLATE,
    /**
     * Fair use: after the data allowance the user stays connected at the plan's fair-use rate instead of
     * being cut; a renewal restores the plan's rate. At expiry the user is cut off as with {@link #CUT_OFF}.
     */
    FUP
}
