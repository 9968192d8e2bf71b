package com.wispbill.domain.notify;

import com.wispbill.domain.FieldError;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMS texts: built-in ones for English, Swahili and Indonesian, which a reseller can override
 * per language and template. Placeholders are {@code {name}}; each template has a fixed set of
 * parameters ({@link #parameters}), so an override cannot ask for a value producers never send.
 */
public final class SmsTemplates {
    /** Three concatenated GSM-7 segments: longer texts cost more than they are worth. */
    public static final int MAX_LENGTH = 459;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    /**
     * Each template's parameters, in the order a WhatsApp template's body numbers them
     * ({@code {{1}}}, {@code {{2}}}, …: {@link WhatsAppTemplate#bodyParameters}).
     */
    private static final Map<SmsTemplate, List<String>> PARAMETERS = new EnumMap<>(Map.of(
            SmsTemplate.VOUCHER_ISSUED, List.of("code", "plan", "validity"),
            SmsTemplate.SUBSCRIPTION_EXTENDED, List.of("plan", "expiresAt"),
            SmsTemplate.EXPIRY_REMINDER, List.of("plan", "expiresAt"),
            SmsTemplate.EXPIRED, List.of("plan"),
            SmsTemplate.DATA_EXHAUSTED, List.of("plan")));

    private static final Map<String, Map<SmsTemplate, String>> BUILT_IN = Map.of(
            "en", texts(
                    "Your {plan} voucher code is {code}, valid for {validity}. Enter it on the hotspot login page.",
                    "Your {plan} subscription is extended until {expiresAt}. Thank you!",
                    "Reminder: your {plan} access ends at {expiresAt}. Buy again to stay connected.",
                    "Your {plan} access has ended. Buy a new plan to reconnect.",
                    "You have used all the data of your {plan} plan. Buy more to stay connected."),
            "sw", texts(
                    "Namba yako ya vocha ya {plan} ni {code}, inatumika kwa {validity}. Iweke kwenye ukurasa wa kuingia wa hotspot.",
                    "Kifurushi chako cha {plan} kimeongezwa hadi {expiresAt}. Asante!",
                    "Kumbusho: huduma yako ya {plan} inaisha {expiresAt}. Nunua tena ili uendelee kuunganishwa.",
                    "Huduma yako ya {plan} imekwisha. Nunua kifurushi kipya ili uunganishwe tena.",
                    "Umetumia data yote ya kifurushi chako cha {plan}. Nunua zaidi ili uendelee kuunganishwa."),
            "id", texts(
                    "Kode voucher {plan} Anda adalah {code}, berlaku {validity}. Masukkan di halaman login hotspot.",
                    "Langganan {plan} Anda diperpanjang hingga {expiresAt}. Terima kasih!",
                    "Pengingat: akses {plan} Anda berakhir pada {expiresAt}. Beli lagi agar tetap terhubung.",
                    "Akses {plan} Anda telah berakhir. Beli paket baru untuk terhubung kembali.",
                    "Kuota data paket {plan} Anda telah habis. Beli lagi agar tetap terhubung."));

    private SmsTemplates() {
    }

    private static Map<SmsTemplate, String> texts(String voucherIssued, String extended, String reminder,
                                                  String expired, String dataExhausted) {
        return new EnumMap<>(Map.of(SmsTemplate.VOUCHER_ISSUED, voucherIssued,
                SmsTemplate.SUBSCRIPTION_EXTENDED, extended, SmsTemplate.EXPIRY_REMINDER, reminder,
                SmsTemplate.EXPIRED, expired, SmsTemplate.DATA_EXHAUSTED, dataExhausted));
    }

    /** Languages with built-in texts. */
    public static Set<String> builtInLanguages() {
        return BUILT_IN.keySet();
    }

    /** The parameters {@code template} is rendered with. */
    public static Set<String> parameters(SmsTemplate template) {
        return Set.copyOf(PARAMETERS.get(template));
    }

    /** The parameters of {@code template} in their fixed order. */
    public static List<String> parameterOrder(SmsTemplate template) {
        return PARAMETERS.get(template);
    }

    /** The built-in text of {@code template} in {@code language}, if that language is built in. */
    public static Optional<String> builtIn(String language, SmsTemplate template) {
        return Optional.ofNullable(BUILT_IN.get(language)).map(texts -> texts.get(template));
    }

    /**
     * The text to send: the reseller's override for the language if any, else the built-in text of
     * the language, else the English one (a reseller may choose a language we have no texts for and
     * override only some templates).
     */
    public static String text(String language, SmsTemplate template, Map<SmsTemplate, String> overrides) {
        String override = overrides.get(template);
        if (override != null) {
            return override;
        }
        return builtIn(language, template).orElseGet(() -> builtIn(SmsSettings.DEFAULT_LANGUAGE, template).orElseThrow());
    }

    /**
     * Replaces every placeholder of {@code text} with its parameter. A placeholder without a value is a
     * {@link ValidationException} naming it (the producer sent too little): a customer must never get
     * "{code}" instead of a code.
     */
    public static String render(String text, Map<String, String> parameters) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        List<FieldError> missing = new ArrayList<>();
        while (m.find()) {
            String value = parameters.get(m.group(1));
            if (value == null || value.isBlank()) {
                missing.add(new FieldError("parameters." + m.group(1), "is required by the template"));
                m.appendReplacement(out, "");
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(missing);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Checks a reseller's override: not blank, not too long, only the template's own placeholders. */
    public static String validateOverride(SmsTemplate template, String text) {
        List<FieldError> errors = new ArrayList<>();
        String field = "templates." + (template == null ? "null" : template.name());
        if (template == null) {
            errors.add(new FieldError("template", "is required"));
        } else if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else {
            if (text.strip().length() > MAX_LENGTH) {
                errors.add(new FieldError(field, "must be at most " + MAX_LENGTH + " characters"));
            }
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!PARAMETERS.get(template).contains(m.group(1))) {
                    errors.add(new FieldError(field, "unknown placeholder {" + m.group(1) + "}; allowed: "
                            + PARAMETERS.get(template).stream().sorted().map(p -> "{" + p + "}").toList()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return text.strip();
    }
}
