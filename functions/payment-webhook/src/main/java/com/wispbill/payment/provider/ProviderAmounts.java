package com.wispbill.payment.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.domain.Money;
import com.wispbill.domain.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the amount of a provider notification exactly as the provider documents it: the JSON type it
 * documents, whole numbers only, no {@code double}, no truncation, no default currency. An amount that
 * does not read is not a malformed notification (it proved its origin and may be a real payment): it
 * becomes {@link ProviderUpdate#amountProblem()}, and a success carrying one is never granted but
 * recorded for review (PaymentSettlement). Callbacks are parsed with {@code USE_BIG_DECIMAL_FOR_FLOATS},
 * so {@code 5000.5} arrives here as a decimal, never rounded.
 */
final class ProviderAmounts {
    /** Midtrans {@code gross_amount}: a string of whole rupiah, with or without ".00". */
    private static final Pattern WHOLE_DECIMAL_TEXT = Pattern.compile("\\d{1,16}(\\.0{1,2})?");

    /** How a provider writes currency codes. */
    enum CurrencyCase {
        /** ISO 4217 as is, upper case (Paystack, Midtrans); anything else is another currency. */
        UPPER,
        /** Stripe documents lower-case codes ("kes"); read in any case. */
        ANY
    }

    private ProviderAmounts() {
    }

    /**
     * A JSON integer of minor units (Paystack {@code amount}, Stripe {@code amount_total}) with its currency
     * field.
     */
    static ProviderUpdate minorUnits(ProviderUpdate update, String field, JsonNode amount, JsonNode currency,
                                     CurrencyCase currencyCase) {
        CurrencyRead code = currency(currency, currencyCase);
        Optional<String> absent = code.currency().isEmpty() ? Optional.of(code.problem()) : missing(field, amount);
        if (absent.isPresent()) {
            return update.withUnreadableAmount(absent.get());
        }
        if (!amount.isIntegralNumber()) {
            return update.withUnreadableAmount(field + " " + shown(amount) + " is not a JSON integer of minor units");
        }
        return exact(update, field, amount.bigIntegerValue(), code.currency().get());
    }

    /**
     * A JSON number of whole major units (Daraja {@code Amount}, shillings; its documentation writes
     * {@code 1.00}, so a decimal with a zero fraction is whole). The currency is the one of the push.
     */
    static ProviderUpdate wholeMajorUnits(ProviderUpdate update, String field, JsonNode amount, Currency currency) {
        Optional<String> absent = missing(field, amount);
        if (absent.isPresent()) {
            return update.withUnreadableAmount(absent.get());
        }
        if (!amount.isNumber()) {
            return update.withUnreadableAmount(field + " " + shown(amount) + " is not a JSON number");
        }
        return major(update, field, amount.decimalValue(), currency);
    }

    /** A string of whole major units (Midtrans {@code gross_amount}, "50000.00") with its currency field. */
    static ProviderUpdate wholeMajorUnitsText(ProviderUpdate update, String field, JsonNode amount, JsonNode currency,
                                              CurrencyCase currencyCase) {
        CurrencyRead code = currency(currency, currencyCase);
        Optional<String> absent = code.currency().isEmpty() ? Optional.of(code.problem()) : missing(field, amount);
        if (absent.isPresent()) {
            return update.withUnreadableAmount(absent.get());
        }
        if (!amount.isTextual() || !WHOLE_DECIMAL_TEXT.matcher(amount.textValue()).matches()) {
            return update.withUnreadableAmount(field + " " + shown(amount) + " is not a string of whole units");
        }
        return major(update, field, new BigDecimal(amount.textValue()), code.currency().get());
    }

    private static Optional<String> missing(String field, JsonNode amount) {
        return amount.isMissingNode() || amount.isNull() ? Optional.of(field + " is missing") : Optional.empty();
    }

    /** Whole units a long of minor units can hold with any currency's fraction digits (10^18 > Long.MAX / 10). */
    private static final int MAX_MAJOR_DIGITS = 15;

    private static ProviderUpdate major(ProviderUpdate update, String field, BigDecimal major, Currency currency) {
        BigDecimal whole = major.stripTrailingZeros();
        if (whole.precision() - whole.scale() > MAX_MAJOR_DIGITS) {
            // Refused before it is expanded: "1e99999999" is 11 bytes but 10^8 digits as an integer.
            return update.withUnreadableAmount(field + " has more than " + MAX_MAJOR_DIGITS + " digits: out of range");
        }
        if (whole.scale() > 0) {
            return update.withUnreadableAmount(field + " " + major.toPlainString() + " is not a whole number");
        }
        return exact(update, field, whole.movePointRight(currency.getDefaultFractionDigits()).toBigIntegerExact(), currency);
    }

    private static ProviderUpdate exact(ProviderUpdate update, String field, BigInteger minorUnits, Currency currency) {
        if (minorUnits.signum() <= 0) {
            return update.withUnreadableAmount(field + " " + minorUnits + " is not positive");
        }
        if (minorUnits.bitLength() >= Long.SIZE) {
            return update.withUnreadableAmount(field + " " + minorUnits + " is out of range");
        }
        return update.withAmount(new Money(minorUnits.longValueExact(), currency));
    }

    private record CurrencyRead(Optional<Currency> currency, String problem) {
        static CurrencyRead problem(String why) {
            return new CurrencyRead(Optional.empty(), why);
        }
    }

    private static CurrencyRead currency(JsonNode node, CurrencyCase currencyCase) {
        if (node.isMissingNode() || node.isNull()) {
            return CurrencyRead.problem("currency is missing");
        }
        if (!node.isTextual()) {
            return CurrencyRead.problem("currency " + shown(node) + " is not a string");
        }
        String code = currencyCase == CurrencyCase.ANY ? node.textValue().toUpperCase(Locale.ROOT) : node.textValue();
        try {
            Currency currency = Money.currency(code);
            if (currency.getDefaultFractionDigits() < 0) {
                return CurrencyRead.problem("currency " + shown(node) + " has no minor unit");
            }
            return new CurrencyRead(Optional.of(currency), "");
        } catch (ValidationException e) {
            return CurrencyRead.problem("currency " + shown(node) + " is not an ISO 4217 code"
                    + (currencyCase == CurrencyCase.UPPER ? " in upper case" : ""));
        }
    }

    /** The value for the review, shortened: it came from outside. */
    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
