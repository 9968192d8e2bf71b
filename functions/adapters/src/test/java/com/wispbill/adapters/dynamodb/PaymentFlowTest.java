package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.DashboardCounters.DailyRevenue;
import com.wispbill.adapters.repository.DashboardCounters.PlanRevenue;
import com.wispbill.adapters.repository.LedgerAggregator;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.IllegalStateTransitionException;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.Plan;
import com.wispbill.domain.ProviderEvent;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherCodes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payments, provider events, ledger and counters, including the webhook's all-or-nothing transaction. */
class PaymentFlowTest extends StoreTestSupport {
    private static final Currency KES = Currency.getInstance("KES");
    private Plan daily;
    private Plan weekly;

    @BeforeEach
    void plans() {
        daily = plan(A, "plan-daily").build();
        weekly = plan(A, "plan-week").price(Money.of(30000, "KES")).validity(Duration.ofDays(7)).build();
        store.plans().create(daily);
        store.plans().create(weekly);
    }

    private Payment pendingWithReference(Plan plan, String reference) {
        Payment p = Payment.forVoucher(A, "+254712345678", plan, PaymentProvider.MPESA, "router-1", clock)
                .withProviderReference(reference, clock);
        store.payments().create(p);
        return p;
    }

    /** What payment-webhook does on a success callback, in one transaction. */
    private void applySuccess(Payment pending, String eventId) {
        Payment succeeded = pending.succeed(clock);
        WriteTransaction tx = store.begin();
        store.providerEvents().record(new ProviderEvent(PaymentProvider.MPESA, eventId, clock.instant(),
                Optional.of(A), Optional.of(pending.id()), "SUCCEEDED"), tx);
        store.payments().transition(pending, succeeded, tx);
        LedgerEntry sale = LedgerEntry.forPayment(succeeded, LedgerEntryType.SALE_GROSS, succeeded.amount(), "M-Pesa sale", NAIROBI, clock);
        LedgerEntry fee = LedgerEntry.forPayment(succeeded, LedgerEntryType.PROVIDER_FEE, Money.of(-50, "KES"), "M-Pesa fee", NAIROBI, clock);
        store.ledger().appendAggregatedLater(sale, Optional.of(succeeded.planId()), tx);
        store.ledger().appendAggregatedLater(fee, Optional.empty(), tx);
        tx.commit();
        aggregate(new LedgerAggregator.PendingEntry(sale, Optional.of(succeeded.planId())),
                new LedgerAggregator.PendingEntry(fee, Optional.empty()));
    }

    @Test
    void callbacksFindThePaymentByProviderReference() {
        Payment p = pendingWithReference(daily, "ws_CO_0001");
        assertEquals(p, store.payments().findByProviderReference(PaymentProvider.MPESA, "ws_CO_0001").orElseThrow());
        assertEquals(Optional.empty(), store.payments().findByProviderReference(PaymentProvider.PAYSTACK, "ws_CO_0001"));
        assertEquals(Optional.empty(), store.payments().find(B, p.id()));

        Payment other = Payment.forVoucher(A, "+254712345678", daily, PaymentProvider.MPESA, "router-1", clock)
                .withProviderReference("ws_CO_0001", clock);
        var e = assertThrows(ConflictException.class, () -> store.payments().create(other));
        assertTrue(e.getMessage().contains("already belongs to another payment"), e.getMessage());
        assertEquals(Optional.empty(), store.payments().find(A, other.id()), "nothing written");
    }

    @Test
    void referenceCanBeAttachedOnce() {
        Payment p = Payment.forRenewal(A, "+254712345678", weekly, PaymentProvider.PAYSTACK, "sub-1", clock);
        store.payments().create(p);
        Payment withRef = p.withProviderReference("T123", clock);
        store.payments().attachProviderReference(p, withRef);
        assertEquals(withRef, store.payments().findByProviderReference(PaymentProvider.PAYSTACK, "T123").orElseThrow());
        Payment again = p.withProviderReference("T999", clock);
        assertThrows(ConflictException.class, () -> store.payments().attachProviderReference(p, again));
        assertEquals(Optional.empty(), store.payments().findByProviderReference(PaymentProvider.PAYSTACK, "T999"));
    }

