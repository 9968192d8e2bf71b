package com.wispbill.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.repository.SmsMessageRepository;
import com.wispbill.domain.notify.SmsMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNS's SMS delivery status records (one JSON object per log event in the groups
 * {@code sns/<region>/<account>/DirectPublishToPhoneNumber} and {@code …/Failure}):
 * {@code notification.messageId}, {@code delivery.destination}, {@code delivery.providerResponse},
 * {@code status} SUCCESS or FAILURE. Each moves our record of that SMS forward (never back); records of
 * messages we did not send, or naming another number, are counted and ignored. A record of a publish
 * of the last {@link #RECENT} minutes may arrive before the sender recorded its message: it is looked up
 * again a few times before it counts as unknown.
 */
public final class SmsDeliveryStatuses {
    private static final Logger LOG = LoggerFactory.getLogger(SmsDeliveryStatuses.class);

    /** One log event: its message (the record) and the time it was logged. */
    public record LogEvent(String message, Instant loggedAt) {
    }

    /** What a batch of records did. */
    public record Tally(int stored, int stale, int unknown, int unreadable) {
    }

    /**
     * A record of a publish this recent whose message is not known yet may have overtaken the sender's own
     * write (SNS answered the publish, the sender has not recorded it yet): it is looked up again.
     */
    static final Duration RECENT = Duration.ofMinutes(2);
    /** Looks for such records: this many more times, this far apart (well inside the function's 30 s). */
    static final int RECENT_RETRIES = 5;
    static final Duration RECENT_RETRY_PAUSE = Duration.ofSeconds(1);

    private static final DateTimeFormatter PUBLISHED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final SmsMessageRepository messages;
    private final Clock clock;

    public SmsDeliveryStatuses(SmsMessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public Tally apply(List<LogEvent> events) throws InterruptedException {
        int stored = 0;
        int stale = 0;
        int unknown = 0;
        int unreadable = 0;
        List<Map.Entry<Record, Instant>> notYetKnown = new ArrayList<>();
        for (LogEvent event : events) {
            Optional<Record> record = read(event);
            if (record.isEmpty()) {
                unreadable++;
                continue;
            }
            Record r = record.get();
            switch (messages.applyStatus(r.messageId, r.destination, r.status, r.providerResponse, event.loggedAt())) {
                case STORED -> stored++;
                case STALE -> stale++;
                case UNKNOWN -> {
                    if (r.publishedAt.isPresent() && r.publishedAt.get().isAfter(clock.instant().minus(RECENT))) {
                        notYetKnown.add(Map.entry(r, event.loggedAt()));
                    } else {
                        unknown++;
                    }
                }
            }
        }
        for (int retry = 0; retry < RECENT_RETRIES && !notYetKnown.isEmpty(); retry++) {
            Thread.sleep(RECENT_RETRY_PAUSE.toMillis());
            List<Map.Entry<Record, Instant>> still = new ArrayList<>();
            for (Map.Entry<Record, Instant> pending : notYetKnown) {
                Record r = pending.getKey();
                switch (messages.applyStatus(r.messageId, r.destination, r.status, r.providerResponse, pending.getValue())) {
                    case STORED -> stored++;
                    case STALE -> stale++;
                    case UNKNOWN -> still.add(pending);
                }
            }
            notYetKnown = still;
        }
        unknown += notYetKnown.size();
        Tally tally = new Tally(stored, stale, unknown, unreadable);
        LOG.info("sms delivery statuses: {} stored, {} repeated, {} not ours (ignored), {} unreadable (ignored)",
                stored, stale, unknown, unreadable);
        return tally;
    }

    private record Record(String messageId, String destination, SmsMessage.Status status, String providerResponse,
                          Optional<Instant> publishedAt) {
    }

    private static Optional<Record> read(LogEvent event) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(event.message() == null ? "" : event.message());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || event.loggedAt() == null) {
            return Optional.empty();
        }
        String messageId = root.path("notification").path("messageId").asText("");
        String destination = root.path("delivery").path("destination").asText("");
        Optional<SmsMessage.Status> status = SmsMessage.Status.fromDeliveryLog(root.path("status").asText(""));
        if (messageId.isEmpty() || destination.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> publishedAt;
        try {
            publishedAt = Optional.of(Instant.from(PUBLISHED_AT.parse(root.path("notification").path("timestamp").asText(""))));
        } catch (DateTimeException e) {
            publishedAt = Optional.empty();
        }
        return Optional.of(new Record(messageId, destination, status.get(), root.path("delivery").path("providerResponse").asText(""),
                publishedAt));
    }
}
