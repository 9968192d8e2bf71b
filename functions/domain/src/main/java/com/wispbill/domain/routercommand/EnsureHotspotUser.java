package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The hotspot user {@code name} exists ({@code /ip/hotspot/user}) with this password, profile, limits
 * and comment. Absent limits mean "no limit": an existing limit on the router is cleared.
 *
 * <p>The disabled flag of an existing user is deliberately not part of this state: only
 * {@link DisableHotspotUser} and {@link EnableHotspotUser} change it, so a late duplicate of an old
 * ensure can never re-enable a voucher that has expired since. A new user is created enabled.
 *
 * @param name            login name; for voucher sales, the voucher code (a secret, masked in {@code toString()})
 * @param password        login password; may be empty (code-only vouchers)
 * @param profile         name of the {@code /ip/hotspot/user/profile} that sets speed and shared users
 * @param limitUptime     total online time allowed, whole seconds, if limited
 * @param limitBytesTotal total bytes (in + out) allowed, if limited
 * @param comment         free text shown on the router, e.g. the batch or subscription id; may be empty
 */
public record EnsureHotspotUser(
        String name,
        String password,
        String profile,
        Optional<Duration> limitUptime,
        OptionalLong limitBytesTotal,
        String comment) implements RouterCommand {

    public EnsureHotspotUser {
        limitUptime = Objects.requireNonNullElse(limitUptime, Optional.empty());
        limitBytesTotal = Objects.requireNonNullElse(limitBytesTotal, OptionalLong.empty());
        comment = Objects.requireNonNullElse(comment, "");
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        RouterOsValues.password(v, password, "password", true);
        RouterOsValues.name(v, profile, "profile");
        limitUptime.ifPresent(uptime -> Limits.uptime(v, uptime, "limitUptime"));
        limitBytesTotal.ifPresent(bytes -> v.check(bytes > 0, "limitBytesTotal", "must be positive"));
        RouterOsValues.comment(v, comment, "comment");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "EnsureHotspotUser[name=" + LogSafe.maskCode(name) + ", password=" + LogSafe.maskPassword(password)
                + ", profile=" + profile + ", limitUptime=" + limitUptime.map(Duration::toString).orElse("none")
                + ", limitBytesTotal=" + (limitBytesTotal.isPresent() ? limitBytesTotal.getAsLong() : "none")
                + ", comment=" + comment + "]";
    }
}
