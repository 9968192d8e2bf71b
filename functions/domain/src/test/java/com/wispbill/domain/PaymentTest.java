package com.wispbill.domain;

import static com.wispbill.domain.Fixtures.RESELLER;
import static com.wispbill.domain.Fixtures.clockAt;
import static com.wispbill.domain.Fixtures.dailyPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PaymentTest {

    private final Plan plan = dailyPlan().build();

    /** Every (from, to) pair with whether it is allowed: the full table, written out on purpose. */
    static Stream<Arguments> everyPair() {
        String allowed = """
                PENDING->SUCCEEDED PENDING->FAILED PENDING->CANCELLED PENDING->REFUNDED SUCCEEDED->REFUNDED
                """;
        return Stream.of(PaymentStatus.values()).flatMap(from -> Stream.of(PaymentStatus.values())
                .map(to -> Arguments.of(from, to, allowed.contains(from + "->" + to + " ")
                        || allowed.strip().endsWith(from + "->" + to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void stateMachine(PaymentStatus from, PaymentStatus to, boolean allowed) {
        assertEquals(allowed, from.canTransitionTo(to));
        Payment payment = inStatus(from);
        if (allowed) {
            Payment moved = payment.transitionTo(to, "insufficient funds", clockAt("2026-11-22T15:00:00Z"));
            assertEquals(to, moved.status());
            assertEquals(Instant.parse("2026-11-22T15:00:00Z"), moved.updatedAt());
        } else {
            var e = assertThrows(IllegalStateTransitionException.class,
                    () -> payment.transitionTo(to, "x", Fixtures.CLOCK));
            assertEquals(from.name(), e.from());
            assertEquals(to.name(), e.to());
            assertEquals("Payment", e.entity());
        }
    }

    @Test
    void tableHasExactlyFiveAllowedMoves() {
        assertEquals(25, everyPair().count());
        assertEquals(5, everyPair().filter(a -> (boolean) a.get()[2]).count());
    }

    private Payment inStatus(PaymentStatus status) {
        Payment p = Payment.forVoucher(RESELLER, "+254712345678", plan, PaymentProvider.MPESA, "router-1", Fixtures.CLOCK);
        return switch (status) {
            case PENDING -> p;
            case SUCCEEDED -> p.succeed(Fixtures.CLOCK);
            case FAILED -> p.fail("insufficient funds", Fixtures.CLOCK);
            case CANCELLED -> p.cancel(Fixtures.CLOCK);
            case REFUNDED -> p.succeed(Fixtures.CLOCK).refund(Fixtures.CLOCK);
        };
    }

    @Test
    void newPaymentIsPendingForThePlanPrice() {
        Payment p = Payment.forRenewal(RESELLER, "+254 712 345 678", plan, PaymentProvider.PAYSTACK, "sub-1", Fixtures.CLOCK);
        assertEquals(PaymentStatus.PENDING, p.status());
        assertEquals(Money.of(5000, "KES"), p.amount());
        assertEquals("+254712345678", p.customerPhone());
        assertEquals(Optional.of("sub-1"), p.subscriptionId());
        assertEquals(Optional.empty(), p.routerId());
        assertEquals(Optional.empty(), p.providerReference());
    }

    @Test
    void failureKeepsAReason() {
        Payment failed = inStatus(PaymentStatus.PENDING).fail(null, Fixtures.CLOCK);
        assertEquals(Optional.of("failed"), failed.failureReason());
        Payment cancelled = inStatus(PaymentStatus.PENDING).cancel(Fixtures.CLOCK);
        assertEquals(Optional.empty(), cancelled.failureReason());
    }

    @Test
    void providerReferenceIsSetOnce() {
        Payment p = inStatus(PaymentStatus.PENDING).withProviderReference("ws_CO_123", Fixtures.CLOCK);
        assertEquals(Optional.of("ws_CO_123"), p.providerReference());
        assertSame(p, p.withProviderReference("ws_CO_123", Fixtures.CLOCK));
        assertThrows(ConflictException.class, () -> p.withProviderReference("ws_CO_999", Fixtures.CLOCK));
    }

    @Test
    void updatedAtNeverGoesBackwards() {
        Payment p = inStatus(PaymentStatus.PENDING);
        Payment moved = p.succeed(clockAt(Fixtures.NOW.minusSeconds(5)));
        assertEquals(p.updatedAt(), moved.updatedAt());
    }

    @Test
    void rejectsFreeForeignOrInactivePlansAndBadInput() {
        Plan free = dailyPlan().price(Money.of(0, "KES")).build();
        assertTrue(assertThrows(ValidationException.class, () -> Payment.forVoucher(RESELLER, "+254712345678", free,
                PaymentProvider.MPESA, "router-1", Fixtures.CLOCK)).hasErrorFor("amount"));
        assertThrows(NotFoundException.class, () -> Payment.forVoucher("reseller-b", "+254712345678", plan,
                PaymentProvider.MPESA, "router-1", Fixtures.CLOCK));
        assertThrows(ValidationException.class, () -> Payment.forVoucher(RESELLER, "+254712345678", plan.deactivated(),
                PaymentProvider.MPESA, "router-1", Fixtures.CLOCK));
        var e = assertThrows(ValidationException.class, () -> Payment.forVoucher(RESELLER, "0712345678", plan,
                PaymentProvider.MPESA, "bad#router", Fixtures.CLOCK));
        assertTrue(e.hasErrorFor("customerPhone"));
        assertTrue(e.hasErrorFor("routerId"));
        var both = assertThrows(ValidationException.class, () -> new Payment("p1", RESELLER, "+254712345678", "plan",
                Money.of(100, "KES"), PaymentProvider.STRIPE, Optional.empty(), PaymentStatus.PENDING, Fixtures.NOW,
                Fixtures.NOW, Optional.empty(), Optional.of("sub-1"), Optional.of("router-1")));
        assertTrue(both.hasErrorFor("subscriptionId"));
    }

    @Test
    void providersBySlug() {
        assertEquals(PaymentProvider.MPESA, PaymentProvider.fromSlug("mpesa"));
        assertEquals(PaymentProvider.STRIPE, PaymentProvider.fromSlug("Stripe"));
        assertEquals("midtrans", PaymentProvider.MIDTRANS.slug());
        assertThrows(NotFoundException.class, () -> PaymentProvider.fromSlug("paypal"));
        assertFalse(PaymentStatus.PENDING.isFinal());
        assertTrue(PaymentStatus.REFUNDED.isFinal());
    }
}
