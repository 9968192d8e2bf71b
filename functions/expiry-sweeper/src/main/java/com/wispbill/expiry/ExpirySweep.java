package com.wispbill.expiry;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.EnforcementStateRepository;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.adapters.repository.WalletRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.adapters.subscriber.WalletRenewal;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.enforcement.CommandIds;
import com.wispbill.domain.enforcement.EnforcementCommands;
import com.wispbill.domain.enforcement.EnforcementCommands.Cause;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The minute sweep. Reads what is due from the ExpiryIndex from its checkpoint (minus a margin for
 * index lag) to now, so a late run catches up on the minutes it missed and its cost follows the
 * number due. For each due item:
 * <ol>
 *   <li>queue disable + kick (ids derived from the item and its expiry: a second run or a concurrent
 *       one queues the same, deduplicated commands);</li>
 *   <li>mark it EXPIRED, conditional on the expiry and status read, with the subscription's EXPIRED SMS
 *       in the outbox of the same transaction (sent right after, or by the relay). If that fails the item changed:
 *       re-read; still due → retry; renewed meanwhile → queue enable after the disable, so the
 *       renewal wins on the router too; expired by another run → nothing.</li>
 * </ol>
 * Commands go first so a crash between the two steps leaves the item in the index for the next run;
 * an expired item always had its commands queued. Then reminders: for each lead time in use, the
 * subscriptions expiring in (previous run + lead, now + lead] get one SMS (deterministic id plus a
 * marker). The checkpoint advances only after everything succeeded.
 */
