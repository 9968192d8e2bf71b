package com.wispbill.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.wispbill.adapters.DynamoDbStreamHandler;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.UsageRepository.OwnerChanges;
import com.wispbill.domain.Subscription;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entity table's stream (subscriptions and plans written, by the event source mapping's filter):
 * records, per reseller, which usernames' owners changed (a renewal moves the quota period, a plan
 * change the limits; an edited plan may change everyone's). usage-ingest reads these with each router
 * message and re-reads only those owners, so a change counts from the next poll on, without re-reading
 * every owner on a timer. Recording is idempotent (set and count ADDs), so a retried batch is harmless;
 * a failure reports the batch's first record and Lambda retries it, in order.
 */
public final class OwnerChangesHandler extends DynamoDbStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerChangesHandler.class);

    private final UsageRepository usage;
    private final Clock clock;

    /** What Lambda calls: the usage table from the environment, the system clock. */
    public OwnerChangesHandler() {
        this(DynamoStore.fromEnvironment().usage(), Clock.systemUTC());
        SnapStartPriming.register(OwnerChangesHandler.class);
    }

    public OwnerChangesHandler(UsageRepository usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        Map<String, Set<String>> usernames = new LinkedHashMap<>();
        Set<String> everyone = new LinkedHashSet<>();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            Map<String, AttributeValue> image = record.getDynamodb() == null ? null : record.getDynamodb().getNewImage();
            String type = text(image, "type");
            String resellerId = text(image, "resellerId");
            if (resellerId == null) {
                continue;
            }
            if ("SUBSCRIPTION".equals(type) && Subscription.isValidUsername(text(image, "username"))) {
                usernames.computeIfAbsent(resellerId, r -> new LinkedHashSet<>()).add(text(image, "username"));
            } else if ("PLAN".equals(type) && "MODIFY".equals(record.getEventName())) {
                // An edited plan may change the limits of everyone on it; a new one has nobody on it yet.
                everyone.add(resellerId);
            }
        }
        Set<String> resellers = new LinkedHashSet<>(usernames.keySet());
        resellers.addAll(everyone);
        try {
            for (String resellerId : resellers) {
                usage.recordOwnerChanges(resellerId, new OwnerChanges(usernames.getOrDefault(resellerId, Set.of()),
                        everyone.contains(resellerId)), clock.instant());
            }
            LOG.info("owner changes of {} resellers recorded ({} stream records)", resellers.size(), records.size());
            return new StreamsEventResponse(List.of());
        } catch (RuntimeException e) {
            LOG.warn("owner changes not recorded yet, the batch is retried: {}", e.toString());
            return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                    records.get(0).getDynamodb().getSequenceNumber())));
        }
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image == null ? null : image.get(name);
        return value == null ? null : value.getS();
    }
}
