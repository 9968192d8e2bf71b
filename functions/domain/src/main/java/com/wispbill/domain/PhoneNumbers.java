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
    private static final Pattern DIGITS = Pattern.compile("\\d{6,15}");

    /**
     * Country calling codes of the currencies that belong to one country each, which is how a
     * reseller's country is known (resellers carry a currency, not a country). Currencies shared by
     * several countries (USD, EUR, XOF...) have none: their customers type the international form.
     */
    private static final Map<String, String> CALLING_CODE_BY_CURRENCY = Map.ofEntries(
            Map.entry("KES", "254"), Map.entry("UGX", "256"), Map.entry("TZS", "255"), Map.entry("RWF", "250"),
            Map.entry("NGN", "234"), Map.entry("GHS", "233"), Map.entry("ZAR", "27"), Map.entry("ZMW", "260"),
            Map.entry("MWK", "265"), Map.entry("ETB", "251"), Map.entry("IDR", "62"), Map.entry("PHP", "63"),
            Map.entry("INR", "91"), Map.entry("PKR", "92"), Map.entry("BDT", "880"), Map.entry("EGP", "20"),
            Map.entry("MAD", "212"), Map.entry("GBP", "44"), Map.entry("MYR", "60"), Map.entry("VND", "84"),
            Map.entry("THB", "66"), Map.entry("BRL", "55"), Map.entry("MXN", "52"));

    /**
     * How many digits follow the calling code (the national significant number, trunk 0 dropped) in
     * the countries WISPbill knows, from their numbering plans: mobile numbers, and landlines where
     * they differ. Calling codes are prefix-free, so a number starts with at most one of them. Other
     * countries are checked only by E.164's overall 8-15 digits.
     */
    private static final Map<String, Lengths> NATIONAL_LENGTHS = Map.ofEntries(
            Map.entry("254", new Lengths(9, 9)), Map.entry("256", new Lengths(9, 9)),
            Map.entry("255", new Lengths(9, 9)), Map.entry("250", new Lengths(9, 9)),
            Map.entry("234", new Lengths(8, 10)), Map.entry("233", new Lengths(9, 9)),
            Map.entry("27", new Lengths(9, 9)), Map.entry("260", new Lengths(9, 9)),
            Map.entry("265", new Lengths(7, 9)), Map.entry("251", new Lengths(9, 9)),
            Map.entry("62", new Lengths(8, 12)), Map.entry("63", new Lengths(8, 10)),
            Map.entry("91", new Lengths(10, 10)), Map.entry("92", new Lengths(9, 10)),
            Map.entry("880", new Lengths(8, 10)), Map.entry("20", new Lengths(8, 10)),
            Map.entry("212", new Lengths(9, 9)), Map.entry("44", new Lengths(9, 10)),
            Map.entry("60", new Lengths(8, 10)), Map.entry("84", new Lengths(9, 10)),
            Map.entry("66", new Lengths(8, 9)), Map.entry("55", new Lengths(10, 11)),
            Map.entry("52", new Lengths(10, 10)));

    /** Local examples, the way customers of a country type their number (shown in error messages). */
    private static final Map<String, String> NATIONAL_EXAMPLES = Map.of(
            "254", "0712 345 678", "255", "0712 345 678", "256", "0772 123 456", "250", "0788 123 456",
            "234", "0803 123 4567", "233", "024 123 4567", "27", "082 123 4567", "62", "0812 3456 7890",
            "260", "0977 123 456", "265", "0991 234 567");

    private record Lengths(int min, int max) {
        boolean admit(int digits) {
            return digits >= min && digits <= max;
        }

        String text() {
            return min == max ? Integer.toString(min) : min + " to " + max;
        }
    }

    private PhoneNumbers() {
    }

    public static boolean isE164(String phone) {
        return phone != null && E164.matcher(phone).matches();
    }

    /** Removes the punctuation people type (spaces, dashes, parentheses); null stays null. */
    public static String compact(String phone) {
        return phone == null ? null : phone.strip().replaceAll("[\\s()-]", "");
    }

    /** The calling code of the country whose currency this is ("254" for KES), if WISPbill knows it. */
    public static Optional<String> callingCode(Currency currency) {
        return Optional.ofNullable(currency).map(c -> CALLING_CODE_BY_CURRENCY.get(c.getCurrencyCode()));
    }

    /** How a number is typed in the country of {@code callingCode} ("0712 345 678" for "254"), if known. */
    public static Optional<String> nationalExample(String callingCode) {
        return Optional.ofNullable(NATIONAL_EXAMPLES.get(callingCode));
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
        requireNationalLength(compact, field);
        return compact;
    }

    /**
     * A field error if {@code e164} starts with a calling code whose national number length is known
     * and has another length ("+254712345" is 3 digits short), so a provider never sees it.
     */
    private static void requireNationalLength(String e164, String field) {
        for (int end = 2; end <= 4 && end < e164.length(); end++) {
            String code = e164.substring(1, end);
            Lengths lengths = NATIONAL_LENGTHS.get(code);
            if (lengths != null) {
                int digits = e164.length() - end;
                if (!lengths.admit(digits)) {
                    String example = nationalExample(code).map(e -> ", e.g. " + e).orElse("");
                    throw new ValidationException(field, "must have " + lengths.text() + " digits after +" + code
                            + " (" + digits + " given" + example + ")");
                }
                return;
            }
        }
    }

    /**
     * One canonical E.164 form for the ways a customer of a country types the same number:
     * "+254712345678", "254712345678", "00254712345678" and the national "0712345678" (trunk prefix 0)
     * are all "+254712345678" when {@code callingCode} is "254". Without a calling code only the
     * international forms are accepted. Anything else is a validation error for {@code field}.
     */
    public static String requireE164(String phone, String field, Optional<String> callingCode) {
        if (phone == null || phone.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String compact = compact(phone).replace(".", "");
        String candidate = compact;
        if (compact.startsWith("00")) {
            candidate = "+" + compact.substring(2);
        } else if (!compact.startsWith("+") && DIGITS.matcher(compact).matches() && callingCode.isPresent()) {
            String code = callingCode.get();
            if (compact.startsWith("0") && !compact.startsWith("00")) {
                candidate = "+" + code + compact.substring(1);
            } else if (compact.startsWith(code)) {
                candidate = "+" + compact;
            }
        }
        if (!isE164(candidate)) {
            throw new ValidationException(field, callingCode.map(code -> "must be a phone number: +" + code
                            + " and the number, or the national form starting with 0"
                            + nationalExample(code).map(e -> " (e.g. " + e + ")").orElse(""))
                    .orElse("must be in international E.164 form: '+', country code and number, 8-15 digits (e.g. +254712345678)"));
        }
        requireNationalLength(candidate, field);
        return candidate;
    }
}