public final class ExpirySweep {
    static final String EXPIRY_SWEEP = "EXPIRY";
    static final String REMINDER_SWEEP = "REMINDERS";
    /** Index reads are eventually consistent: look back this far behind the checkpoint. */
    static final Duration INDEX_LAG_MARGIN = Duration.ofMinutes(5);
    /** Look-back of the very first run, and the longest catch-up after an outage. */
    static final Duration FIRST_RUN_LOOK_BACK = Duration.ofDays(1);
    static final Duration MAX_CATCH_UP = Duration.ofDays(30);
    static final int PAGE_SIZE = 100;
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweep.class);

    private final SubscriptionRepository subscriptions;
    private final VoucherRepository vouchers;
    private final CustomerRepository customers;
    private final PlanRepository plans;
    private final ResellerRepository resellers;
    private final EnforcementStateRepository state;
    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final WalletRenewal walletRenewal;
    private final RouterCommandQueue routerCommands;
    private final NotificationQueue notifications;
    private final Clock clock;

    public ExpirySweep(SubscriptionRepository subscriptions, VoucherRepository vouchers, CustomerRepository customers,
                       WalletRepository wallets, PlanRepository plans, ResellerRepository resellers,
                       EnforcementStateRepository state, Transactions transactions, OutboxRepository outbox,
                       RouterCommandQueue routerCommands, NotificationQueue notifications, Clock clock) {
        this.subscriptions = subscriptions;
        this.vouchers = vouchers;
        this.customers = customers;
        this.plans = plans;
        this.resellers = resellers;
        this.state = state;
        this.transactions = transactions;
        this.outbox = outbox;
        this.delivery = new OutboxDelivery(outbox, routerCommands, notifications);
        this.walletRenewal = new WalletRenewal(wallets, customers, subscriptions, plans, transactions, outbox, delivery, clock);
        this.routerCommands = routerCommands;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Per-run caches: plans and resellers are read once per run. */
    private final class Run {
        final Instant now = clock.instant();
        final Map<String, Optional<Plan>> plans = new HashMap<>();
        final Map<String, Optional<Reseller>> resellers = new HashMap<>();
        final Map<String, Duration> leads = new HashMap<>();
        final long[] dueRead = new long[1];
        final long[] reminderCandidatesRead = new long[1];
        long expired;
        long renewed;
        long skipped;
        long reminders;

        Optional<Plan> plan(String resellerId, String planId) {
            return plans.computeIfAbsent(resellerId + "/" + planId, k -> ExpirySweep.this.plans.find(resellerId, planId));
        }

        Optional<Reseller> reseller(String resellerId) {
            return resellers.computeIfAbsent(resellerId, ExpirySweep.this.resellers::find);
        }

        Duration lead(String resellerId) {
            return leads.computeIfAbsent(resellerId, state::reminderLead);
        }
    }

    public SweepReport run() {
        Run run = new Run();
        Instant from = start(state.sweptUntil(EXPIRY_SWEEP), run.now);
        forEach(page -> subscriptions.findDue(from, run.now, page), s -> expire(run, s), run.dueRead);
        forEach(page -> vouchers.findDue(from, run.now, page), v -> expire(run, v), run.dueRead);
        state.advanceSweptUntil(EXPIRY_SWEEP, run.now);

        Instant remindedUntil = start(state.sweptUntil(REMINDER_SWEEP), run.now);
        for (Duration lead : state.reminderLeadsInUse()) {
            forEach(page -> subscriptions.findExpiringBetween(remindedUntil.plus(lead), run.now.plus(lead), page),
                    s -> remind(run, s, lead), run.reminderCandidatesRead);
        }
        state.advanceSweptUntil(REMINDER_SWEEP, run.now);
        SweepReport report = new SweepReport(run.dueRead[0], run.reminderCandidatesRead[0], run.expired, run.renewed,
                run.skipped, run.reminders);
        LOG.info("expiry sweep up to {}: {}", run.now, report);
        return report;
    }

    /**
     * Where a run starts reading: the checkpoint minus the index-lag margin. Without a checkpoint, or
     * with one in the future (a clock that was wrong, a restored table), it looks back a day; after a
     * long outage it catches up at most {@link #MAX_CATCH_UP}.
     */
    private static Instant start(Optional<Instant> checkpoint, Instant now) {
        Instant from = checkpoint.filter(c -> !c.isAfter(now)).map(c -> c.minus(INDEX_LAG_MARGIN))
                .orElse(now.minus(FIRST_RUN_LOOK_BACK));
        return from.isBefore(now.minus(MAX_CATCH_UP)) ? now.minus(MAX_CATCH_UP) : from;
    }

    private static <T> void forEach(Function<PageRequest, Page<T>> query, Consumer<T> action, long[] read) {
        Optional<String> cursor = Optional.empty();
        do {
            Page<T> page = query.apply(new PageRequest(PAGE_SIZE, cursor));
            read[0] += page.items().size();
            page.items().forEach(action);
            cursor = page.nextCursor();
        } while (cursor.isPresent());
    }

    private void expire(Run run, Subscription read) {
        Subscription current = read;
        for (int attempt = 0; attempt < 3; attempt++) {
            if (!current.isDue(run.now)) {
                break;
            }
            String event = Long.toString(current.expiresAt().getEpochSecond());
            Optional<Plan> plan = run.plan(current.resellerId(), current.planId());
            try {
                if (renewedFromWallet(run, current, plan)) {
                    run.renewed++;
                    return;
                }
            } catch (ConflictException e) {
                // The subscription or the wallet changed since it was read: read it again and decide again.
                Optional<Subscription> stored = subscriptions.find(current.resellerId(), current.id());
                if (stored.isEmpty()) {
                    break;
                }
                current = stored.get();
                continue;
            }
            List<OutboxMessage> messages = new ArrayList<>();
            if (isolates(plan)) {
                // Isolation goes out with the expiry it follows (outbox): a renewal that wins the race
                // leaves nothing to undo.
                EnforcementCommands.atExpiry(current, plan, event, run.now).forEach(c -> messages.add(OutboxMessage.of(c)));
            } else {
                routerCommands.send(EnforcementCommands.cutOff(current, Cause.EXPIRED, event, run.now));
            }
            expiredSms(run, current, event).map(OutboxMessage::of).ifPresent(messages::add);
            try {
                WriteTransaction tx = transactions.begin();
                subscriptions.replace(current, current.expire(clock), tx);
                messages.forEach(m -> outbox.add(m, tx));
                tx.commit();
                run.expired++;
                // Committed: if the queue is down now, the relay sends it; the run goes on.
                delivery.deliverAll(messages);
                return;
            } catch (ConflictException e) {
                Optional<Subscription> stored = subscriptions.find(current.resellerId(), current.id());
                if (stored.isEmpty()) {
                    break;
                }
                Subscription cut = current;
                current = stored.get();
                // Renewed between our read and our write: the disable just queued must not stand.
                // (An isolation was only in the transaction that failed: nothing went out.)
                List<RouterCommandEnvelope> restore = isolates(plan) ? List.of()
                        : EnforcementCommands.afterLostCutOff(cut, current, run.now);
                if (!restore.isEmpty()) {
                    routerCommands.send(restore);
                    break;
                }
            }
        }
        run.skipped++;
    }

    private void expire(Run run, Voucher read) {
        Voucher current = read;
        for (int attempt = 0; attempt < 3; attempt++) {
            if (!current.isDue(run.now)) {
                break;
            }
            String event = Long.toString(current.expiresAt().orElseThrow().getEpochSecond());
            Optional<Plan> plan = run.plan(current.resellerId(), current.planId());
            if (!isolates(plan)) {
                routerCommands.send(EnforcementCommands.cutOff(current, Cause.EXPIRED, event, run.now));
            }
            try {
                if (isolates(plan)) {
                    List<OutboxMessage> isolation = EnforcementCommands.atExpiry(current, plan, event, run.now).stream()
                            .map(OutboxMessage::of).toList();
                    WriteTransaction tx = transactions.begin();
                    vouchers.transition(current, current.expire(clock), tx);
                    isolation.forEach(m -> outbox.add(m, tx));
                    tx.commit();
                    delivery.deliverAll(isolation);
                } else {
                    vouchers.transition(current, current.expire(clock));
                }
                run.expired++;
                return;
            } catch (ConflictException e) {
                Optional<Voucher> stored = vouchers.findByCode(current.resellerId(), current.code());
                if (stored.isEmpty()) {
                    break;
                }
                current = stored.get();
            }
        }
        run.skipped++;
    }

    /**
     * Auto-renewal: a customer who opted in is renewed from their wallet instead of expired, when it covers the
     * plan's price (one debit per period: the renewal is conditional on the expiry read). Before any cut-off
     * command, so a renewed user is never cut.
     */
    private boolean renewedFromWallet(Run run, Subscription due, Optional<Plan> plan) {
        if (!due.autoRenew() || plan.isEmpty()) {
            return false;
        }
        Optional<Reseller> reseller = run.reseller(due.resellerId());
        return reseller.isPresent() && walletRenewal.renewAtExpiry(reseller.get(), due, plan.get()).isPresent();
    }

    /** ISOLATE plans keep the user connected in the isolation profile instead of cutting it off. */
    private static boolean isolates(Optional<Plan> plan) {
        return plan.map(Plan::enforcement).orElse(PlanEnforcement.CUT_OFF) == PlanEnforcement.ISOLATE;
    }

    private Optional<SmsRequest> expiredSms(Run run, Subscription s, String event) {
        Optional<String> planName = run.plan(s.resellerId(), s.planId()).map(Plan::name);
        return customers.find(s.resellerId(), s.customerId()).map(c -> new SmsRequest(
                CommandIds.derive(s.id(), "EXPIRED", event), s.resellerId(), c.phone(), SmsTemplate.EXPIRED,
                Map.of("plan", planName.orElse("")), run.now));
    }

    private void remind(Run run, Subscription s, Duration lead) {
        if (!run.lead(s.resellerId()).equals(lead) || !s.expiresAt().isAfter(run.now)) {
            return;
        }
        String notificationId = CommandIds.derive(s.id(), "EXPIRY_REMINDER", Long.toString(s.expiresAt().getEpochSecond()));
        if (state.reminderSent(notificationId)) {
            return;
        }
        Optional<Reseller> reseller = run.reseller(s.resellerId());
        Optional<Plan> plan = run.plan(s.resellerId(), s.planId());
        if (reseller.isEmpty()) {
            return;
        }
        String expiresLocal = LOCAL_TIME.format(s.expiresAt().atZone(reseller.get().zone()));
        customers.find(s.resellerId(), s.customerId()).ifPresent(c -> {
            notifications.send(new SmsRequest(notificationId, s.resellerId(), c.phone(), SmsTemplate.EXPIRY_REMINDER,
                    Map.of("plan", plan.map(Plan::name).orElse(""), "expiresAt", expiresLocal), run.now));
            state.markReminderSent(notificationId, s.expiresAt().plus(Duration.ofDays(2)));
            run.reminders++;
        });
    }
}
