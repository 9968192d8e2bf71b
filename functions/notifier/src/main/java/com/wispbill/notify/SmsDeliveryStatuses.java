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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNS's SMS delivery status records (one JSON object per log event in the groups
 * {@code sns/<region>/<account>/DirectPublishToPhoneNumber} and {@code …/Failure}):
 * {@code notification.messageId}, {@code delivery.destination}, {@code delivery.providerResponse},
 * {@code status} SUCCESS or FAILURE. Each moves our record of that SMS forward (never back); records of
 * messages we did not send, or naming another number, are counted and ignored. A record of a publish
 * of the last {@link #RECENT} minutes may arrive before the sender recorded its message: it is handed to
 * {@link SmsStatusRetries} and looked up again later, up to {@link #LOOKUPS} times in all, before it counts as
 * unknown. Nothing here waits: the queue's delay does.
 */
public final class SmsDeliveryStatuses {
    private static final Logger LOG = LoggerFactory.getLogger(SmsDeliveryStatuses.class);

    /** One log event: its message (the record) and the time it was logged. */
    public record LogEvent(String message, Instant loggedAt) {
    }

    /** What a batch of records did; {@code retried}: handed to the queue to be looked up again later. */
    public record Tally(int stored, int stale, int unknown, int unreadable, int retried) {
    }

    /**
     * A status record whose message was not known yet, to be looked up again: {@code lookups} so far (the first
     * one included).
     */
    public record PendingStatus(String messageId, String destination, SmsMessage.Status status, String providerResponse,
                                Instant loggedAt, int lookups) {
        PendingStatus next() {
            return new PendingStatus(messageId, destination, status, providerResponse, loggedAt, lookups + 1);
        }
    }

    /** Where records to look up again go (a queue that hands each back after a delay); one at a time. */
    public interface SmsStatusRetries {
        void later(PendingStatus pending);
    }

    /**
     * A record of a publish this recent whose message is not known yet may have overtaken the sender's own
     * write (SNS answered the publish, the sender has not recorded it yet): it is looked up again.
     */
    static final Duration RECENT = Duration.ofMinutes(2);
    /** How often such a record is looked up in all (the first lookup included) before it counts as unknown. */
    public static final int LOOKUPS = 6;

    private static final DateTimeFormatter PUBLISHED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final SmsMessageRepository messages;
    private final SmsStatusRetries retries;
    private final Clock clock;

    public SmsDeliveryStatuses(SmsMessageRepository messages, SmsStatusRetries retries, Clock clock) {
        this.messages = messages;
        this.retries = retries;
        this.clock = clock;
    }

    /** The records a Logs subscription delivered. */
    public Tally apply(List<LogEvent> events) {
        int stored = 0;
        int stale = 0;
        int unknown = 0;
        int unreadable = 0;
        int retried = 0;
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
                        retries.later(new PendingStatus(r.messageId, r.destination, r.status, r.providerResponse,
                                event.loggedAt(), 1));
                        retried++;
                    } else {
                        unknown++;
                    }
                }
            }
        }
        return logged(new Tally(stored, stale, unknown, unreadable, retried));
    }

    /**
     * A record the queue handed back: looked up again; still unknown, it goes back to the queue until it has been
     * looked up {@link #LOOKUPS} times, then it counts as unknown. A failure to read or write throws: the queue
     * delivers it again, and after its limit keeps it in its dead-letter queue.
     */
    public Tally retry(PendingStatus pending) {
        Tally tally = switch (messages.applyStatus(pending.messageId(), pending.destination(), pending.status(),
                pending.providerResponse(), pending.loggedAt())) {
            case STORED -> new Tally(1, 0, 0, 0, 0);
            case STALE -> new Tally(0, 1, 0, 0, 0);
            case UNKNOWN -> {
                if (pending.lookups() < LOOKUPS) {
                    retries.later(pending.next());
                    yield new Tally(0, 0, 0, 0, 1);
                }
                yield new Tally(0, 0, 1, 0, 0);
            }
        };
        return logged(tally);
    }

    private static Tally logged(Tally tally) {
        LOG.info("sms delivery statuses: {} stored, {} repeated, {} not ours (ignored), {} unreadable (ignored), "
                + "{} not recorded yet (looked up again later)", tally.stored(), tally.stale(), tally.unknown(),
                tally.unreadable(), tally.retried());
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
