package com.wispbill.domain.notify;

import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import java.time.Instant;
import java.util.Optional;

/**
 * An SMS SNS took for a customer and the latest delivery status SNS logged for it (where the account
 * logs SMS delivery status).
 *
 * @param messageId        the MessageId SNS returned for the publish
 * @param notificationId   the notice it carried
 * @param providerResponse the carrier's answer as SNS logged it (empty until a status arrives)
 */
public record SmsMessage(String messageId, String notificationId, SmsTemplate template, Status status, Instant sentAt,
                         Instant statusAt, Optional<String> providerResponse) {

    /**
     * SENT when SNS took it; DELIVERED or FAILED from SNS's delivery log ({@code SUCCESS} / {@code FAILURE}).
     * A status never goes back to an earlier one, and the first final status stays: SNS logs one per
     * message, so a second one is a replay, not news.
     */
    public enum Status {
        SENT, DELIVERED, FAILED;

        /** 0 for SENT, 1 for the final statuses: a change is stored only to a higher rank. */
        public int rank() {
            return this == SENT ? 0 : 1;
        }

        /** The status of a delivery log record's {@code status} field, or empty for anything else. */
        public static Optional<Status> fromDeliveryLog(String value) {
            return switch (value == null ? "" : value) {
                case "SUCCESS" -> Optional.of(DELIVERED);
                case "FAILURE" -> Optional.of(FAILED);
                default -> Optional.empty();
            };
        }
    }
}
