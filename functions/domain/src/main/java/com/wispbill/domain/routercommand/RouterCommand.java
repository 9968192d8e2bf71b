package com.wispbill.domain.routercommand;

/**
 * One change to a router's configuration, stated as the end state it leaves behind so that running it
 * again (a redelivered queue message, a retry after a lost reply) changes nothing more:
 * <ul>
 *   <li>{@code Ensure…}: the object exists with exactly these attributes (created or updated);</li>
 *   <li>{@code Disable…}/{@code Enable…}: the object's disabled flag has this value;</li>
 *   <li>{@code Remove…}: the object does not exist;</li>
 *   <li>{@code Kick…}: the user has no active session (sessions are ended, the account stays);</li>
 *   <li>{@link IsolateUser}, {@link ThrottleUser}, {@link RestoreUser}: the user is isolated to the pay
 *       page, throttled to a fair-use rate, or back on its plan (expiry and quota per plan).</li>
 * </ul>
 * Records validate their values on construction (see {@link RouterOsValues}) and never show passwords
 * or whole voucher codes in {@code toString()}.
 */
public sealed interface RouterCommand permits
        EnsureHotspotUser, DisableHotspotUser, EnableHotspotUser, RemoveHotspotUser, KickHotspotUser,
        EnsurePppSecret, DisablePppSecret, EnablePppSecret, RemovePppSecret, KickPppUser,
        EnsureHotspotProfile, EnsurePppProfile, IsolateUser, RestoreUser, ThrottleUser, TestConnection {

    /** The stable name of the command type, e.g. {@code "EnsureHotspotUser"}, for logs and metrics. */
    default String type() {
        return getClass().getSimpleName();
    }
}
