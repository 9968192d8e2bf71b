package com.wispbill.domain.notify;

import com.wispbill.domain.Validation;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a reseller's customers get their SMS: the language of the texts and, optionally, the sender
 * name shown on phones (an alphanumeric SNS sender id; the platform's is used when absent).
 *
 * @param language ISO 639-1 code, lower case ({@code en}, {@code sw}, {@code id}, ...)
 * @param senderId 1-11 letters and digits, at least one letter (what SNS accepts as a sender id)
 */
public record SmsSettings(String language, Optional<String> senderId) {
    public static final String DEFAULT_LANGUAGE = "en";

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern SENDER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]{1,11}");

    /** What a reseller who never chose gets: English, the platform's sender id. */
    public static final SmsSettings DEFAULT = new SmsSettings(DEFAULT_LANGUAGE, Optional.empty());

    public SmsSettings {
        senderId = senderId == null ? Optional.empty() : senderId;
        Validation v = new Validation();
        v.check(language != null && LANGUAGE.matcher(language).matches(), "language",
                "must be a two-letter ISO 639-1 code in lower case, e.g. en, sw, id");
        senderId.ifPresent(s -> v.check(isSenderId(s), "senderId",
                "must be 1-11 letters and digits with at least one letter"));
        v.throwIfInvalid();
    }

    public static boolean isSenderId(String value) {
        return value != null && SENDER_ID.matcher(value).matches();
    }
}
