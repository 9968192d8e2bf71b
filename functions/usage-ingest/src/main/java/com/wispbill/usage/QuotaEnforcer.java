package com.wispbill.usage;

import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.enforcement.CommandIds;
import com.wispbill.domain.enforcement.EnforcementCommands;
import com.wispbill.domain.enforcement.QuotaPeriod;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on what a batch's usage means for its owner: a voucher's first login starts its validity, and
 * a used-up data or uptime allowance cuts the user off. Decisions are made from stored totals, not
 * from this batch's deltas, so a batch retried after a crash between counting and acting still acts.
 * Commands are queued before the state change is stored: if the store fails the retry queues the same
 * (deduplicated) commands again, and a stored state change always had its commands queued.
 */
final class QuotaEnforcer {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaEnforcer.class);

    private final SubscriptionRepository subscriptions;
    private final VoucherRepository vouchers;
    private final CustomerRepository customers;
    private final RouterCommandQueue routerCommands;
    private final NotificationQueue notifications;
    private final Clock clock;

    QuotaEnforcer(SubscriptionRepository subscriptions, VoucherRepository vouchers, CustomerRepository customers,
                  RouterCommandQueue routerCommands, NotificationQueue notifications, Clock clock) {
        this.subscriptions = subscriptions;
        this.vouchers = vouchers;
        this.customers = customers;
        this.routerCommands = routerCommands;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * A voucher seen in a session while ACTIVE (or NEW) becomes USED at {@code firstSeen} (the session's login
     * time), which starts its validity if the plan counts from first use. Only one first use wins; the
     * loser re-reads and carries on with the stored voucher.
     */
    UsageOwner.OfVoucher recordFirstUse(UsageOwner.OfVoucher owner, Instant firstSeen, ResellerCalendar calendar) {
        Voucher voucher = owner.voucher();
        // NEW: a batch voucher (its batch records that it is on the router; seen in a session, it is).
        if (voucher.status() != VoucherStatus.ACTIVE && voucher.status() != VoucherStatus.NEW) {
            return owner;
        }
        Voucher used = voucher.firstUse(firstSeen, owner.plan(), calendar);
        try {
            vouchers.transition(voucher, used);
            return new UsageOwner.OfVoucher(used, owner.plan());
        } catch (ConflictException e) {
            Voucher stored = vouchers.findByCode(voucher.resellerId(), voucher.code()).orElse(voucher);
            return new UsageOwner.OfVoucher(stored, owner.plan());
        }
    }

    /**
     * Cuts the owner off if {@code used} has reached its plan's data or uptime limit. True if the owner is
     * now throttled or isolated for this period (its commands queued, and it stays connected by design):
     * nothing more is done for it until its period changes. A cut-off user is false: its commands are re-sent
     * while it still reports a session (the kick may not have run yet).
     */
    boolean enforce(UsageOwner owner, QuotaUsage used) {
        return switch (owner) {
            case UsageOwner.OfSubscription s -> enforce(s.subscription(), s.plan(), used);
            case UsageOwner.OfVoucher v -> enforce(v.voucher(), v.plan(), used);
            case UsageOwner.Unbilled u -> false;
        };
    }

    static boolean reached(Plan plan, QuotaUsage used) {
        return plan.dataLimit().map(limit -> used.usedBytes() >= limit.bytes()).orElse(false)
                || plan.timeLimit().map(limit -> used.usedSeconds() >= limit.toSeconds()).orElse(false);
    }

    private boolean enforce(Subscription subscription, Plan plan, QuotaUsage used) {
        if (!subscription.status().awaitsExpiry() || !reached(plan, used)) {
            return false;
        }
        boolean staysConnected = plan.enforcement() != PlanEnforcement.CUT_OFF;
        if (subscription.status() == SubscriptionStatus.SUSPENDED_QUOTA && staysConnected) {
            // Throttled or isolated: connected by design, so seen over quota on every poll until it renews. Its
            // commands and SMS went out when it was suspended; repeating them each poll would only cost I/O.
            return true;
        }
        String period = QuotaPeriod.of(subscription);
        Instant now = clock.instant();
        // A cut-off is re-sent while already SUSPENDED_QUOTA: the user still reports a session, so the kick
        // may not have run yet; the ids are the same, so the queue and the driver see a duplicate.
        // What the plan says: cut off, isolate to the pay page, or throttle to the fair-use rate (FUP).
        routerCommands.send(EnforcementCommands.atQuota(subscription, plan, period, now));
        if (subscription.status() == SubscriptionStatus.ACTIVE) {
            try {
                subscriptions.replace(subscription, subscription.suspendForQuota());
            } catch (ConflictException e) {
                LOG.info("subscription " + subscription.id() + " changed while suspending for quota: " + e.getMessage());
                restoreIfRenewed(subscription, plan, now);
                return false;
            }
        } else if (restoreIfRenewed(subscription, plan, now)) {
            // Already SUSPENDED_QUOTA when read, and renewed since: the cut-off just re-sent must not stand.
            return false;
        }
        customers.find(subscription.resellerId(), subscription.customerId()).ifPresent(customer ->
                notifications.send(new SmsRequest(CommandIds.derive(subscription.id(), "DATA_EXHAUSTED", period),
                        subscription.resellerId(), customer.phone(), SmsTemplate.DATA_EXHAUSTED,
                        Map.of("plan", plan.name()), now)));
        return staysConnected;
    }

    /**
     * A renewal that landed after {@code cut} was read is a new period with its own count, but the
     * disable just queued would still cut the renewed user off (a renewal of an ACTIVE user queues no
     * enable): the same compensating enable as the expiry sweep's ({@link EnforcementCommands#afterLostCutOff}).
     */
    private boolean restoreIfRenewed(Subscription cut, Plan plan, Instant now) {
        List<RouterCommandEnvelope> restore = subscriptions.find(cut.resellerId(), cut.id())
                .map(stored -> EnforcementCommands.afterLostCutOff(cut, stored, plan, now)).orElse(List.of());
        if (!restore.isEmpty()) {
            routerCommands.send(restore);
        }
        return !restore.isEmpty();
    }

    private boolean enforce(Voucher voucher, Plan plan, QuotaUsage used) {
        if (voucher.status().isFinal() || !reached(plan, used)) {
            return false;
        }
        routerCommands.send(EnforcementCommands.atQuota(voucher, plan, QuotaPeriod.of(voucher), clock.instant()));
        if (plan.enforcement() == PlanEnforcement.FUP) {
            // Throttled, still valid (and still connected): in force from now on.
            return true;
        }
        try {
            vouchers.transition(voucher, voucher.exhaust());
        } catch (ConflictException e) {
            Optional<Voucher> stored = vouchers.findByCode(voucher.resellerId(), voucher.code());
            if (stored.isPresent() && !stored.get().status().isFinal()) {
                // Changed by someone else (a first use recorded meanwhile): exhaust the stored one.
                vouchers.transition(stored.get(), stored.get().exhaust());
            }
        }
        return false;
    }
}
