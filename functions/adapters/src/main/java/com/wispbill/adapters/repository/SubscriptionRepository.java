package com.wispbill.adapters.repository;

import com.wispbill.domain.subscriber.RouterAccount;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Subscription;
import java.time.Instant;
import java.util.Optional;

public interface SubscriptionRepository {
    /** Stores a new subscription; {@link com.wispbill.domain.ConflictException} if its username is taken in this reseller. */
    void create(Subscription subscription);

    /** The same, inside {@code tx} (with its router login and router commands, say). */
    void create(Subscription subscription, WriteTransaction tx);

    /** Stores the subscription's router login in {@code tx}, next to the conditional write of its subscription. */
    void saveAccount(String resellerId, RouterAccount account, WriteTransaction tx);

    /** The subscription's router login, if it was made through the API. */
    Optional<RouterAccount> findAccount(String resellerId, String subscriptionId);

    Optional<Subscription> find(String resellerId, String subscriptionId);

    default Subscription get(String resellerId, String subscriptionId) {
        return find(resellerId, subscriptionId).orElseThrow(() -> new NotFoundException("Subscription", subscriptionId));
    }

    /** The subscription that owns a RouterOS username (what routers report usage by). */
    Optional<Subscription> findByUsername(String resellerId, String username);

    /** The subscription whose username {@code typed} names as a person types it: any case, spaces ignored. */
    Optional<Subscription> findByAccountNumber(String resellerId, String typed);

    Page<Subscription> listForCustomer(String resellerId, String customerId, PageRequest page);

    /**
     * Stores {@code next} (an extension, expiry, suspension or cancellation of {@code current}) only if
     * the stored expiry and status are still {@code current}'s. A renewal and an expiry sweep racing on
     * the same subscription cannot both win: the loser gets a {@link com.wispbill.domain.ConflictException}
     * and must re-read.
     */
    void replace(Subscription current, Subscription next);

    void replace(Subscription current, Subscription next, WriteTransaction tx);

    /** Subscriptions (ACTIVE or SUSPENDED_QUOTA) whose expiry is before {@code before}, looking back to {@code from}. */
    Page<Subscription> findDue(Instant from, Instant before, PageRequest page);

    /**
     * Subscriptions (ACTIVE or SUSPENDED_QUOTA) expiring after {@code after} and at or before
     * {@code until}, e.g. those whose reminder is due since the previous sweep. This default filters
     * {@link #findDue}; stores override it with a bounded query.
     */
    default Page<Subscription> findExpiringBetween(Instant after, Instant until, PageRequest page) {
        Page<Subscription> due = findDue(after, until, page);
        return new Page<>(due.items().stream().filter(s -> s.expiresAt().isAfter(after)).toList(), due.nextCursor());
    }
}
