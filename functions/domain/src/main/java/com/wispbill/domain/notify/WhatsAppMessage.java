package com.wispbill.domain.notify;

import com.wispbill.domain.Signatures;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A WhatsApp message sent to a customer and the latest delivery status Meta reported for it.
 *
 * @param messageId      the Cloud API's id ({@code wamid.…})
 * @param notificationId the notice it carried
 */
public record WhatsAppMessage(String messageId, String notificationId, SmsTemplate template, Status status,
                              Instant sentAt, Instant statusAt) {

    /** Meta's statuses in the order they happen; a status never goes back to an earlier one. */
    public enum Status {
        SENT, DELIVERED, READ, FAILED;

        /** The status of a webhook's {@code status} field, or empty for one we do not track. */
        public static Optional<Status> fromWebhook(String value) {
            for (Status s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The notification id of the one SMS sent instead of a WhatsApp message of {@code notificationId} that
     * failed after it was accepted: the same for every failed status of that message, so the notifier's
     * once-per-id claim makes it one SMS however often the status comes.
     */
    public static String smsFallbackId(String notificationId) {
        String id = notificationId + FALLBACK_SUFFIX;
        // Ids are at most 128 characters; a long one is still told apart by its hash.
        return id.length() <= 128 ? id : "wa-fallback-" + java.util.HexFormat.of().formatHex(Signatures.sha256(notificationId));
    }

    private static final String FALLBACK_SUFFIX = "-wa-fallback";

    /** The events that remind or inform rather than confirm a purchase: a customer's STOP ends them. */
    public static boolean isReminder(SmsTemplate template) {
        return template == SmsTemplate.EXPIRY_REMINDER || template == SmsTemplate.EXPIRED || template == SmsTemplate.DATA_EXHAUSTED;
    }
}
