package com.wispbill.domain;

import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers in E.164: '+', a country code that does not start with 0, 8 to 15 digits in all.
 * Customers are found by phone (M-Pesa pays from a phone; SMS goes to it), so one canonical form is
 * required: "+254712345678", never "0712 345 678".
 */
public final class PhoneNumbers {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    /**
     * The country calling code of the one country that uses each currency WISPbill's resellers sell in,
     * for numbers typed the local way ("0712 345 678" in Kenya). Resellers have no country of their own:
     * the currency they sell in says where their customers' phones are.
     */
    private static final Map<String, String> CALLING_CODE_BY_CURRENCY = Map.of(
            "KES", "254", "TZS", "255", "UGX", "256", "RWF", "250", "NGN", "234", "GHS", "233", "ZAR", "27",
            "IDR", "62", "ZMW", "260", "MWK", "265");

    private PhoneNumbers() {
    }

    public static boolean isE164(String phone) {
        return phone != null && E164.matcher(phone).matches();
    }

    /** Removes the punctuation people type (spaces, dashes, parentheses); null stays null. */
    public static String compact(String phone) {
        return phone == null ? null : phone.strip().replaceAll("[\\s()-]", "");
    }

    /**
     * Accepts E.164 with common punctuation people type ("+254 712-345-678") and returns the canonical
     * form; anything else is a validation error for {@code field}.
     */
    /** The calling code of the country whose currency this is ("254" for KES), if WISPbill knows it. */
    public static Optional<String> callingCode(Currency currency) {
        return Optional.ofNullable(CALLING_CODE_BY_CURRENCY.get(currency.getCurrencyCode()));
    }

    /**
     * As {@link #requireE164(String, String)}, also accepting the forms people type in the country with
     * {@code callingCode}: a trunk 0 ("0712 345 678" → "+254712345678"), the calling code without '+'
     * ("254712345678") and the international prefix 00 ("00254712345678").
     */
    public static String requireE164(String phone, String field, Optional<String> callingCode) {
        if (phone == null || phone.isBlank() || callingCode.isEmpty()) {
            return requireE164(phone, field);
        }
        String compact = compact(phone);
        String cc = callingCode.get();
        String international;
        if (compact.startsWith("+")) {
            international = compact;
        } else if (compact.startsWith("00")) {
            international = "+" + compact.substring(2);
        } else if (compact.startsWith("0")) {
            international = "+" + cc + compact.substring(1);
        } else if (compact.startsWith(cc)) {
            international = "+" + compact;
        } else {
            international = compact;
        }
        if (!isE164(international)) {
            throw new ValidationException(field, "must be a phone number: local (e.g. 0712 345 678) or international"
                    + " with '+' and the country code (e.g. +" + cc + "712345678)");
        }
        return international;
    }

    public static String requireE164(String phone, String field) {
        if (phone == null || phone.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String compact = compact(phone);
        if (!isE164(compact)) {
            throw new ValidationException(field,
                    "must be in international E.164 form: '+', country code and number, 8-15 digits (e.g. +254712345678)");
        }
        return compact;
    }
}
