package com.wispbill.domain;

/**
 * Kinds of money movement in a reseller's ledger, each with the sign its amount must have (the
 * reseller's balance is the sum of all entries, so a sign mistake would silently pay out money).
 */
public enum LedgerEntryType {
    /** What the customer paid. Positive. */
    SALE_GROSS(Sign.POSITIVE),
    /** The payment provider's fee. Negative or zero. */
    PROVIDER_FEE(Sign.NOT_POSITIVE),
    /** Our fee. Negative or zero. */
    PLATFORM_FEE(Sign.NOT_POSITIVE),
    /** Time given by hand; zero if free, positive if the reseller took cash for it. */
    MANUAL_EXTENSION(Sign.NOT_NEGATIVE),
    /** Money returned to a customer. Negative. */
    REFUND(Sign.NEGATIVE),
    /** Corrections by the operator, either way, never zero. */
    ADJUSTMENT(Sign.NON_ZERO);

    enum Sign {
        POSITIVE, NEGATIVE, NOT_POSITIVE, NOT_NEGATIVE, NON_ZERO;

        boolean accepts(long v) {
            return switch (this) {
                case POSITIVE -> v > 0;
                case NEGATIVE -> v < 0;
                case NOT_POSITIVE -> v <= 0;
                case NOT_NEGATIVE -> v >= 0;
                case NON_ZERO -> v != 0;
            };
        }

        String describe() {
            return switch (this) {
                case POSITIVE -> "positive";
                case NEGATIVE -> "negative";
                case NOT_POSITIVE -> "negative or zero";
                case NOT_NEGATIVE -> "zero or positive";
                case NON_ZERO -> "non-zero";
            };
        }
    }

    private final Sign sign;

    LedgerEntryType(Sign sign) {
        this.sign = sign;
    }

    public boolean acceptsAmount(Money amount) {
        return sign.accepts(amount.minorUnits());
    }

    public String requiredSign() {
        return sign.describe();
    }
}
