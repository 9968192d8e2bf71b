package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform fee of a sale is never 0 however small the price: a per-currency minimum in minor units. */
class PlatformFeeTest {
    private final PaymentFixture f = PaymentFixture.get();

    private Map<LedgerEntryType, Money> entries(Tenant t, String paymentId) {
        var today = t.reseller().calendar().dateOf(f.clock.instant());
        return f.repos.ledger().entries(t.id(), today.minusDays(1), today.plusDays(1), PageRequest.firstPage()).items()
                .stream().filter(e -> e.id().startsWith(paymentId))
                .collect(java.util.stream.Collectors.toMap(LedgerEntry::type, LedgerEntry::amount));
    }

    @Test
    void aSaleOfOneMinorUnitPaysTheMinimumFeeNotZero() {
        Tenant t = f.tenant("KES", 1);
        String paymentId = f.startPurchase(t, PaymentProvider.STRIPE, "+254722100001");
        assertEquals(200, f.simulator.pay(f.referenceOf(t, paymentId)).deliver().status());

        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
        Map<LedgerEntryType, Money> booked = entries(t, paymentId);
        assertEquals(Money.of(1, "KES"), booked.get(LedgerEntryType.SALE_GROSS));
        assertEquals(Money.of(-1, "KES"), booked.get(LedgerEntryType.PLATFORM_FEE),
                "5 % of 1 rounds to 0; the fee is the minimum (1 minor unit where none is configured)");
        assertEquals(Money.zero(Currency.getInstance("KES")), f.balance(t.id(), Currency.getInstance("KES")));
    }

    @Test
    void theConfiguredMinimumOfTheCurrencyAppliesBelowItAndThePercentageAboveIt() {
        FeePolicy fees = new FeePolicy(500, FeePolicy.parseMinimums(" KES=500, NGN=10000 ,"));
        assertEquals(Money.of(-500, "KES"), fees.platformFee(Money.of(1, "KES")), "a 1-unit price pays the minimum");
        assertEquals(Money.of(-500, "KES"), fees.platformFee(Money.of(100, "KES")), "not capped at the gross");
        assertEquals(Money.of(-5_000, "KES"), fees.platformFee(Money.of(100_000, "KES")), "5 % once above the minimum");
        assertEquals(Money.of(-10_000, "NGN"), fees.platformFee(Money.of(50_000, "NGN")));
        assertEquals(Money.of(-1, "USD"), fees.platformFee(Money.of(1, "USD")), "a currency without one: 1 minor unit");
        assertEquals(Money.of(0, "USD"), new FeePolicy(0).platformFee(Money.of(1, "USD")), "no fee at 0 basis points");

        assertThrows(IllegalArgumentException.class, () -> FeePolicy.parseMinimums("KES=5.00"));
        assertThrows(IllegalArgumentException.class, () -> FeePolicy.parseMinimums("KES=-1"));
        assertThrows(IllegalArgumentException.class, () -> FeePolicy.parseMinimums("KES=1,KES=2"));
        assertThrows(RuntimeException.class, () -> FeePolicy.parseMinimums("kes=100"));
    }
}
