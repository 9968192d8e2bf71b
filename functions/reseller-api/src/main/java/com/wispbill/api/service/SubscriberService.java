package com.wispbill.api.service;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Customer;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.subscriber.RouterAccount;
import com.wispbill.domain.subscriber.SubscriberProvisioning;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Customers and subscriptions as the reseller manages them: a customer's details, and a subscription's
 * whole life (created, plan changed, suspended, resumed, ended). Every subscription change is one
 * transaction of its conditional write (expiry and status as read) and its router commands in the outbox,
 * sent right after the commit (or by the outbox relay when the queue is down: the answer then says
 * {@code routerCommandQueued: false}, never an error that would invite a second change).
 */
public final class SubscriberService {
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final RouterRepository routers;
    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final Clock clock;

    public SubscriberService(CustomerRepository customers, SubscriptionRepository subscriptions, PlanRepository plans,
                             RouterRepository routers, Transactions transactions, OutboxRepository outbox,
                             OutboxDelivery delivery, Clock clock) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.routers = routers;
        this.transactions = transactions;
        this.outbox = outbox;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** A customer's details as the request gave them; {@code inputErrors} are answered with the checks here. */
    public record CustomerDetails(String phone, Optional<String> name, Optional<String> email, Optional<String> location,
                                  List<FieldError> inputErrors) {
        public CustomerDetails {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    /** A subscription as the request asks for it; {@code autoRenew}: renewed from the customer's wallet at expiry. */
    public record NewSubscription(String customerId, String planId, String routerId, String kind, String username,
                                  String password, Optional<String> staticIp, Optional<String> macAddress,
                                  boolean autoRenew, List<FieldError> inputErrors) {
        public NewSubscription {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    /** A subscription as stored after a change, and whether its router commands were queued at once. */
    public record Change(Subscription subscription, boolean routerCommandQueued) {
    }

    public Customer createCustomer(Reseller reseller, CustomerDetails details) {
        Customer customer = checked(details.inputErrors(), () -> Customer.create(reseller.id(), details.phone(),
                details.name(), details.email(), details.location(), clock));
        customers.create(customer);
        return customer;
    }

    /** Replaces the customer's details (a new phone moves its uniqueness claim in the same transaction). */
    public Customer updateCustomer(Reseller reseller, String customerId, CustomerDetails details) {
        Customer current = customers.get(reseller.id(), customerId);
        Customer next = checked(details.inputErrors(), () -> current.withDetails(details.phone(), details.name(),
                details.email(), details.location()));
        customers.update(current, next);
        return next;
    }

    /**
     * A new subscription, ACTIVE for its plan's first period from now (paid or not: the reseller decides by
     * creating it; renewals are paid), with its login on the router. Customer, plan (active) and router
     * must be the reseller's; the username is unique per reseller (409 otherwise).
     */
    public Change create(Reseller reseller, NewSubscription command) {
        Validation v = new Validation();
        v.addAll(command.inputErrors());
        SubscriptionKind kind = null;
        if (command.kind() != null) {
            try {
                kind = SubscriptionKind.valueOf(command.kind().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                v.add(new FieldError("kind", "must be PPPOE or HOTSPOT"));
            }
        }
        if (kind != null) {
            RouterAccount.checkKind(kind, command.staticIp(), command.macAddress(), v);
        }
        if (command.username() != null && !Subscription.isValidUsername(command.username())) {
            v.add(new FieldError("username", "must be 1-64 letters, digits or ._@- and start with a letter or digit"));
        }
        Optional<Customer> customer = lookup(v, "customerId", command.customerId(),
                id -> customers.find(reseller.id(), id));
        Optional<Plan> plan = lookup(v, "planId", command.planId(), id -> plans.find(reseller.id(), id));
        plan.filter(p -> !p.active()).ifPresent(p -> v.add(new FieldError("planId", "plan " + p.id() + " is no longer sold")));
        Optional<Router> router = lookup(v, "routerId", command.routerId(), id -> routers.find(reseller.id(), id));
        try {
            // The login's own checks (password, address, MAC) in the same answer; the id is not known yet.
            new RouterAccount("pending", command.password(), command.staticIp(), command.macAddress());
        } catch (ValidationException e) {
            v.addAll(e.errors());
        }
        // Each of these is missing only with its field error recorded (required, or not found).
        v.throwIfInvalid();
        SubscriptionKind k = kind;
        Subscription subscription = v.build(() -> Subscription.start(reseller.id(), customer.get().id(), plan.get(),
                router.get().id(), k, command.username(), reseller.calendar(), clock).withAutoRenew(command.autoRenew()),
                field -> field);
        RouterAccount account = new RouterAccount(subscription.id(), command.password(), command.staticIp(),
                command.macAddress());
        List<RouterCommandEnvelope> commands = SubscriberProvisioning.login(subscription, account, plan.orElseThrow(),
                "create", clock.instant());
        WriteTransaction tx = transactions.begin();
        subscriptions.create(subscription, tx);
        subscriptions.saveAccount(reseller.id(), account, tx);
        return commit(tx, subscription, commands);
    }

    /** Moves it to another plan now: new profile on the router, same expiry, no charge (see {@link Subscription#changePlan}). */
    public Change changePlan(Reseller reseller, String subscriptionId, String planId, List<FieldError> inputErrors) {
        Subscription current = subscriptions.get(reseller.id(), subscriptionId);
        Validation v = new Validation();
        v.addAll(inputErrors);
        Optional<Plan> plan = lookup(v, "planId", planId, id -> plans.find(reseller.id(), id));
        Subscription next = v.build(() -> current.changePlan(plan.orElseThrow()), field -> field);
        RouterAccount account = subscriptions.findAccount(reseller.id(), subscriptionId).orElseThrow(() ->
                new ConflictException("subscription " + subscriptionId + " was not made through the API: its router "
                        + "login is unknown, so its plan cannot be changed here"));
        List<RouterCommandEnvelope> commands = SubscriberProvisioning.login(next, account, plan.orElseThrow(),
                "plan-" + clock.millis(), clock.instant());
        WriteTransaction tx = transactions.begin();
        subscriptions.replace(current, next, tx);
        return commit(tx, next, commands);
    }

    /**
     * Turns auto-renewal on or off: at expiry the sweep renews the subscription from its customer's wallet when it
     * covers the plan's price ({@link com.wispbill.adapters.subscriber.WalletRenewal}). Nothing changes on the router.
     */
    public Change setAutoRenew(Reseller reseller, String subscriptionId, Boolean enabled, List<FieldError> inputErrors) {
        Subscription current = subscriptions.get(reseller.id(), subscriptionId);
        Validation v = new Validation();
        v.addAll(inputErrors);
        v.throwIfInvalid();
        Subscription next = current.withAutoRenew(enabled);
        if (next.equals(current)) {
            return new Change(current, true);
        }
        return replace(current, next, List.of());
    }

    public Change suspend(Reseller reseller, String subscriptionId) {
        Subscription current = subscriptions.get(reseller.id(), subscriptionId);
        if (current.status() == SubscriptionStatus.SUSPENDED) {
            return new Change(current, true);
        }
        Subscription next = current.suspend();
        return replace(current, next, SubscriberProvisioning.suspend(next, "suspend-" + clock.millis(), clock.instant()));
    }

    public Change resume(Reseller reseller, String subscriptionId) {
        Subscription current = subscriptions.get(reseller.id(), subscriptionId);
        if (current.status() == SubscriptionStatus.ACTIVE) {
            return new Change(current, true);
        }
        Subscription next = current.resume(clock);
        return replace(current, next, SubscriberProvisioning.resume(next, "resume-" + clock.millis(), clock.instant()));
    }

    /** Ends it for good (CANCELLED): the login is kicked and removed from the router. Ending it again changes nothing. */
    public Change end(Reseller reseller, String subscriptionId) {
        Subscription current = subscriptions.get(reseller.id(), subscriptionId);
        if (current.status() == SubscriptionStatus.CANCELLED) {
            return new Change(current, true);
        }
        Subscription next = current.cancel();
        return replace(current, next, SubscriberProvisioning.end(next, clock.instant()));
    }

    private Change replace(Subscription current, Subscription next, List<RouterCommandEnvelope> commands) {
        WriteTransaction tx = transactions.begin();
        subscriptions.replace(current, next, tx);
        return commit(tx, next, commands);
    }

    private Change commit(WriteTransaction tx, Subscription stored, List<RouterCommandEnvelope> commands) {
        List<OutboxMessage> messages = commands.stream().map(OutboxMessage::of).toList();
        messages.forEach(m -> outbox.add(m, tx));
        tx.commit();
        return new Change(stored, delivery.deliverAll(messages) == messages.size());
    }

    private static <T> Optional<T> lookup(Validation v, String field, String id,
                                          java.util.function.Function<String, Optional<T>> find) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            Optional<T> found = find.apply(id);
            if (found.isEmpty()) {
                v.add(new FieldError(field, "no such " + field.replace("Id", "") + " of yours: " + id));
            }
            return found;
        } catch (ValidationException | NotFoundException e) {
            v.add(new FieldError(field, "no such " + field.replace("Id", "") + " of yours: " + id));
            return Optional.empty();
        }
    }

    private static <T> T checked(List<FieldError> inputErrors, Supplier<T> build) {
        Validation v = new Validation();
        v.addAll(inputErrors);
        return v.build(build, field -> field);
    }
}
