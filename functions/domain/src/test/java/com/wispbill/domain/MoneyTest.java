package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void arithmeticStaysInMinorUnits() {
        Money a = Money.of(5000, "KES");
        Money b = Money.of(1250, "KES");
        assertEquals(Money.of(6250, "KES"), a.plus(b));
        assertEquals(Money.of(3750, "KES"), a.minus(b));
        assertEquals(Money.of(-3750, "KES"), b.minus(a));
        assertEquals(Money.of(15000, "KES"), a.multiply(3));
        assertEquals(Money.of(-5000, "KES"), a.negate());
        assertTrue(a.negate().isNegative());
        assertFalse(a.isNegative());
        assertTrue(Money.zero(Currency.getInstance("KES")).isZero());
        assertTrue(a.isGreaterThan(b));
        assertTrue(b.compareTo(a) < 0);
        assertEquals(0, a.compareTo(Money.of(5000, "KES")));
    }

    @Test
    void mixingCurrenciesIsRejectedWithBothCodesInTheMessage() {
        Money kes = Money.of(100, "KES");
        Money usd = Money.of(100, "USD");
        var plus = assertThrows(Money.CurrencyMismatchException.class, () -> kes.plus(usd));
        assertTrue(plus.getMessage().contains("KES") && plus.getMessage().contains("USD"), plus.getMessage());
        assertThrows(Money.CurrencyMismatchException.class, () -> kes.minus(usd));
        assertThrows(Money.CurrencyMismatchException.class, () -> kes.compareTo(usd));
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        Money max = Money.of(Long.MAX_VALUE, "KES");
        assertThrows(ArithmeticException.class, () -> max.plus(Money.of(1, "KES")));
        assertThrows(ArithmeticException.class, () -> max.multiply(2));
        assertThrows(ArithmeticException.class, () -> Money.of(Long.MIN_VALUE, "KES").negate());
    }

    @Test
    void formatsWithTheCurrencysFractionDigits() {
        assertEquals("KES 1,234.50", Money.of(123450, "KES").format());
        assertEquals("KES 0.05", Money.of(5, "KES").format());
        assertEquals("KES -0.05", Money.of(-5, "KES").format());
        assertEquals("JPY 1,500", Money.of(1500, "JPY").format());
        assertEquals("BHD 1.234", Money.of(1234, "BHD").format());
        assertEquals("USD 1,000,000.00", Money.of(100_000_000, "USD").format());
        assertEquals("50.00", Money.of(5000, "KES").toDecimalString());
        assertEquals("-0.05", Money.of(-5, "KES").toDecimalString());
        assertEquals("500", Money.of(500, "JPY").toDecimalString());
    }

    @Test
    void parsesDecimalInputExactly() {
        Currency kes = Currency.getInstance("KES");
        assertEquals(Money.of(5000, "KES"), Money.parse("50", kes));
        assertEquals(Money.of(5050, "KES"), Money.parse("50.5", kes));
        assertEquals(Money.of(5055, "KES"), Money.parse(" 50.55 ", kes));
        assertEquals(Money.of(500, "JPY"), Money.parse("500", Currency.getInstance("JPY")));
        var tooPrecise = assertThrows(ValidationException.class, () -> Money.parse("50.555", kes));
        assertTrue(tooPrecise.hasErrorFor("amount"));
        assertThrows(ValidationException.class, () -> Money.parse("10.5", Currency.getInstance("JPY")));
        assertThrows(ValidationException.class, () -> Money.parse("1e3", kes));
        assertThrows(ValidationException.class, () -> Money.parse("abc", kes));
        assertThrows(ValidationException.class, () -> Money.parse("999999999999999999.99", kes));
    }

    @Test
    void unknownCurrencyIsAValidationError() {
        assertTrue(assertThrows(ValidationException.class, () -> Money.of(1, "XYZ")).hasErrorFor("currency"));
        assertTrue(assertThrows(ValidationException.class, () -> Money.of(1, "kes")).hasErrorFor("currency"));
        // XXX ("no currency") has no minor unit: not money.
        assertThrows(ValidationException.class, () -> Money.of(1, "XXX"));
    }
}
