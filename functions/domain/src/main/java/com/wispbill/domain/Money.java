package com.wispbill.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money: a whole number of the currency's minor units (cents, KES cents, ...) and an
 * ISO 4217 currency. There is no floating point anywhere; arithmetic overflows throw instead of
 * wrapping, and mixing currencies throws instead of silently adding shillings to dollars.
 *
 * <p>Amounts may be negative (ledger entries are signed); where a negative amount makes no sense
 * (a plan price, a payment) the owning type rejects it.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new ValidationException("currency", currency.getCurrencyCode()
                    + " has no minor unit and cannot be used for money");
        }
    }

    /** {@code Money.of(5000, "KES")} is KES 50.00. */
    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * Parses a decimal amount in major units ("50", "50.5", "50.50") as typed by people. More fraction
     * digits than the currency has ("50.505" KES, "10.5" JPY) is an error, never a rounding.
     */
    public static Money parse(String amount, Currency currency) {
        Objects.requireNonNull(currency, "currency");
        if (amount == null || !amount.strip().matches("-?\\d{1,18}(\\.\\d+)?")) {
            throw new ValidationException("amount", "must be a decimal number like 50 or 50.00");
        }
        BigDecimal major = new BigDecimal(amount.strip());
        int digits = currency.getDefaultFractionDigits();
        if (major.scale() > digits) {
            throw new ValidationException("amount", currency.getCurrencyCode() + " amounts have at most "
                    + digits + " decimal places");
        }
        try {
            return new Money(major.movePointRight(digits).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new ValidationException("amount", "is too large");
        }
    }

    /** A currency from its ISO 4217 code, with a validation error (not an IllegalArgumentException) for unknown codes. */
    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new ValidationException("currency", "must be an ISO 4217 code like KES, NGN or USD");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("currency", code + " is not an ISO 4217 currency");
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other, "add");
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other, "subtract");
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public Money multiply(long factor) {
        return new Money(Math.multiplyExact(minorUnits, factor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    public boolean isSameCurrency(Money other) {
        return currency.equals(other.currency);
    }

    /** Orders amounts of the same currency; comparing different currencies is a bug and throws. */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other, "compare");
        return Long.compare(minorUnits, other.minorUnits);
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    /** The amount in major units with exactly the currency's fraction digits: "50.00", "-0.05", "500" for JPY. */
    public String toDecimalString() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()).toPlainString();
    }

    /** For display: "KES 1,234.50". Grouping is fixed (comma) so logs and SMS look the same everywhere. */
    public String format() {
        BigDecimal value = BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()).abs();
        String plain = value.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY).toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(whole.charAt(i));
        }
        return currency.getCurrencyCode() + " " + (minorUnits < 0 ? "-" : "") + grouped + fraction;
    }

    @Override
    public String toString() {
        return format();
    }

    private void requireSameCurrency(Money other, String operation) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException("cannot " + operation + " " + currency.getCurrencyCode()
                    + " and " + other.currency.getCurrencyCode() + " amounts");
        }
    }

    /** Arithmetic between two currencies: always a programming error, never user input. */
    public static final class CurrencyMismatchException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public CurrencyMismatchException(String message) {
            super(message);
        }
    }
}
