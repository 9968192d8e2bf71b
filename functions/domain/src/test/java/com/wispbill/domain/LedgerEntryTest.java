package com.wispbill.domain;

import static com.wispbill.domain.Fixtures.NAIROBI;
import static com.wispbill.domain.Fixtures.RESELLER;
import static com.wispbill.domain.Fixtures.clockAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "SALE_GROSS, 5000, true", "SALE_GROSS, 0, false", "SALE_GROSS, -5000, false",
            "PROVIDER_FEE, -50, true", "PROVIDER_FEE, 0, true", "PROVIDER_FEE, 50, false",
            "PLATFORM_FEE, -100, true", "PLATFORM_FEE, 0, true", "PLATFORM_FEE, 100, false",
            "MANUAL_EXTENSION, 0, true", "MANUAL_EXTENSION, 2000, true", "MANUAL_EXTENSION, -1, false",
            "REFUND, -5000, true", "REFUND, 0, false", "REFUND, 5000, false",
            "ADJUSTMENT, 7, true", "ADJUSTMENT, -7, true", "ADJUSTMENT, 0, false",
    })
    void amountSignMustMatchTheType(LedgerEntryType type, long minor, boolean valid) {
        if (valid) {
            LedgerEntry e = LedgerEntry.manual(RESELLER, type, Money.of(minor, "KES"), "memo", NAIROBI, Fixtures.CLOCK);
            assertEquals(minor, e.amount().minorUnits());
        } else {
            var ex = assertThrows(ValidationException.class,
                    () -> LedgerEntry.manual(RESELLER, type, Money.of(minor, "KES"), "memo", NAIROBI, Fixtures.CLOCK));
            assertTrue(ex.hasErrorFor("amount"));
        }
    }

    @Test
    void businessDateIsTheResellersLocalDay() {
        // 22:30 UTC on 22 Nov is 01:30 on 23 Nov in Nairobi.
        LedgerEntry e = LedgerEntry.manual(RESELLER, LedgerEntryType.ADJUSTMENT, Money.of(100, "KES"), null, NAIROBI,
                clockAt("2026-11-22T22:30:00Z"));
        assertEquals(LocalDate.parse("2026-11-23"), e.businessDate());
        assertEquals("", e.memo());
    }

    @Test
    void paymentEntriesHaveDeterministicIds() {
        Payment p = Payment.forVoucher(RESELLER, "+254712345678", Fixtures.dailyPlan().build(), PaymentProvider.MPESA,
                "router-1", Fixtures.CLOCK).succeed(Fixtures.CLOCK);
        LedgerEntry sale = LedgerEntry.forPayment(p, LedgerEntryType.SALE_GROSS, p.amount(), "sale", NAIROBI, Fixtures.CLOCK);
        LedgerEntry again = LedgerEntry.forPayment(p, LedgerEntryType.SALE_GROSS, p.amount(), "sale", NAIROBI, Fixtures.CLOCK);
        assertEquals(sale.id(), again.id());
        assertEquals(p.id() + "-SALE_GROSS", sale.id());
        assertEquals(Optional.of(p.id()), sale.paymentId());
        assertTrue(Ids.isValid(sale.id()));
    }
}
