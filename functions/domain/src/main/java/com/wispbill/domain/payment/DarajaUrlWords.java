package com.wispbill.domain.payment;

import java.util.List;
import java.util.Locale;

/**
 * Words Safaricom's Daraja refuses anywhere in a C2B (paybill) Register URL, in any case ("Bad Request - Invalid
 * ConfirmationURL"): Daraja's C2B documentation forbids URLs containing M-Pesa, mpesa, Safaricom, exe, exec, cmd,
 * SQL or query. Webhook path tokens ({@link CallbackPathTokens}) are made so they never contain one.
 */
public final class DarajaUrlWords {
    /** Lowercase; "exec" is listed as Daraja lists it although "exe" already covers it. */
    public static final List<String> FORBIDDEN = List.of("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql", "query");

    private DarajaUrlWords() {
    }

    /** Whether Daraja would refuse a C2B URL containing {@code text}. */
    public static boolean refused(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return FORBIDDEN.stream().anyMatch(lower::contains);
    }
}