    @Test
    void stateChangesFollowTheStateMachineAndTheStoredStatus() {
        Payment p = pendingWithReference(daily, "ws_CO_0002");
        Payment failed = p.fail("1032 cancelled by user", clock);
        store.payments().transition(p, failed);
        assertEquals(failed, store.payments().get(A, p.id()));

        // A late success callback acting on the stale PENDING read loses.
        var conflict = assertThrows(ConflictException.class, () -> store.payments().transition(p, p.succeed(clock)));
        assertTrue(conflict.getMessage().contains("no longer PENDING (now FAILED)"), conflict.getMessage());
        // A move the state machine forbids is rejected before any write.
        Payment forged = new Payment(p.id(), A, p.customerPhone(), p.planId(), p.amount(), p.provider(),
                p.providerReference(), PaymentStatus.SUCCEEDED, p.createdAt(), p.updatedAt(), Optional.empty(),
                p.subscriptionId(), p.routerId());
        assertThrows(IllegalStateTransitionException.class, () -> store.payments().transition(failed, forged));
        assertEquals(PaymentStatus.FAILED, store.payments().get(A, p.id()).status());
    }

    @Test
    void webhookTransactionIsAllOrNothingAndARetryChangesNothing() {
        Payment p = pendingWithReference(daily, "ws_CO_0003");
        applySuccess(p, "ws_CO_0003");

        assertEquals(PaymentStatus.SUCCEEDED, store.payments().get(A, p.id()).status());
        assertEquals(Money.of(4950, "KES"), store.ledger().balance(A, KES));
        assertTrue(store.providerEvents().find(PaymentProvider.MPESA, "ws_CO_0003").isPresent());

        // The provider retries the same callback: the transaction is rejected as a whole.
        var e = assertThrows(ConflictException.class, () -> applySuccess(p, "ws_CO_0003"));
        assertTrue(e.getMessage().contains("already processed"), e.getMessage());
        assertTrue(e.getMessage().contains("no longer PENDING"), e.getMessage());
        assertEquals(Money.of(4950, "KES"), store.ledger().balance(A, KES));
        LocalDate today = NAIROBI.dateOf(clock.instant());
        assertEquals(List.of(new DailyRevenue(today, Money.of(5000, "KES"), 1, Money.of(0, "KES"), 0)),
                store.dashboardCounters().revenueByDay(A, today, today));
        assertFalse(store.providerEvents().recordIfNew(new ProviderEvent(PaymentProvider.MPESA, "ws_CO_0003",
                clock.instant(), Optional.empty(), Optional.empty(), "duplicate")));
        assertTrue(store.providerEvents().recordIfNew(new ProviderEvent(PaymentProvider.MPESA, "ws_CO_0004",
                clock.instant(), Optional.empty(), Optional.empty(), "ignored")));
    }

