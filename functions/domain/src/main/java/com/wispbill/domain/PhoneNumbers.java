package com.wispbill.domain;

import java.util.regex.Pattern;

/**
 * Phone numbers in E.164: '+', a country code that does not start with 0, 8 to 15 digits in all.
 * Customers are found by phone (M-Pesa pays from a phone; SMS goes to it), so one canonical form is
 * required: "+254712345678", never "0712 345 678".
 */
public final class PhoneNumbers {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");

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
