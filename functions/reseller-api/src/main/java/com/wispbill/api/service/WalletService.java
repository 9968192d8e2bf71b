package com.wispbill.api.service;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.IdempotencyKeys;
import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.WalletRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Customer;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.Validation;
import com.wispbill.domain.enforcement.EnforcementCommands;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Customers' prepaid wallets. A top-up (cash taken by staff) is one transaction of the wallet credit, its
 * SALE_GROSS ledger entry (the money is received then) and the Idempotency-Key claim. A renewal from the wallet
 * pays the period ending at {@code forExpiry}: one transaction of the renewal (conditional on that expiry and the
 * status read) and the debit (conditional on the balance covering the plan's price), so each period is debited
 * at most once however often it is asked for, and two renewals can never spend the same money.
 */
public final class WalletService {
    private final WalletRepository wallets;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final LedgerRepository ledger;
    private final IdempotencyKeys idempotencyKeys;
    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final Clock clock;

    public WalletService(WalletRepository wallets, CustomerRepository customers, SubscriptionRepository subscriptions,
                         PlanRepository plans, LedgerRepository ledger, IdempotencyKeys idempotencyKeys,
                         Transactions transactions, OutboxRepository outbox, OutboxDelivery delivery, Clock clock) {
        this.wallets = wallets;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.ledger = ledger;
        this.idempotencyKeys = idempotencyKeys;
        this.transactions = transactions;
        this.outbox = outbox;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** A top-up as the request gave it; {@code requestHash} binds the Idempotency-Key to the body. */
    public record TopUp(Long amountMinor, Optional<String> memo, String requestHash, List<FieldError> inputErrors) {
        public TopUp {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    public record ToppedUp(Money balance, String ledgerEntryId, boolean repeated) {
    }

    /** A renewal from the wallet; {@code debited} empty when the period was paid already (nothing written now). */
    public record WalletRenewal(Subscription subscription, Optional<Money> debited, Money balance, boolean routerCommandQueued) {
    }

    public Money balance(Reseller reseller, String customerId) {
        customers.get(reseller.id(), customerId);
        return wallets.balance(reseller.id(), customerId, reseller.currency());
    }

    public ToppedUp topUp(Reseller reseller, String customerId, TopUp command, Optional<String> idempotencyKey) {
        Customer customer = customers.get(reseller.id(), customerId);
        Validation v = new Validation();
        v.addAll(command.inputErrors());
        Optional<String> key = CashReceipts.requireKey(idempotencyKey, v);
        if (command.amountMinor() != null) {
            v.check(command.amountMinor() > 0, "amountMinor", "must be positive: the cash taken, in minor units");
        }
        v.throwIfInvalid();
        String requestHash = customerId + ":" + command.requestHash();
        Optional<IdempotencyKeys.Claim> earlier = claimFor(reseller, key.get(), requestHash);
        if (earlier.isPresent()) {
            return new ToppedUp(wallets.balance(reseller.id(), customerId, reseller.currency()), earlier.get().objectId(), true);
        }
        Money amount = new Money(command.amountMinor(), reseller.currency());
        LedgerEntry entry = LedgerEntry.manual(reseller.id(), LedgerEntryType.SALE_GROSS, amount,
                command.memo().orElse("cash") + " (wallet top-up of customer " + customer.id() + ")", reseller.calendar(), clock);
        WriteTransaction tx = transactions.begin();
        wallets.credit(reseller.id(), customerId, amount, tx);
        ledger.append(entry, tx);
        idempotencyKeys.claim(reseller.id(), key.get(), requestHash, entry.id(), clock.instant(), tx);
        try {
            tx.commit();
        } catch (ConflictException e) {
            IdempotencyKeys.Claim concurrent = claimFor(reseller, key.get(), requestHash).orElseThrow(() -> e);
            return new ToppedUp(wallets.balance(reseller.id(), customerId, reseller.currency()), concurrent.objectId(), true);
        }
        return new ToppedUp(wallets.balance(reseller.id(), customerId, reseller.currency()), entry.id(), false);
    }

    /**
     * Renews one period of the subscription's plan from its customer's wallet, paying the period that ends at
     * {@code forExpiry} (the expiry the caller read: what an automatic renewal at expiry passes). A subscription
     * that has moved past {@code forExpiry} was paid already: nothing is debited.
     */
    public WalletRenewal renew(Reseller reseller, String subscriptionId, Instant forExpiry) {
        Subscription current = subscriptions.get(reseller.id(), subscriptionId);
        Money balance = wallets.balance(reseller.id(), current.customerId(), reseller.currency());
        if (current.expiresAt().isAfter(forExpiry)) {
            return new WalletRenewal(current, Optional.empty(), balance, true);
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
        Subscription renewed = current.extend(plan, reseller.calendar(), clock);
        String eventId = current.id() + "-wallet-" + forExpiry.getEpochSecond();
        List<OutboxMessage> messages = new ArrayList<>();
        if (current.status() != SubscriptionStatus.ACTIVE) {
            messages.add(OutboxMessage.of(new RouterCommandEnvelope(eventId + "-enable", reseller.id(), current.routerId(),
                    clock.instant(), EnforcementCommands.enable(current))));
        }
        OutboxMessage receipt = CashReceipts.renewalReceipt(eventId, reseller,
                customers.get(reseller.id(), current.customerId()).phone(), plan, renewed, clock);
        WriteTransaction tx = transactions.begin();
        subscriptions.replace(current, renewed, tx);
        wallets.debit(reseller.id(), current.customerId(), plan.price(), tx);
        messages.forEach(m -> outbox.add(m, tx));
        outbox.add(receipt, tx);
        tx.commit();
        boolean queued = messages.isEmpty() || delivery.deliverAll(messages) == messages.size();
        return new WalletRenewal(renewed, Optional.of(plan.price()),
                wallets.balance(reseller.id(), current.customerId(), reseller.currency()), queued);
    }

    private Optional<IdempotencyKeys.Claim> claimFor(Reseller reseller, String key, String requestHash) {
        return CashReceipts.claimed(idempotencyKeys, reseller, key, requestHash);
    }
}
