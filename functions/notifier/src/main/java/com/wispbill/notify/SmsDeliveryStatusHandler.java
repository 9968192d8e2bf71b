package com.wispbill.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The CloudWatch Logs subscription of SNS's SMS delivery status log groups: the event is
 * {@code {"awslogs":{"data":"<base64 of gzip of the JSON>"}}}, the JSON a {@code DATA_MESSAGE} with
 * {@code logEvents[]} ({@code timestamp} in epoch milliseconds, {@code message} the status record) or a
 * {@code CONTROL_MESSAGE} (Logs checking the destination: nothing to do). Answers the tally as JSON.
 */
public final class SmsDeliveryStatusHandler implements RequestStreamHandler {
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
        JsonNode logs = decode(Json.MAPPER.readTree(input).path("awslogs").path("data").asText(""));
        List<SmsDeliveryStatuses.LogEvent> events = new ArrayList<>();
        if ("DATA_MESSAGE".equals(logs.path("messageType").asText())) {
            for (JsonNode event : logs.path("logEvents")) {
                events.add(new SmsDeliveryStatuses.LogEvent(event.path("message").asText(null),
                        event.path("timestamp").canConvertToLong() ? Instant.ofEpochMilli(event.path("timestamp").asLong()) : null));
            }
        }
        try {
            Json.MAPPER.writeValue(output, statuses.apply(events));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a message to be recorded", e);
        }
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