    @Test
    void ledgerEntriesAreRecordedOnceAndListedByLocalDay() {
        // 22:30 UTC on 22 Nov is already 23 Nov in Nairobi.
        clock.set(Instant.parse("2026-11-22T20:00:00Z"));
        LedgerEntry first = LedgerEntry.manual(A, LedgerEntryType.ADJUSTMENT, Money.of(700, "KES"), "opening", NAIROBI, clock);
        appendAndAggregate(first, Optional.empty());
        clock.set(Instant.parse("2026-11-22T22:30:00Z"));
        LedgerEntry second = LedgerEntry.manual(A, LedgerEntryType.ADJUSTMENT, Money.of(-200, "KES"), "correction", NAIROBI, clock);
        appendAndAggregate(second, Optional.empty());
        assertThrows(ConflictException.class, () -> appendAndAggregate(first, Optional.empty()));
        assertEquals(0, aggregate(new LedgerAggregator.PendingEntry(first, Optional.empty())), "added once");
        assertEquals(Money.of(500, "KES"), store.ledger().balance(A, KES));
        assertEquals(Money.of(0, "KES"), store.ledger().balance(B, KES));

        LocalDate d22 = LocalDate.parse("2026-11-22");
        LocalDate d23 = LocalDate.parse("2026-11-23");
        assertEquals(List.of(first), store.ledger().entries(A, d22, d22, PageRequest.firstPage()).items());
        assertEquals(List.of(second), store.ledger().entries(A, d23, d23, PageRequest.firstPage()).items());
        Page<LedgerEntry> both = store.ledger().entries(A, d22, d23, PageRequest.first(1));
        assertEquals(List.of(first), both.items());
        assertEquals(List.of(second), store.ledger().entries(A, d22, d23, PageRequest.first(1).next(both)).items());
        assertEquals(List.of(), store.ledger().entries(B, d22, d23, PageRequest.firstPage()).items());
    }

    @Test
    void revenueCountersGivePerDayAndPopularPlans() {
        LocalDate d1 = LocalDate.parse("2026-11-20");
        LocalDate d2 = LocalDate.parse("2026-11-21");
        WriteTransaction tx = store.begin();
        counters().recordSale(A, d1, "plan-daily", Money.of(5000, "KES"), tx);
        tx.commit();
        for (int i = 0; i < 3; i++) {
            WriteTransaction t = store.begin();
            counters().recordSale(A, d2, "plan-daily", Money.of(5000, "KES"), t);
            t.commit();
        }
        WriteTransaction t = store.begin();
        counters().recordSale(A, d2, "plan-week", Money.of(30000, "KES"), t);
        t.commit();
        WriteTransaction refund = store.begin();
        counters().recordRefund(A, d2, "plan-week", Money.of(30000, "KES"), refund);
        refund.commit();

        List<DailyRevenue> days = store.dashboardCounters().revenueByDay(A, d1, d2);
        assertEquals(List.of(
                new DailyRevenue(d1, Money.of(5000, "KES"), 1, Money.of(0, "KES"), 0),
                new DailyRevenue(d2, Money.of(45000, "KES"), 4, Money.of(30000, "KES"), 1)), days);
        assertEquals(Money.of(15000, "KES"), days.get(1).net());
        assertEquals(List.of(new PlanRevenue("plan-daily", Money.of(20000, "KES"), 4),
                        new PlanRevenue("plan-week", Money.of(30000, "KES"), 1)),
                store.dashboardCounters().revenueByPlan(A, d1, d2));
        assertEquals(List.of(new PlanRevenue("plan-daily", Money.of(5000, "KES"), 1)),
                store.dashboardCounters().revenueByPlan(A, d1, d1));
        assertEquals(List.of(), store.dashboardCounters().revenueByDay(B, d1, d2));

        WriteTransaction dollars = store.begin();
        counters().recordSale(A, d2, "plan-daily", Money.of(100, "USD"), dollars);
        assertThrows(ConflictException.class, dollars::commit);
    }

    @Test
    void paymentsListNewestFirstPerPhone() {
        Payment first = pendingWithReference(daily, "ref-1");
        clock.advance(Duration.ofMinutes(1));
        Payment second = pendingWithReference(weekly, "ref-2");
        clock.advance(Duration.ofMinutes(1));
        Payment otherPhone = Payment.forVoucher(A, "+254700000001", daily, PaymentProvider.MPESA, "router-1", clock);
        store.payments().create(otherPhone);

        assertEquals(List.of(second.id(), first.id()), store.payments().listForPhone(A, "+254 712 345 678", PageRequest.firstPage())
                .items().stream().map(Payment::id).toList());
        assertEquals(List.of(otherPhone.id(), second.id(), first.id()),
                store.payments().list(A, PageRequest.firstPage()).items().stream().map(Payment::id).toList());
        assertEquals(List.of(), store.payments().listForPhone(B, "+254712345678", PageRequest.firstPage()).items());
    }

