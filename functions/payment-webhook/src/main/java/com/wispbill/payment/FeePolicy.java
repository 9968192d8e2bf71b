package com.wispbill.payment;

import com.wispbill.domain.Money;

/**
 * The platform's cut of each sale, in basis points of the gross (500 = 5 %), rounded half up to the
 * minor unit. What is left after the provider's fee and ours is the reseller's commission, i.e. what
 * the sale adds to the reseller's balance.
 */
public record FeePolicy(long platformFeeBasisPoints) {
    public FeePolicy {
        if (platformFeeBasisPoints < 0 || platformFeeBasisPoints > 10_000) {
            throw new IllegalArgumentException("the platform fee is 0 to 10000 basis points, was " + platformFeeBasisPoints);
        }
    }

    /** The platform fee for {@code gross}, as a non-positive ledger amount. */
    public Money platformFee(Money gross) {
        long fee = Math.addExact(Math.multiplyExact(gross.minorUnits(), platformFeeBasisPoints), 5_000) / 10_000;
        return new Money(-fee, gross.currency());
    }
}
