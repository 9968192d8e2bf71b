package com.wispbill.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.notify.adapters.SqsSmsStatusRetries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two triggers. The CloudWatch Logs subscription of SNS's SMS delivery status log groups: the event is
 * {@code {"awslogs":{"data":"<base64 of gzip of the JSON>"}}}, the JSON a {@code DATA_MESSAGE} with
 * {@code logEvents[]} ({@code timestamp} in epoch milliseconds, {@code message} the status record) or a
 * {@code CONTROL_MESSAGE} (Logs checking the destination: nothing to do); answers the tally as JSON. And the retry
 * queue ({@code Records[]}): records whose SMS was not recorded yet, looked up again; answers the messages that
 * failed ({@code batchItemFailures}), which the queue delivers again and keeps in its DLQ after its limit.
 */
public final class SmsDeliveryStatusHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SmsDeliveryStatusHandler.class);
    private final SmsDeliveryStatuses statuses;

    /** What Lambda calls: the entity table from the environment. */
    public SmsDeliveryStatusHandler() {
        this(NotifierWiring.smsDeliveryStatusesFromEnvironment());
        SnapStartPriming.register(SmsDeliveryStatusHandler.class);
    }

    public SmsDeliveryStatusHandler(SmsDeliveryStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode invocation = Json.MAPPER.readTree(input);
        if (invocation != null && invocation.path("Records").isArray()) {
            Json.MAPPER.writeValue(output, retry(invocation.path("Records")));
            return;
        }
        JsonNode logs = decode(invocation == null ? "" : invocation.path("awslogs").path("data").asText(""));
        List<SmsDeliveryStatuses.LogEvent> events = new ArrayList<>();
        if ("DATA_MESSAGE".equals(logs.path("messageType").asText())) {
            for (JsonNode event : logs.path("logEvents")) {
                events.add(new SmsDeliveryStatuses.LogEvent(event.path("message").asText(null),
                        event.path("timestamp").canConvertToLong() ? Instant.ofEpochMilli(event.path("timestamp").asLong()) : null));
            }
        }
        Json.MAPPER.writeValue(output, statuses.apply(events));
    }

    /** Each retry message on its own: one that fails (unreadable, the table unreachable) is reported, the rest done. */
    private Map<String, List<Map<String, String>>> retry(JsonNode records) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (JsonNode record : records) {
            String messageId = record.path("messageId").asText("");
            try {
                statuses.retry(SqsSmsStatusRetries.decode(record.path("body").asText(null)));
            } catch (RuntimeException e) {
                LOG.warn("sms delivery status retry {} failed; the queue delivers it again: {}", messageId, e.toString());
                failures.add(Map.of("itemIdentifier", messageId));
            }
        }
        return Map.of("batchItemFailures", failures);
    }

    /** base64 → gunzip → JSON; anything else is an event this function cannot have been sent by Logs. */
    static JsonNode decode(String data) throws IOException {
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new IOException("awslogs.data is not base64", e);
        }
        try (InputStream json = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return Json.MAPPER.readTree(json);
        }
    }
}
