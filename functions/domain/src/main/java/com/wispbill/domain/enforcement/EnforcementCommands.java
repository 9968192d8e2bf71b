package com.wispbill.domain.enforcement;

import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.DisablePppSecret;
import com.wispbill.domain.routercommand.EnableHotspotUser;
import com.wispbill.domain.routercommand.EnablePppSecret;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.KickPppUser;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Instant;
import java.util.List;

/**
 * The router commands that cut a user off (disable, so it cannot log in again, then kick, so the
 * running session ends) or let it back in (enable). Ids are derived from the subject, the event and
 * the command type ({@link CommandIds}), so whoever issues the same decision again issues the same
 * commands.
 *
 * @see Cause
 */
public final class EnforcementCommands {

    /** Why a user is cut off or let back in; part of the command id. */
    public enum Cause {
        /** Validity ran out (the expiry sweep); the event is the expiry instant. */
        EXPIRED,
        /** The data or uptime allowance is used up; the event is the quota period. */
        QUOTA,
        /** A renewal or top-up lifted a cut-off; the event is the new expiry. */
        RESTORED
    }

    private EnforcementCommands() {
    }

    /** Disable then kick the subscription's user; {@code event} says which expiry or period. */
    public static List<RouterCommandEnvelope> cutOff(Subscription s, Cause cause, String event, Instant issuedAt) {
        List<RouterCommand> commands = s.kind() == SubscriptionKind.PPPOE
                ? List.of(new DisablePppSecret(s.username()), new KickPppUser(s.username()))
                : List.of(new DisableHotspotUser(s.username()), new KickHotspotUser(s.username()));
        return envelopes(s.resellerId(), s.routerId(), "SUB", s.id(), cause, event, issuedAt, commands);
    }

    /** Disable then kick the voucher's hotspot user. */
    public static List<RouterCommandEnvelope> cutOff(Voucher v, Cause cause, String event, Instant issuedAt) {
        return envelopes(v.resellerId(), v.routerId(), "VOUCHER", v.id(), cause, event, issuedAt,
                List.of(new DisableHotspotUser(v.code()), new KickHotspotUser(v.code())));
    }

    /**
     * Enable the subscription's user again: what a renewal or top-up of a SUSPENDED_QUOTA or EXPIRED
     * subscription must queue after storing it ({@code renewed} is the subscription as stored).
     */
    public static List<RouterCommandEnvelope> restore(Subscription renewed, Instant issuedAt) {
        return restore(renewed, Long.toString(renewed.expiresAt().getEpochSecond()), issuedAt);
    }

    /**
     * Enable again after a cut-off for {@code cutExpiry} that raced with the renewal to
     * {@code renewed}: an id of its own, so the queue does not drop it as a duplicate of the
     * renewal's enable, which may have been queued before the cut-off.
     */
    public static List<RouterCommandEnvelope> restoreAfterCutOff(Subscription renewed, Instant cutExpiry, Instant issuedAt) {
        return restore(renewed, renewed.expiresAt().getEpochSecond() + "-after-" + cutExpiry.getEpochSecond(), issuedAt);
    }

    /**
     * What must follow a cut-off (expiry or quota) of {@code cut} that lost its conditional write to a
     * change now stored as {@code stored}. A renewal (ACTIVE, with another expiry that is not due) must
     * win on the router too, and the disable already queued would stand, since a renewal of a user that
     * was still ACTIVE queues no enable: {@link #restoreAfterCutOff}. Anything else (expired or suspended
     * meanwhile, cancelled) lets the cut-off stand: nothing.
     */
    public static List<RouterCommandEnvelope> afterLostCutOff(Subscription cut, Subscription stored, Instant now) {
        boolean renewed = stored.status() == SubscriptionStatus.ACTIVE && !stored.expiresAt().equals(cut.expiresAt())
                && !stored.isDue(now);
        return renewed ? restoreAfterCutOff(stored, cut.expiresAt(), now) : List.of();
    }

    /**
     * The command that lets the subscription's user log in again, by its kind. Who enables under an id of
     * its own (a payment, a manual extension) wraps it in its own envelope; the sweeps use {@link #restore}.
     */
    public static RouterCommand enable(Subscription s) {
        return s.kind() == SubscriptionKind.PPPOE
                ? new EnablePppSecret(s.username())
                : new EnableHotspotUser(s.username());
    }

    private static List<RouterCommandEnvelope> restore(Subscription renewed, String event, Instant issuedAt) {
        return envelopes(renewed.resellerId(), renewed.routerId(), "SUB", renewed.id(), Cause.RESTORED, event,
                issuedAt, List.of(enable(renewed)));
    }

    private static List<RouterCommandEnvelope> envelopes(String resellerId, String routerId, String subjectKind,
                                                         String subjectId, Cause cause, String event,
                                                         Instant issuedAt, List<RouterCommand> commands) {
        return commands.stream()
                .map(c -> new RouterCommandEnvelope(
                        CommandIds.derive(resellerId, subjectKind, subjectId, cause.name(), event, c.type()),
                        resellerId, routerId, issuedAt, c))
                .toList();
    }
}
