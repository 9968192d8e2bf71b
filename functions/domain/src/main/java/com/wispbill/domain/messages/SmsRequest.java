package com.wispbill.domain.messages;

import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.Validation;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A text message to send to a customer. The notifier renders {@code template} in the reseller's
 * language with {@code parameters} and publishes it through SNS.
 *
 * @param notificationId unique and deterministic for what it announces (e.g. {@code <paymentId>-SMS}),
 *                       so a redelivered or re-sent request is sent once
 * @param resellerId     whose customer; picks templates, language and sender name
 * @param phoneE164      recipient in E.164 ({@code +254712345678})
 * @param template       which message
 * @param parameters     values for the template's placeholders (may hold a voucher code: never logged)
 * @param requestedAt    when the producer asked (UTC)
 * @param smsOnly        by SMS even where the customer has WhatsApp: the fallback after a WhatsApp message
 *                       of the same notice failed
 */
public record SmsRequest(
        String notificationId,
        String resellerId,
        String phoneE164,
        SmsTemplate template,
        Map<String, String> parameters,
        Instant requestedAt,
        boolean smsOnly) {

    /** A notice on the customer's channel (WhatsApp where they opted in, else SMS). */
    public SmsRequest(String notificationId, String resellerId, String phoneE164, SmsTemplate template,
                      Map<String, String> parameters, Instant requestedAt) {
        this(notificationId, resellerId, phoneE164, template, parameters, requestedAt, false);
    }

    /** The messages the system sends; each names the parameters it needs. */
    public enum SmsTemplate {
        /** A purchase succeeded and a voucher was issued: {@code code}, {@code plan}, {@code validity}. */
        VOUCHER_ISSUED,
        /** A subscription was extended: {@code plan}, {@code expiresAt} (reseller-local text). */
        SUBSCRIPTION_EXTENDED,
        /** Access ends soon: {@code plan}, {@code expiresAt}. */
        EXPIRY_REMINDER,
        /** Access ended: {@code plan}. */
        EXPIRED,
        /** The data allowance is used up: {@code plan}. */
        DATA_EXHAUSTED
    }

    public SmsRequest {
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
        Validation v = new Validation();
        v.text(notificationId, "notificationId", 128);
        v.id(resellerId, "resellerId");
        v.check(PhoneNumbers.isE164(phoneE164), "phoneE164", "must be an E.164 number such as +254712345678");
        v.notNull(template, "template");
        v.notNull(requestedAt, "requestedAt");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "SmsRequest[" + notificationId + ", reseller=" + resellerId + ", template=" + template
                + ", to=" + (phoneE164 == null ? null : phoneE164.substring(0, Math.min(6, phoneE164.length())) + "…")
                + ", parameters=" + parameters.keySet() + (smsOnly ? ", smsOnly" : "") + "]";
    }
}
