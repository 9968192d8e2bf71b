package com.wispbill.domain.messages;

import com.wispbill.domain.Validation;
import java.time.Duration;
import java.time.Instant;

/**
 * One reading of one active session's cumulative counters, as polled from a router. Counters are
 * totals since the session started, so consumers turn consecutive samples of a session into deltas;
 * a counter lower than the previous reading means the session restarted.
 *
 * @param resellerId owner of the router
 * @param routerId   the router polled
 * @param kind       hotspot or PPP session
 * @param sessionId  the router's id of the active entry ({@code .id} of {@code /ip/hotspot/active}
 *                   or {@code session-id} of {@code /ppp/active}); with the user and router it
 *                   identifies one session
 * @param username   the RouterOS user (voucher code or PPPoE name): a secret for vouchers, never logged whole
 * @param bytesIn    bytes from the client (upload), cumulative for the session
 * @param bytesOut   bytes to the client (download), cumulative for the session
 * @param uptime     session uptime, cumulative
 * @param sampledAt  when the router was read (UTC)
 */
public record UsageSample(
        String resellerId,
        String routerId,
        SessionKind kind,
        String sessionId,
        String username,
        long bytesIn,
        long bytesOut,
        Duration uptime,
        Instant sampledAt) {

    public enum SessionKind { HOTSPOT, PPP }

    public UsageSample {
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.notNull(kind, "kind");
        v.text(sessionId, "sessionId", 64);
        v.text(username, "username", 128);
        v.check(bytesIn >= 0, "bytesIn", "must not be negative");
        v.check(bytesOut >= 0, "bytesOut", "must not be negative");
        if (v.notNull(uptime, "uptime")) {
            v.check(!uptime.isNegative(), "uptime", "must not be negative");
        }
        v.notNull(sampledAt, "sampledAt");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "UsageSample[reseller=" + resellerId + ", router=" + routerId + ", " + kind + " session=" + sessionId
                + ", user=" + com.wispbill.domain.routercommand.LogSafe.maskCode(username) + ", in=" + bytesIn
                + ", out=" + bytesOut + ", uptime=" + uptime + ", at=" + sampledAt + "]";
    }
}
