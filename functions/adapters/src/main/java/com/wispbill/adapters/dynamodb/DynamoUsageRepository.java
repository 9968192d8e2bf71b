package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * UsageTable. Keys:
 * <ul>
 *   <li>{@code RESELLER#<id>#USER#<username> / DAY#<date>}: a subscriber's bytes per day;</li>
 *   <li>{@code RESELLER#<id>#USER#<username> / QUOTA#<periodId>}: bytes used against a data limit;</li>
 *   <li>{@code RESELLER#<id>#BANDWIDTH / DAY#<date>}: the reseller's total per day;</li>
 *   <li>{@code RESELLER#<id>#SESSIONS#<routerId> / SESSION#<sessionId>}: last cumulative counters of a
 *       router session, to turn samples into deltas.</li>
 * </ul>
 * Counters use {@code ADD}, which is atomic and creates the item on first use. Everything expires by
 * TTL: counters after {@link #COUNTER_RETENTION}, session cursors {@link #SESSION_RETENTION} after the
 * last sample.
 */
public final class DynamoUsageRepository extends DynamoSupport implements UsageRepository {
    static final Duration COUNTER_RETENTION = Duration.ofDays(400);
    static final Duration SESSION_RETENTION = Duration.ofDays(2);
    static final int MAX_DAYS = 400;

    private final Clock clock;

    public DynamoUsageRepository(DynamoDbClient dynamoDb, TableNames tables, Clock clock) {
        super(dynamoDb, tables);
        this.clock = clock;
    }

    @Override
    public SessionAdvance advanceSession(String resellerId, String routerId, String sessionId, SessionCounters sample) {
        Ids.require(resellerId, "resellerId");
        Ids.require(routerId, "routerId");
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 256) {
            throw new ValidationException("sessionId", "must be 1-256 characters");
        }
        requireNotNegative(sample.bytesIn(), sample.bytesOut());
        Map<String, AttributeValue> item = ItemBuilder.item("SESSION_COUNTERS", Keys.routerSessions(resellerId, routerId),
                        Keys.sessionSk(sessionId))
                .n("bytesIn", sample.bytesIn()).n("bytesOut", sample.bytesOut()).instant("sampledAt", sample.sampledAt())
                .n(Keys.TTL, sample.sampledAt().plus(SESSION_RETENTION).getEpochSecond())
                .build();
        try {
            PutItemResponse response = dynamoDb.putItem(PutItemRequest.builder().tableName(tables.usageTable()).item(item)
                    .conditionExpression("attribute_not_exists(PK) OR sampledAt < :sampledAt")
                    .expressionAttributeValues(Map.of(":sampledAt", item.get("sampledAt")))
                    .returnValues(ReturnValue.ALL_OLD)
                    .build());
            return new SessionAdvance(true, response.hasAttributes() && !response.attributes().isEmpty()
                    ? Optional.of(sessionFromItem(new ItemReader(response.attributes())))
                    : Optional.empty());
        } catch (ConditionalCheckFailedException e) {
            return new SessionAdvance(false, Optional.empty());
        }
    }

    @Override
    public DailyUsage addSubscriberUsage(String resellerId, String username, LocalDate day, long bytesIn, long bytesOut) {
        requireUsername(username);
        return addDaily(Keys.subscriberUsage(resellerId, username), "SUBSCRIBER_USAGE_DAY", resellerId, day, bytesIn, bytesOut);
    }

    @Override
    public DailyUsage addResellerBandwidth(String resellerId, LocalDate day, long bytesIn, long bytesOut) {
        return addDaily(Keys.resellerBandwidth(resellerId), "RESELLER_BANDWIDTH_DAY", resellerId, day, bytesIn, bytesOut);
    }

    private DailyUsage addDaily(String pk, String type, String resellerId, LocalDate day, long bytesIn, long bytesOut) {
        Ids.require(resellerId, "resellerId");
        requireNotNegative(bytesIn, bytesOut);
        // Retention counts from the day itself, so replays of old samples do not keep old days alive.
        long ttl = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(COUNTER_RETENTION).getEpochSecond();
        Map<String, AttributeValue> updated = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.usageTable())
                .key(key(pk, Keys.daySk(day)))
                .updateExpression("ADD bytesIn :in, bytesOut :out SET #type = :type, #day = :day, #ttl = :ttl")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#day", "day", "#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":in", ItemBuilder.n(bytesIn), ":out", ItemBuilder.n(bytesOut),
                        ":type", ItemBuilder.s(type), ":day", ItemBuilder.s(day.toString()), ":ttl", ItemBuilder.n(ttl)))
                .returnValues(ReturnValue.ALL_NEW)
                .build()).attributes();
        return dailyFromItem(new ItemReader(updated));
    }

    @Override
    public long addQuotaUsage(String resellerId, String username, String periodId, long bytes) {
        Ids.require(resellerId, "resellerId");
        requireUsername(username);
        if (periodId == null || periodId.isBlank() || periodId.length() > 200) {
            throw new ValidationException("periodId", "must be 1-200 characters");
        }
        requireNotNegative(bytes, 0);
        long ttl = clock.instant().plus(COUNTER_RETENTION).getEpochSecond();
        Map<String, AttributeValue> updated = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.usageTable())
                .key(key(Keys.subscriberUsage(resellerId, username), Keys.quotaSk(periodId)))
                .updateExpression("ADD usedBytes :bytes SET #type = :type, #ttl = :ttl")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":bytes", ItemBuilder.n(bytes), ":type", ItemBuilder.s("QUOTA_USAGE"),
                        ":ttl", ItemBuilder.n(ttl)))
                .returnValues(ReturnValue.UPDATED_NEW)
                .build()).attributes();
        return new ItemReader(updated).counter("usedBytes");
    }

    @Override
    public List<DailyUsage> subscriberUsage(String resellerId, String username, LocalDate from, LocalDate to) {
        requireUsername(username);
        return days(Keys.subscriberUsage(resellerId, username), from, to);
    }

    @Override
    public List<DailyUsage> resellerBandwidth(String resellerId, LocalDate from, LocalDate to) {
        return days(Keys.resellerBandwidth(resellerId), from, to);
    }

    private List<DailyUsage> days(String pk, LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new ValidationException("from", "must not be after to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new ValidationException("to", "a report spans at most " + MAX_DAYS + " days");
        }
        List<DailyUsage> days = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = rangeQuery(tables.usageTable(), null, Keys.PK, pk, Keys.SK, Keys.daySk(from), Keys.daySk(to));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(q.build());
            page.items().forEach(item -> days.add(dailyFromItem(new ItemReader(item))));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return days;
    }

    private static void requireUsername(String username) {
        if (!Subscription.isValidUsername(username)) {
            throw new ValidationException("username", "is not a valid RouterOS username");
        }
    }

    private static void requireNotNegative(long bytesIn, long bytesOut) {
        if (bytesIn < 0 || bytesOut < 0) {
            throw new ValidationException("bytes", "must not be negative");
        }
    }

    private static DailyUsage dailyFromItem(ItemReader i) {
        return new DailyUsage(LocalDate.parse(i.s("day")), i.counter("bytesIn"), i.counter("bytesOut"));
    }

    private static SessionCounters sessionFromItem(ItemReader i) {
        Instant sampledAt = i.instant("sampledAt");
        return new SessionCounters(i.n("bytesIn"), i.n("bytesOut"), sampledAt);
    }
}
