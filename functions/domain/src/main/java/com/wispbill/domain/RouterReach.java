package com.wispbill.domain;

import java.util.Optional;

/**
 * Whether a router has ever answered us: a poll found it (its health has a {@code lastSeenAt}, which survives
 * failed polls) or a connection test the reseller asked for logged in. Until then nothing is sold on it: a batch
 * stays PENDING_ROUTER, a portal takes no money, and a paid grant stays PENDING_ROUTER. Once reached a router stays
 * reached (going offline later is the poll's alerts' business, not a reason to refuse sales).
 */
public final class RouterReach {
    private RouterReach() {
    }

    public static boolean reached(Optional<RouterHealth> health, Optional<RouterConnectionTest> lastTest) {
        return health.flatMap(RouterHealth::lastSeenAt).isPresent()
                || lastTest.map(t -> t.status() == RouterConnectionTest.Status.OK).orElse(false);
    }

    /** Why a paid grant (a voucher sold, an account renewed) is not usable yet: PENDING_ROUTER until its router takes it. */
    public static String grantPendingReason(String routerId, boolean reached) {
        return reached ? "waiting for router " + routerId + " to take it" : neverReachedReason(routerId);
    }

    /** Why nothing is sold on {@code routerId} yet, as the reseller's views and the portal say it. */
    public static String neverReachedReason(String routerId) {
        return "router " + routerId + " never reached yet: nothing is sold on it until it answers (a poll or a "
                + "successful connection test)";
    }
}
