package com.wispbill.domain.enforcement;

import com.wispbill.domain.Plan;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.RateLimit;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.DisablePppSecret;
import com.wispbill.domain.routercommand.EnableHotspotUser;
import com.wispbill.domain.routercommand.EnablePppSecret;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsurePppProfile;
import com.wispbill.domain.routercommand.IsolateUser;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.KickPppUser;
import com.wispbill.domain.routercommand.RestoreUser;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routercommand.ThrottleUser;
import com.wispbill.domain.routercommand.UserService;
import com.wispbill.domain.voucher.VoucherProvisioning;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    // ---------------------------------------------------------------- per plan (PlanEnforcement)

    /**
     * What the router is told when the subscription's validity ends: isolated to the pay page for ISOLATE
     * plans, else cut off. Without the plan (deleted meanwhile) it is cut off.
     */
    public static List<RouterCommandEnvelope> atExpiry(Subscription s, Optional<Plan> plan, String event, Instant issuedAt) {
        if (mode(plan) == PlanEnforcement.ISOLATE) {
            return envelopes(s.resellerId(), s.routerId(), "SUB", s.id(), Cause.EXPIRED, event, issuedAt,
                    List.of(new IsolateUser(UserService.of(s.kind()), s.username())));
        }
        return cutOff(s, Cause.EXPIRED, event, issuedAt);
    }

    /** The same for a voucher's hotspot user. */
    public static List<RouterCommandEnvelope> atExpiry(Voucher v, Optional<Plan> plan, String event, Instant issuedAt) {
        if (mode(plan) == PlanEnforcement.ISOLATE) {
            return envelopes(v.resellerId(), v.routerId(), "VOUCHER", v.id(), Cause.EXPIRED, event, issuedAt,
                    List.of(new IsolateUser(UserService.HOTSPOT, v.code())));
        }
        return cutOff(v, Cause.EXPIRED, event, issuedAt);
    }

    /**
     * What the router is told when the subscription's allowance is used up in {@code period}: throttled to
     * the fair-use rate (FUP: its fair-use profile ensured first), isolated (ISOLATE) or cut off (CUT_OFF).
     */
    public static List<RouterCommandEnvelope> atQuota(Subscription s, Plan plan, String period, Instant issuedAt) {
        return switch (plan.enforcement()) {
            case CUT_OFF -> cutOff(s, Cause.QUOTA, period, issuedAt);
            case ISOLATE -> envelopes(s.resellerId(), s.routerId(), "SUB", s.id(), Cause.QUOTA, period, issuedAt,
                    List.of(new IsolateUser(UserService.of(s.kind()), s.username())));
            case FUP -> envelopes(s.resellerId(), s.routerId(), "SUB", s.id(), Cause.QUOTA, period, issuedAt,
                    throttle(UserService.of(s.kind()), s.username(), plan));
        };
    }

    /** The same for a voucher; an ISOLATE voucher is cut off (its router limits end its sessions anyway). */
    public static List<RouterCommandEnvelope> atQuota(Voucher v, Plan plan, String period, Instant issuedAt) {
        if (plan.enforcement() == PlanEnforcement.FUP) {
            return envelopes(v.resellerId(), v.routerId(), "VOUCHER", v.id(), Cause.QUOTA, period, issuedAt,
                    throttle(UserService.HOTSPOT, v.code(), plan));
        }
        return cutOff(v, Cause.QUOTA, period, issuedAt);
    }

    /**
     * What a renewal or payment queues for the renewed subscription, after storing it: the plan's profile
     * ensured, then the user back on it, enabled, without isolation or throttle ({@link RestoreUser}).
     * Safe for every plan and state: a user that was never cut, isolated or throttled changes nothing.
     */
    public static List<RouterCommand> reinstate(Subscription renewed, Plan plan) {
        UserService service = UserService.of(renewed.kind());
        return List.of(planProfile(service, plan, VoucherProvisioning.profileName(plan), plan.rateLimit()),
                new RestoreUser(service, renewed.username(), VoucherProvisioning.profileName(plan)));
    }

    /**
     * {@link #afterLostCutOff} for a plan: a renewal that won against an isolation or throttle needs the
     * user restored to the plan, not only enabled.
     */
    public static List<RouterCommandEnvelope> afterLostCutOff(Subscription cut, Subscription stored, Plan plan,
                                                              Instant now) {
        List<RouterCommandEnvelope> enable = afterLostCutOff(cut, stored, now);
        if (enable.isEmpty() || plan.enforcement() == PlanEnforcement.CUT_OFF) {
            return enable;
        }
        return envelopes(stored.resellerId(), stored.routerId(), "SUB", stored.id(), Cause.RESTORED,
                stored.expiresAt().getEpochSecond() + "-after-" + cut.expiresAt().getEpochSecond(), now,
                reinstate(stored, plan));
    }

    private static PlanEnforcement mode(Optional<Plan> plan) {
        return plan.map(Plan::enforcement).orElse(PlanEnforcement.CUT_OFF);
    }

    private static List<RouterCommand> throttle(UserService service, String username, Plan plan) {
        RateLimit rate = plan.fairUseRate().orElseThrow(() -> new IllegalStateException(
                "plan " + plan.id() + " is FUP without a fair-use rate"));
        String profile = VoucherProvisioning.fairUseProfileName(plan);
        return List.of(planProfile(service, plan, profile, Optional.of(rate)),
                new ThrottleUser(service, username, profile, rate));
    }

    private static RouterCommand planProfile(UserService service, Plan plan, String name, Optional<RateLimit> rate) {
        return service == UserService.PPP ? new EnsurePppProfile(name, rate)
                : new EnsureHotspotProfile(name, rate, plan.sharedUsers());
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
