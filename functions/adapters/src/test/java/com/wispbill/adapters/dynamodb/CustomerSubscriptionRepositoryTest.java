package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Customer;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerSubscriptionRepositoryTest extends StoreTestSupport {
    private Plan monthly;

    @BeforeEach
    void plan() {
        monthly = plan(A, "plan-month").validity(Duration.ofDays(30)).build();
        store.plans().create(monthly);
    }

    @Test
    void phoneIsUniquePerResellerAndFindsTheCustomer() {
        Customer jane = Customer.create(A, "+254 712 345 678", "Jane", clock);
        store.customers().create(jane);
        assertEquals(jane, store.customers().findByPhone(A, "+254712345678").orElseThrow());
        assertEquals(jane, store.customers().get(A, jane.id()));

        var e = assertThrows(ConflictException.class,
                () -> store.customers().create(Customer.create(A, "+254712345678", "Impostor", clock)));
        assertTrue(e.getMessage().contains("already registered"), e.getMessage());
        assertEquals(1, store.customers().list(A, PageRequest.firstPage()).items().size());

        // The same phone is a different customer at another reseller.
        Customer atB = Customer.create(B, "+254712345678", null, clock);
        store.customers().create(atB);
        assertEquals(atB.id(), store.customers().findByPhone(B, "+254712345678").orElseThrow().id());
        assertEquals(Optional.empty(), store.customers().find(B, jane.id()));
        assertEquals(Optional.empty(), store.customers().findByPhone(A, "0712345678"));
    }

    @Test
    void changingThePhoneMovesTheClaim() {
        Customer jane = Customer.create(A, "+254712345678", "Jane", clock);
        Customer otto = Customer.create(A, "+254700000001", "Otto", clock);
        store.customers().create(jane);
        store.customers().create(otto);
        Customer moved = new Customer(jane.id(), A, "+254799999999", jane.name(), jane.createdAt());
        store.customers().update(jane, moved);
        assertEquals(moved, store.customers().findByPhone(A, "+254799999999").orElseThrow());
        assertEquals(Optional.empty(), store.customers().findByPhone(A, "+254712345678"));

        Customer stealing = new Customer(otto.id(), A, "+254799999999", otto.name(), otto.createdAt());
        assertThrows(ConflictException.class, () -> store.customers().update(otto, stealing));
        assertEquals(otto, store.customers().get(A, otto.id()));
        // A stale update (phone changed meanwhile) loses too.
        assertThrows(ConflictException.class, () -> store.customers().update(jane, jane));
    }

    private Subscription newSubscription(String customerId, String username) {
        Subscription s = Subscription.start(A, customerId, monthly, "router-1", SubscriptionKind.PPPOE, username, NAIROBI, clock);
        store.subscriptions().create(s);
        return s;
    }

    @Test
    void usernamesAreUniqueAndMapBackToTheSubscription() {
        Customer jane = Customer.create(A, "+254712345678", "Jane", clock);
        store.customers().create(jane);
        Subscription s = newSubscription(jane.id(), "jane.home");
        assertEquals(s, store.subscriptions().findByUsername(A, "jane.home").orElseThrow());
        assertEquals(Optional.empty(), store.subscriptions().findByUsername(B, "jane.home"));
        var e = assertThrows(ConflictException.class, () -> newSubscription(jane.id(), "jane.home"));
        assertTrue(e.getMessage().contains("already in use"), e.getMessage());

        // ULIDs order by time only across milliseconds: the second subscription is created later.
        clock.advance(java.time.Duration.ofMillis(1));
        Subscription second = newSubscription(jane.id(), "jane.shop");
        Page<Subscription> ofJane = store.subscriptions().listForCustomer(A, jane.id(), PageRequest.firstPage());
        assertEquals(List.of(s.id(), second.id()), ofJane.items().stream().map(Subscription::id).toList());
        assertEquals(List.of(), store.subscriptions().listForCustomer(B, jane.id(), PageRequest.firstPage()).items());
    }

    @Test
    void aRenewalAndAnExpirySweepCannotBothWin() {
        Subscription s = newSubscription("cust-1", "jane");
        // Thirty days later the subscription is due; the sweeper reads it from the index...
        clock.set(s.expiresAt().plusSeconds(30));
        Subscription seenBySweeper = store.subscriptions()
                .findDue(s.expiresAt().minus(Duration.ofHours(1)), clock.instant(), PageRequest.firstPage())
                .items().get(0);
        assertEquals(s, seenBySweeper);

        // ...but the customer renews first.
        Subscription current = store.subscriptions().get(A, s.id());
        Subscription renewed = current.extend(monthly, NAIROBI, clock);
        store.subscriptions().replace(current, renewed);

        var e = assertThrows(ConflictException.class,
                () -> store.subscriptions().replace(seenBySweeper, seenBySweeper.expire(clock)));
        assertTrue(e.getMessage().contains("changed concurrently"), e.getMessage());
        Subscription stored = store.subscriptions().get(A, s.id());
        assertEquals(SubscriptionStatus.ACTIVE, stored.status());
        assertEquals(clock.instant().plus(Duration.ofDays(30)), stored.expiresAt());
        // The renewed subscription left the due window.
        assertEquals(List.of(), store.subscriptions()
                .findDue(s.expiresAt().minus(Duration.ofHours(1)), clock.instant(), PageRequest.firstPage()).items());
    }

    @Test
    void expiringRemovesItFromTheIndexAndARenewalRevivesIt() {
        Subscription s = newSubscription("cust-1", "jane");
        clock.set(s.expiresAt());
        Instant from = s.expiresAt().minus(Duration.ofHours(2));
        Subscription expired = s.expire(clock);
        store.subscriptions().replace(s, expired);
        assertEquals(List.of(), store.subscriptions().findDue(from, clock.instant(), PageRequest.firstPage()).items());
        // A second sweep working from the old state cannot expire it again.
        assertThrows(ConflictException.class, () -> store.subscriptions().replace(s, expired));

        clock.advance(Duration.ofDays(3));
        Subscription revived = expired.extend(Duration.ofDays(7), clock);
        store.subscriptions().replace(expired, revived);
        assertEquals(SubscriptionStatus.ACTIVE, store.subscriptions().get(A, s.id()).status());
        assertEquals(List.of(s.id()), store.subscriptions()
                .findDue(revived.expiresAt(), revived.expiresAt(), PageRequest.firstPage())
                .items().stream().map(Subscription::id).toList());
    }
}
