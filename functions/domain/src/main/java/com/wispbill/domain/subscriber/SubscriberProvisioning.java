package com.wispbill.domain.subscriber;

import com.wispbill.domain.Plan;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.DisablePppSecret;
import com.wispbill.domain.routercommand.EnableHotspotUser;
import com.wispbill.domain.routercommand.EnablePppSecret;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.EnsurePppProfile;
import com.wispbill.domain.routercommand.EnsurePppSecret;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.KickPppUser;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.routercommand.RemovePppSecret;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.voucher.VoucherProvisioning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The router commands of a subscriber's lifecycle as the reseller API drives it: the login (PPPoE secret
 * with profile, static address and MAC binding, or hotspot user) with the plan's profile first, then
 * suspension (disable + kick), resumption (enable) and the end (kick + remove). Ids are
 * {@code <subscriptionId>-<step>-<command type>} where {@code step} names the change (the creation, or
 * the new expiry/plan of a change), so the same change issued again gives the same ids.
 */
public final class SubscriberProvisioning {
    private SubscriberProvisioning() {
    }

    /** The plan's profile and the subscriber's login, for a new subscription or a plan change ({@code step}). */
    public static List<RouterCommandEnvelope> login(Subscription s, RouterAccount account, Plan plan, String step,
                                                    Instant issuedAt) {
        String profile = VoucherProvisioning.profileName(plan);
        String comment = "subscription " + s.id();
        List<RouterCommand> commands = s.kind() == SubscriptionKind.PPPOE
                ? List.of(new EnsurePppProfile(profile, plan.rateLimit()),
                        new EnsurePppSecret(s.username(), account.password(), profile, comment, account.staticIp(),
                                account.macAddress()))
                // The period's quota is counted by usage ingest, so the hotspot user itself has no byte or time limit.
                : List.of(VoucherProvisioning.profile(plan),
                        new EnsureHotspotUser(s.username(), account.password(), profile, Optional.empty(),
                                OptionalLong.empty(), comment));
        return envelopes(s, step, commands, issuedAt);
    }

    /** Disable then kick: the reseller suspended it. */
    public static List<RouterCommandEnvelope> suspend(Subscription s, String step, Instant issuedAt) {
        return envelopes(s, step, s.kind() == SubscriptionKind.PPPOE
                ? List.of(new DisablePppSecret(s.username()), new KickPppUser(s.username()))
                : List.of(new DisableHotspotUser(s.username()), new KickHotspotUser(s.username())), issuedAt);
    }

    /** Enable again: the suspension is lifted. */
    public static List<RouterCommandEnvelope> resume(Subscription s, String step, Instant issuedAt) {
        return envelopes(s, step, List.of(s.kind() == SubscriptionKind.PPPOE
                ? new EnablePppSecret(s.username()) : new EnableHotspotUser(s.username())), issuedAt);
    }

    /** Kick then remove: the subscription has ended, its login leaves the router. */
    public static List<RouterCommandEnvelope> end(Subscription s, Instant issuedAt) {
        return envelopes(s, "end", s.kind() == SubscriptionKind.PPPOE
                ? List.of(new KickPppUser(s.username()), new RemovePppSecret(s.username()))
                : List.of(new KickHotspotUser(s.username()), new RemoveHotspotUser(s.username())), issuedAt);
    }

    private static List<RouterCommandEnvelope> envelopes(Subscription s, String step, List<RouterCommand> commands,
                                                         Instant issuedAt) {
        List<RouterCommandEnvelope> out = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            RouterCommand c = commands.get(i);
            // A millisecond apart, so the outbox relay, which sends by creation time, keeps their order too.
            out.add(new RouterCommandEnvelope(VoucherProvisioning.commandId(s.id() + "-" + step, c), s.resellerId(),
                    s.routerId(), issuedAt.minusMillis(commands.size() - 1 - i), c));
        }
        return out;
    }
}
