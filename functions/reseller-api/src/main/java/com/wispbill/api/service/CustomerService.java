package com.wispbill.api.service;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.IdempotencyKeys;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.domain.Plan;
import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.adapters.subscriber.RenewalMessages;
import com.wispbill.domain.Customer;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.Validation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customers and their subscriptions. A manual extension (time given by hand, free or for cash taken in
 * person) is one transaction: the subscription change, conditional on the expiry and status read, and
 * its MANUAL_EXTENSION ledger entry. The entry's amount reaches the balance (and, when cash was taken, the
 * revenue counters) from the table's stream, like every ledger entry ({@link LedgerRepository#appendAggregatedLater}):
 * no cash entry writes an item another sale of the reseller writes.
 * A subscription that was not ACTIVE (expired, suspended, isolated, throttled) comes back to life, so its router
 * user is reinstated on the plan ({@link RenewalMessages#reinstate}, which also decides when nothing changes there).
 */
public final class CustomerService {
    /** Longest extension one request may give; more is a typo. */
    public static final Duration MAX_EXTENSION = Duration.ofDays(366);

    private static final Logger LOG = LoggerFactory.getLogger(CustomerService.class);

    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final LedgerRepository ledger;
    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final PlanRepository plans;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;

    public CustomerService(CustomerRepository customers, SubscriptionRepository subscriptions, LedgerRepository ledger,
                           Transactions transactions, OutboxRepository outbox, OutboxDelivery delivery,
                           PlanRepository plans, IdempotencyKeys idempotencyKeys, Clock clock) {
        this.plans = plans;
        this.idempotencyKeys = idempotencyKeys;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.transactions = transactions;
        this.outbox = outbox;
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * The result of an extension: the subscription as stored, its ledger entry, and whether the router
     * command it needed (if any) was queued.
     */
    public record Extension(Subscription subscription, LedgerEntry entry, boolean routerCommandQueued) {
    }

    public Page<Customer> list(Reseller reseller, PageRequest page) {
        return customers.list(reseller.id(), page);
    }

    /** The customer with {@code phone} (E.164, punctuation allowed), as a page of zero or one. */
    public Page<Customer> findByPhone(Reseller reseller, String phone) {
        String e164 = PhoneNumbers.requireE164(phone, "phone");
        return new Page<>(customers.findByPhone(reseller.id(), e164).stream().toList(), Optional.empty());
    }

    public Customer get(Reseller reseller, String customerId) {
        return customers.get(reseller.id(), customerId);
    }

    public Page<Subscription> subscriptionsOf(Reseller reseller, String customerId, PageRequest page) {
        customers.get(reseller.id(), customerId);
        return subscriptions.listForCustomer(reseller.id(), customerId, page);
    }

    public Subscription subscription(Reseller reseller, String subscriptionId) {
        return subscriptions.get(reseller.id(), subscriptionId);
    }

    /**
     * A manual extension: by {@code duration}, for {@code amountMinor} of cash taken (0 if free), with a
     * {@code memo}. {@code inputErrors}: what reading the request found, answered together with the checks here.
     */
    public record Extend(Duration duration, long amountMinor, Optional<String> memo, List<FieldError> inputErrors) {
        public Extend {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    /**
     * A renewal paid in cash at the counter: {@code amountMinor} taken (default: the plan's price), {@code memo};
     * {@code requestHash} is the body's canonical hash, which the {@code Idempotency-Key} is bound to.
     */
    public record CashRenewal(Optional<Long> amountMinor, Optional<String> memo, String requestHash,
                              List<FieldError> inputErrors) {
        public CashRenewal {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    /** A cash renewal as stored; {@code repeated}: the key had renewed it already, nothing was written now. */
    public record CashRenewed(Subscription subscription, String ledgerEntryId, boolean routerCommandQueued, boolean repeated) {
    }

    /**
     * Renews one period of the subscription's plan for cash entered by staff. One transaction: the renewal
     * (conditional on expiry and status read), a SALE_GROSS ledger entry (balance and revenue counters added from
     * the stream), the {@code Idempotency-Key} claim (required: the same key again answers the first renewal and writes
     * nothing, with another body it is a 422), and in the outbox the user reinstated on the plan (one not ACTIVE) and the
     * receipt SMS ({@code SUBSCRIPTION_EXTENDED}, sent by the outbox relay: this function has no notifications queue).
     */
    public CashRenewed renewForCash(Reseller reseller, String subscriptionId, CashRenewal command, Optional<String> idempotencyKey) {
        Subscription current = subscriptions.get(reseller.id(), subscriptionId);
        Validation v = new Validation();
        v.addAll(command.inputErrors());
        Optional<String> key = CashReceipts.requireKey(idempotencyKey, v);
        command.amountMinor().filter(m -> m <= 0).ifPresent(m ->
                v.add(new FieldError("amountMinor", "must be positive: the cash taken, in minor units")));
        v.throwIfInvalid();
        String requestHash = subscriptionId + ":" + command.requestHash();
        Optional<CashRenewed> earlier = renewedWith(reseller, key.get(), requestHash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (current.status() == SubscriptionStatus.CANCELLED) {
            throw new com.wispbill.domain.ConflictException("subscription " + subscriptionId + " has ended");
        }
        Plan plan = plans.get(reseller.id(), current.planId());
        Money amount = command.amountMinor().map(m -> new Money(m, reseller.currency())).orElse(plan.price());
        Subscription renewed = current.extend(plan, reseller.calendar(), clock);
        LedgerEntry entry = LedgerEntry.manual(reseller.id(), LedgerEntryType.SALE_GROSS, amount,
                command.memo().orElse("cash") + " (renewal of subscription " + current.id() + ")", reseller.calendar(), clock);
        // A lapsed, isolated or throttled user back on the plan, in the outbox with the renewal.
        List<OutboxMessage> reinstate = RenewalMessages.reinstate(entry.id(), current, renewed, plan, clock.instant());
        OutboxMessage receipt = RenewalMessages.receipt(entry.id(), reseller,
                customers.get(reseller.id(), current.customerId()).phone(), plan, renewed, clock.instant());

        WriteTransaction tx = transactions.begin();
        subscriptions.replace(current, renewed, tx);
        ledger.appendAggregatedLater(entry, Optional.of(plan.id()), tx);
        reinstate.forEach(m -> outbox.add(m, tx));
        outbox.add(receipt, tx);
        idempotencyKeys.claim(reseller.id(), key.get(), requestHash, entry.id(), clock.instant(), tx);
        try {
            tx.commit();
        } catch (com.wispbill.domain.ConflictException e) {
            // The same key at the same time: the other request renewed it.
            return renewedWith(reseller, key.get(), requestHash).orElseThrow(() -> e);
        }
        boolean queued = delivery.deliverAll(reinstate) == reinstate.size();
        return new CashRenewed(renewed, entry.id(), queued, false);
    }

    private Optional<CashRenewed> renewedWith(Reseller reseller, String key, String requestHash) {
        return CashReceipts.claimed(idempotencyKeys, reseller, key, requestHash).map(c -> new CashRenewed(subscriptions.get(reseller.id(), requestHash.substring(0, requestHash.indexOf(':'))),
                c.objectId(), true, true));
    }

    public Extension extend(Reseller reseller, String subscriptionId, Extend command) {
        Subscription current = subscriptions.get(reseller.id(), subscriptionId);
        Validation v = new Validation();
        v.addAll(command.inputErrors());
        Duration duration = command.duration();
        if (duration != null && (!duration.isPositive() || duration.compareTo(MAX_EXTENSION) > 0)) {
            v.add(new FieldError("duration", "must be positive and at most " + MAX_EXTENSION.toDays() + " days"));
        }
        long amountMinor = command.amountMinor();
        if (amountMinor < 0) {
            v.add(new FieldError("amountMinor", "must not be negative: it is the cash taken for the extension, 0 if free"));
        }
        String memo = command.memo().orElse("manual extension");
        Money amount = new Money(Math.max(0, amountMinor), reseller.currency());
        Duration by = duration;
        Extension extension = v.build(() -> new Extension(current.extend(by, clock),
                LedgerEntry.manual(reseller.id(), LedgerEntryType.MANUAL_EXTENSION, amount,
                        memo + " (subscription " + current.id() + ")", reseller.calendar(), clock), true),
                UnaryOperator.identity());

        // A lapsed, isolated or throttled user must be back on the plan on the router: the commands are committed
        // with the extension (outbox), so a crash or a queue outage after the commit cannot lose them; the relay
        // sends them then. An ACTIVE one (an extension keeps the plan) needs nothing, and no plan read.
        List<OutboxMessage> reinstate = RenewalMessages.changesRouter(current, extension.subscription())
                ? RenewalMessages.reinstate(extension.entry().id(), current, extension.subscription(),
                        plans.get(reseller.id(), current.planId()), clock.instant())
                : List.of();

        WriteTransaction tx = transactions.begin();
        subscriptions.replace(current, extension.subscription(), tx);
        // Cash taken is revenue of the plan; a free extension only records the time given.
        ledger.appendAggregatedLater(extension.entry(), Optional.of(current.planId()).filter(p -> amount.isPositive()), tx);
        reinstate.forEach(m -> outbox.add(m, tx));
        tx.commit();
        // Committed, so a failed send is not an error answer (a retry would extend twice): the relay sends it within minutes.
        if (delivery.deliverAll(reinstate) == reinstate.size()) {
            return extension;
        }
        LOG.warn("extension {} of subscription {}: reinstatement not queued now, the outbox relay will send it",
                extension.entry().id(), current.id());
        return new Extension(extension.subscription(), extension.entry(), false);
    }
}
