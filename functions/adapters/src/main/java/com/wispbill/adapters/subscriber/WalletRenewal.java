package com.wispbill.adapters.subscriber;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.WalletRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renewal of a subscription from its customer's prepaid wallet, paying the period that ends at {@code forExpiry}:
 * one transaction of the renewal (conditional on that expiry, the status and the auto-renewal flag read) and the
 * debit (conditional on the balance covering the plan's price), so each period is debited at most once however
 * often it is asked for (the API, a retried or concurrent expiry sweep), and two renewals never spend the same
 * money. In the outbox with it: the user reinstated on the plan when it was not ACTIVE, and the receipt SMS.
 * The reseller API (on request) and the expiry sweep (at expiry, when the customer opted in) both renew here.
 */
public final class WalletRenewal {
    private final WalletRepository wallets;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final Clock clock;

    public WalletRenewal(WalletRepository wallets, CustomerRepository customers, SubscriptionRepository subscriptions,
                         PlanRepository plans, Transactions transactions, OutboxRepository outbox, OutboxDelivery delivery,
                         Clock clock) {
        this.wallets = wallets;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.transactions = transactions;
        this.outbox = outbox;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** A renewal; {@code debited} empty when the period was paid already (nothing written now). */
    public record Renewed(Subscription subscription, Optional<Money> debited, Money balance, boolean routerCommandQueued) {
    }

    /**
     * On request: renews one period of the plan, paying the period that ends at {@code forExpiry} (the expiry
     * the caller read). A subscription that has moved past {@code forExpiry} was paid already: nothing is
     * debited. A wallet that does not cover the price is a conflict. A lapsed one counts from now.
     */
    public Renewed renew(Reseller reseller, String subscriptionId, Instant forExpiry) {
        Subscription current = subscriptions.get(reseller.id(), subscriptionId);
        Money balance = wallets.balance(reseller.id(), current.customerId(), reseller.currency());
        if (current.expiresAt().isAfter(forExpiry)) {
            return new Renewed(current, Optional.empty(), balance, true);
        }
        if (!current.expiresAt().equals(forExpiry)) {
            throw new ConflictException("subscription " + subscriptionId + " expires at " + current.expiresAt()
                    + ", not " + forExpiry + ": read it again");
        }
        if (current.status() == SubscriptionStatus.CANCELLED) {
            throw new ConflictException("subscription " + subscriptionId + " has ended");
        }
        Plan plan = plans.get(reseller.id(), current.planId());
        if (balance.compareTo(plan.price()) < 0) {
            throw new ConflictException("the wallet holds " + balance.format() + ", less than the plan's " + plan.price().format());
        }
        return pay(reseller, current, plan, clock);
    }

    /**
     * At expiry (the sweep, for a subscription whose customer opted in): renews {@code due} from the wallet if it
     * covers the plan's price, the new period following on from the expiry (the sweep runs within a minute of it,
     * and the user was never cut). Empty when the wallet does not cover it: the subscription expires as usual.
     * A {@link ConflictException} when the subscription or the wallet changed since it was read.
     */
    public Optional<Renewed> renewAtExpiry(Reseller reseller, Subscription due, Plan plan) {
        Money balance = wallets.balance(reseller.id(), due.customerId(), reseller.currency());
        if (balance.compareTo(plan.price()) < 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Clock from = due.expiresAt().isBefore(now) ? Clock.fixed(due.expiresAt(), ZoneOffset.UTC) : clock;
        return Optional.of(pay(reseller, due, plan, from));
    }

    /** The renewal and the debit in one transaction; {@code from}: the clock the new period counts from. */
    private Renewed pay(Reseller reseller, Subscription current, Plan plan, Clock from) {
        Instant at = clock.instant();
        Subscription renewed = current.extend(plan, reseller.calendar(), from);
        String eventId = current.id() + "-wallet-" + current.expiresAt().getEpochSecond();
        List<OutboxMessage> routerCommands = RenewalMessages.reinstate(eventId, current, renewed, plan, at);
        List<OutboxMessage> messages = new ArrayList<>(routerCommands);
        messages.add(RenewalMessages.receipt(eventId, reseller, customers.get(reseller.id(), current.customerId()).phone(),
                plan, renewed, at));
        WriteTransaction tx = transactions.begin();
        subscriptions.replace(current, renewed, tx);
        wallets.debit(reseller.id(), current.customerId(), plan.price(), tx);
        messages.forEach(m -> outbox.add(m, tx));
        tx.commit();
        // Committed: what cannot be queued now (or by a function without a notifications queue), the relay sends.
        List<OutboxMessage> now = delivery.sendsNotifications() ? messages : routerCommands;
        boolean queued = delivery.deliverAll(now) == now.size();
        return new Renewed(renewed, Optional.of(plan.price()),
                wallets.balance(reseller.id(), current.customerId(), reseller.currency()), queued);
    }
}
