package com.wispbill.payment;

import com.wispbill.domain.Money;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's cut of each sale: {@code platformFeeBasisPoints} of the gross (500 = 5 %), rounded half
 * up to the minor unit, but never less than the currency's minimum fee in minor units. What is left after
 * the provider's fee and ours is the reseller's commission, i.e. what the sale adds to the reseller's
 * balance.
 *
 * <p>Why a minimum: every sale costs the platform an SMS and a router command whatever its price, so a
 * percentage alone lets a reseller sell 1-unit plans whose fee rounds to 0 and have the platform pay
 * for the messages. The minimum is not capped at the gross: a sale priced below it costs the reseller
 * the difference. A currency without a configured minimum has a minimum of 1 minor unit while the
 * percentage is above 0, so a fee never rounds to nothing.
 *
 * @param minimumMinorUnits per ISO 4217 code, the least fee of one sale in that currency's minor units
 */
public record FeePolicy(long platformFeeBasisPoints, Map<String, Long> minimumMinorUnits) {
    public FeePolicy {
        if (platformFeeBasisPoints < 0 || platformFeeBasisPoints > 10_000) {
            throw new IllegalArgumentException("the platform fee is 0 to 10000 basis points, was " + platformFeeBasisPoints);
        }
        minimumMinorUnits.forEach((currency, minimum) -> {
            Money.currency(currency);
            if (minimum < 0) {
                throw new IllegalArgumentException("the minimum platform fee in " + currency + " is negative: " + minimum);
            }
        });
        minimumMinorUnits = Map.copyOf(minimumMinorUnits);
    }

    /** A percentage with the default minimum of 1 minor unit in every currency. */
    public FeePolicy(long platformFeeBasisPoints) {
        this(platformFeeBasisPoints, Map.of());
    }

    /**
     * Minimums as configured ({@code PLATFORM_FEE_MINIMUMS}): {@code KES=100,NGN=5000,USD=30}, each an
     * ISO 4217 code and a whole number of minor units; blank means none.
     */
    public static Map<String, Long> parseMinimums(String text) {
        Map<String, Long> minimums = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || !parts[1].strip().matches("\\d{1,15}")) {
                throw new IllegalArgumentException("PLATFORM_FEE_MINIMUMS: '" + pair.strip()
                        + "' is not CURRENCY=minor units, e.g. KES=100");
            }
            String currency = parts[0].strip();
            Money.currency(currency);
            if (minimums.put(currency, Long.parseLong(parts[1].strip())) != null) {
                throw new IllegalArgumentException("PLATFORM_FEE_MINIMUMS names " + currency + " twice");
            }
        }
        return minimums;
    }

    /** The least platform fee of a sale in {@code currency}, in minor units. */
    public long minimumMinorUnits(Currency currency) {
        return minimumMinorUnits.getOrDefault(currency.getCurrencyCode(), platformFeeBasisPoints > 0 ? 1L : 0L);
    }

    /** The platform fee for {@code gross}, as a non-positive ledger amount. */
    public Money platformFee(Money gross) {
        long share = Math.addExact(Math.multiplyExact(gross.minorUnits(), platformFeeBasisPoints), 5_000) / 10_000;
        return new Money(-Math.max(share, minimumMinorUnits(gross.currency())), gross.currency());
    }
}
