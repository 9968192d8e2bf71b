package com.wispbill.expiry;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Subscription;
import java.time.Instant;
import java.util.Optional;
import com.wispbill.domain.subscriber.RouterAccount;
import java.util.function.Consumer;

/**
 * The real subscription repository, with a renewal landing right after the sweep read the index and
 * before it writes: the interleaving a concurrent payment can produce.
 */
final class RenewingDuringSweep implements SubscriptionRepository {
    private final SubscriptionRepository delegate;
    private final Consumer<Subscription> renewal;

    RenewingDuringSweep(SubscriptionRepository delegate, Consumer<Subscription> renewal) {
        this.delegate = delegate;
        this.renewal = renewal;
    }

    @Override
    public Page<Subscription> findDue(Instant from, Instant before, PageRequest page) {
        Page<Subscription> due = delegate.findDue(from, before, page);
        due.items().forEach(renewal);
        return due;
    }

    @Override
    public void create(Subscription subscription) {
        delegate.create(subscription);
    }

    @Override
    public void create(Subscription subscription, WriteTransaction tx) {
        delegate.create(subscription, tx);
    }

    @Override
    public void saveAccount(String resellerId, RouterAccount account, WriteTransaction tx) {
        delegate.saveAccount(resellerId, account, tx);
    }

    @Override
    public Optional<RouterAccount> findAccount(String resellerId, String subscriptionId) {
        return delegate.findAccount(resellerId, subscriptionId);
    }

    @Override
    public Optional<Subscription> find(String resellerId, String subscriptionId) {
        return delegate.find(resellerId, subscriptionId);
    }

    @Override
    public Optional<Subscription> findByUsername(String resellerId, String username) {
        return delegate.findByUsername(resellerId, username);
    }

    @Override
    public Optional<Subscription> findByAccountNumber(String resellerId, String typed) {
        return delegate.findByAccountNumber(resellerId, typed);
    }

    @Override
    public Page<Subscription> listForCustomer(String resellerId, String customerId, PageRequest page) {
        return delegate.listForCustomer(resellerId, customerId, page);
    }

    @Override
    public void replace(Subscription current, Subscription next) {
        delegate.replace(current, next);
    }

    @Override
    public void replace(Subscription current, Subscription next, WriteTransaction tx) {
        delegate.replace(current, next, tx);
    }

    @Override
    public Page<Subscription> findExpiringBetween(Instant after, Instant until, PageRequest page) {
        return delegate.findExpiringBetween(after, until, page);
    }
}
