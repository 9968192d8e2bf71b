package com.wispbill.local.stack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * The template's {@code AWS::Logs::SubscriptionFilter}s with a Lambda destination, for the log groups
 * the stack itself writes to (SNS's SMS delivery status). A line logged to a subscribed group is
 * delivered as Logs does, asynchronously and in its wire shape: {@code {"awslogs":{"data":"<base64 of
 * gzip of a DATA_MESSAGE>"}}}. The filter pattern is not evaluated (every line matches); a failing
 * invocation is logged, not retried.
 */
final class LogSubscriptions implements AutoCloseable {
    /** One subscription filter: its log group, name and destination function. */
    record Filter(String logGroup, String name, LambdaFunction destination) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final List<Filter> filters;
    private final String accountId;
    // Each delivery on its own thread, as Logs invokes concurrently: a slow one does not hold up the others.
    private final ExecutorService delivery = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "logs-subscriptions");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong eventIds = new AtomicLong();

    LogSubscriptions(List<Filter> filters, String accountId) {
        this.filters = List.copyOf(filters);
        this.accountId = accountId;
    }

    List<Filter> filters() {
        return filters;
    }

    /** Logs {@code message} to {@code logGroup}: every filter on that group gets it, in the background as Logs does. */
    void log(String logGroup, String message, Instant at) {
        for (Filter filter : filters) {
            if (filter.logGroup().equals(logGroup)) {
                String event = event(filter, message, at);
                delivery.execute(() -> {
                    try {
                        filter.destination().invoke(null, () -> LambdaEvents.wire(event));
                    } catch (RuntimeException e) {
                        StackLog.warn("Logs: subscription " + filter.name() + " to " + filter.destination().logicalId()
                                + " failed: " + e.getMessage());
                    }
                });
            }
        }
    }

    /** The same delivery, now and on this thread: what each subscribed function answered. */
    List<Object> logAndWait(String logGroup, String message, Instant at) {
        return filters.stream().filter(f -> f.logGroup().equals(logGroup)).map(filter -> {
            String event = event(filter, message, at);
            return filter.destination().invoke(null, () -> LambdaEvents.wire(event));
        }).toList();
    }

    private String event(Filter filter, String message, Instant at) {
        ObjectNode data = JSON.objectNode();
        data.put("messageType", "DATA_MESSAGE");
        data.put("owner", accountId);
        data.put("logGroup", filter.logGroup());
        data.put("logStream", UUID.randomUUID().toString());
        data.putArray("subscriptionFilters").add(filter.name());
        ArrayNode events = data.putArray("logEvents");
        events.addObject().put("id", String.format("%056d", eventIds.incrementAndGet()))
                .put("timestamp", at.toEpochMilli()).put("message", message);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(data.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode event = JSON.objectNode();
        event.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(compressed.toByteArray()));
        return event.toString();
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
