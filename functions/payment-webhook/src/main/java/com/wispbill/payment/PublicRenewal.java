package com.wispbill.payment;

import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.domain.Customer;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Plan;
import com.wispbill.domain.RateLimit;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.ValidationException;
import java.time.Duration;
import java.util.Optional;

/**
 * Renewing an account by its username on the public portal. Anyone can type a username, so: the
 * account must belong to the paying phone (its customer's number), and the plan must be the account's
 * own or an upgrade (a renewal moves the account to the plan bought: a cheaper one would downgrade
 * someone else's service). Every refusal — unknown username, another phone, a downgrade — is the same
 * answer, so the route tells nothing about which usernames exist.
 */
public final class PublicRenewal {
    static final String REFUSED = "no account with this name can be renewed with this plan from this phone";

    private final SubscriptionRepository subscriptions;
    private final CustomerRepository customers;
    private final PlanRepository plans;

    public PublicRenewal(SubscriptionRepository subscriptions, CustomerRepository customers, PlanRepository plans) {
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.plans = plans;
    }

    /** The account {@code phoneE164} may renew with {@code plan}, or the one uniform refusal. */
    public Subscription renewable(String resellerId, String username, String phoneE164, Plan plan) {
        return subscriptions.findByUsername(resellerId, username)
                .filter(s -> customers.find(resellerId, s.customerId()).map(Customer::phone).filter(phoneE164::equals).isPresent())
                .filter(s -> plan.id().equals(s.planId())
                        || plans.find(resellerId, s.planId()).filter(current -> isUpgrade(current, plan)).isPresent())
                .orElseThrow(() -> new ValidationException("username", REFUSED));
    }

    /**
     * {@code offered} gives at least what {@code current} gives in every respect (price in the same
     * currency, speed both ways, data, time on line, devices); no limit counts as the most.
     */
    static boolean isUpgrade(Plan current, Plan offered) {
        return current.price().currency().equals(offered.price().currency())
                && offered.price().compareTo(current.price()) >= 0
                && atLeast(current.rateLimit().map(RateLimit::rxBitsPerSecond), offered.rateLimit().map(RateLimit::rxBitsPerSecond))
                && atLeast(current.rateLimit().map(RateLimit::txBitsPerSecond), offered.rateLimit().map(RateLimit::txBitsPerSecond))
                && atLeast(current.dataLimit().map(DataSize::bytes), offered.dataLimit().map(DataSize::bytes))
                && atLeast(current.timeLimit().map(Duration::toSeconds), offered.timeLimit().map(Duration::toSeconds))
                && offered.sharedUsers() >= current.sharedUsers();
    }

    /** Empty is unlimited. */
    private static boolean atLeast(Optional<Long> current, Optional<Long> offered) {
        return offered.isEmpty() || (current.isPresent() && offered.get() >= current.get());
    }
}