    @Test
    void portalVoucherIsCreatedInThePaymentTransactionOrNotAtAll() {
        VoucherCodes codes = new VoucherCodes();
        VoucherBatch portalStock = VoucherBatch.order(A, "plan-daily", List.of("router-1"), 1, clock);
        store.voucherBatches().create(portalStock);
        Payment pending = pendingWithReference(daily, "ws_CO_portal");

        Voucher voucher = Voucher.create(codes.generate(10), A, portalStock.id(), "plan-daily", "router-1", clock)
                .sell(clock.instant(), daily, NAIROBI);
        WriteTransaction tx = store.begin();
        store.payments().transition(pending, pending.succeed(clock), tx);
        store.vouchers().insert(voucher, tx);
        tx.commit();
        assertEquals(voucher, store.vouchers().findByCode(A, voucher.code()).orElseThrow());

        // A colliding code aborts everything, so the caller can retry the grant with a new code.
        Payment second = pendingWithReference(daily, "ws_CO_portal2");
        Voucher colliding = Voucher.create(voucher.code(), A, portalStock.id(), "plan-daily", "router-1", clock);
        WriteTransaction failing = store.begin();
        store.payments().transition(second, second.succeed(clock), failing);
        store.vouchers().insert(colliding, failing);
        var e = assertThrows(ConflictException.class, failing::commit);
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertFalse(e.getMessage().contains(voucher.code()), "codes are secrets");
        assertEquals(PaymentStatus.PENDING, store.payments().get(A, second.id()).status());
    }

    @Test
    void saleAndFeesOfOnePaymentAddUpInOneBalanceUpdate() {
        Payment p = pendingWithReference(weekly, "ws_CO_fees");
        Payment succeeded = p.succeed(clock);
        WriteTransaction tx = store.begin();
        store.payments().transition(p, succeeded, tx);
        List<LedgerAggregator.PendingEntry> entries = List.of(
                new LedgerAggregator.PendingEntry(LedgerEntry.forPayment(succeeded, LedgerEntryType.SALE_GROSS, succeeded.amount(), "sale", NAIROBI, clock),
                        Optional.of(succeeded.planId())),
                new LedgerAggregator.PendingEntry(LedgerEntry.forPayment(succeeded, LedgerEntryType.PROVIDER_FEE, Money.of(-150, "KES"), "fee", NAIROBI, clock),
                        Optional.empty()),
                new LedgerAggregator.PendingEntry(LedgerEntry.forPayment(succeeded, LedgerEntryType.PLATFORM_FEE, Money.of(-600, "KES"), "ours", NAIROBI, clock),
                        Optional.empty()));
        entries.forEach(e -> store.ledger().appendAggregatedLater(e.entry(), e.revenuePlanId(), tx));
        assertEquals(4, tx.size(), "payment and three entries: no item another payment writes");
        tx.commit();
        assertEquals(Money.of(0, "KES"), store.ledger().balance(A, KES), "added from the stream, not in the payment's transaction");
        assertEquals(3, aggregate(entries.toArray(LedgerAggregator.PendingEntry[]::new)), "three entries, one merged balance update");
        assertEquals(Money.of(29250, "KES"), store.ledger().balance(A, KES));
        LocalDate today = NAIROBI.dateOf(clock.instant());
        assertEquals(3, store.ledger().entries(A, today, today, PageRequest.firstPage()).items().size());
    }

    @Test
    void transactionRejectsTwoWritesToOneItem() {
        Payment p = pendingWithReference(daily, "ref-x");
        WriteTransaction tx = store.begin();
        store.payments().transition(p, p.succeed(clock), tx);
        assertThrows(IllegalStateException.class, () -> store.payments().transition(p, p.cancel(clock), tx));
    }
}
