package com.wispbill.notify.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.notify.SmsMessage;
import com.wispbill.notify.SmsDeliveryStatuses.PendingStatus;
import com.wispbill.notify.SmsDeliveryStatuses.SmsStatusRetries;
import java.io.IOException;
import java.time.Instant;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Status records to look up again, on the retry queue with a delay: the queue hands each back to the function
 * ({@code SmsDeliveryStatusHandler}) once the delay has passed, so no invocation waits for the sender's write.
 */
public final class SqsSmsStatusRetries implements SmsStatusRetries {
    /** Between two lookups of one record; the sender records its message within a second of SNS's answer. */
    static final int DELAY_SECONDS = 2;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsSmsStatusRetries(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void later(PendingStatus pending) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(encode(pending)).delaySeconds(DELAY_SECONDS));
    }

    static String encode(PendingStatus pending) {
        ObjectNode root = Json.MAPPER.createObjectNode()
                .put("messageId", pending.messageId())
                .put("destination", pending.destination())
                .put("status", pending.status().name())
                .put("providerResponse", pending.providerResponse())
                .put("loggedAt", pending.loggedAt().toString())
                .put("lookups", pending.lookups());
        return root.toString();
    }

    /** A message of the retry queue; {@link IllegalArgumentException} when it is not one this class wrote. */
    public static PendingStatus decode(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a pending SMS status: " + e.getMessage(), e);
        }
        if (root == null || !root.path("messageId").isTextual() || !root.path("destination").isTextual()
                || !root.path("loggedAt").isTextual() || !root.path("lookups").canConvertToInt()) {
            throw new IllegalArgumentException("not a pending SMS status");
        }
        try {
            return new PendingStatus(root.get("messageId").asText(), root.get("destination").asText(),
                    SmsMessage.Status.valueOf(root.path("status").asText()), root.path("providerResponse").asText(""),
                    Instant.parse(root.get("loggedAt").asText()), root.get("lookups").asInt());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a pending SMS status: " + e.getMessage(), e);
        }
    }
}
