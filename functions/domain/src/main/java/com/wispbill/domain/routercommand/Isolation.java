package com.wispbill.domain.routercommand;

/**
 * The names the isolation of lapsed users shares between the router setup script (which creates them),
 * the driver (which moves users into them) and the simulator's tests. A user in {@link #PROFILE} gets
 * its addresses into {@link #ADDRESS_LIST} (the profile's {@code address-list}), whose web traffic the
 * setup script's NAT rule sends to the portal's pay page.
 */
public final class Isolation {
    /** The hotspot user profile and PPP profile of isolated users. */
    public static final String PROFILE = "wispbill-expired";
    /** The firewall address list of isolated users' addresses. */
    public static final String ADDRESS_LIST = "wispbill-expired";
    /** Comment prefix of the address-list entries and simple queues the driver adds for one user. */
    public static final String COMMENT_PREFIX = "wispbill:";
    /** Name prefix of the simple queue that throttles one fair-use user's current sessions. */
    public static final String QUEUE_PREFIX = "wispbill-fup-";

    private Isolation() {
    }

    /** The comment marking what the driver added for {@code user}. */
    public static String comment(String user) {
        return COMMENT_PREFIX + user;
    }

    /** The simple queue of {@code user}'s current sessions while throttled. */
    public static String queueName(String user) {
        return QUEUE_PREFIX + user;
    }
}
