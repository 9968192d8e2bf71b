package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * "Due by T" over the time-bucketed ExpiryIndex: partition {@code <KIND>#<UTC hour>}, sort key
 * {@code <fixed-width instant>#<id>}. A sweep reads the hour buckets from its look-back start to T, so
 * its cost grows with the hours it spans and the items due, never with the number of customers.
 * Only items still awaiting expiry carry the index attributes (sparse index): expiring an item removes
 * it from the index, so a repeated sweep finds nothing new.
 */
final class ExpiryIndexQuery {
    /** Longest look-back one query may span (744 hourly buckets); longer is a sweeper bug. */
    static final Duration MAX_SPAN = Duration.ofDays(31);
    private static final String BUCKET = "bucket";

    private ExpiryIndexQuery() {
    }

    static Page<ItemReader> due(DynamoDbClient dynamoDb, String table, String kind, Instant from, Instant dueBy,
                                PageRequest page) {
        return query(dynamoDb, table, kind, from, dueBy, Optional.empty(), page);
    }

    /**
     * Items expiring after {@code after} (exclusive) and at or before {@code until}: a moving window,
     * e.g. the expiries whose reminder falls due since the previous run, read once each.
     */
    static Page<ItemReader> between(DynamoDbClient dynamoDb, String table, String kind, Instant after, Instant until,
                                    PageRequest page) {
        // '~' sorts after every id, so keys at exactly `after` fall below the bound.
        return query(dynamoDb, table, kind, after, until, Optional.of(Keys.expiresAtUpperBound(after)), page);
    }

    private static Page<ItemReader> query(DynamoDbClient dynamoDb, String table, String kind, Instant from,
                                          Instant dueBy, Optional<String> lowerBound, PageRequest page) {
        if (from.isAfter(dueBy)) {
            throw new ValidationException("from", "must not be after dueBy");
        }
        if (Duration.between(from, dueBy).compareTo(MAX_SPAN) > 0) {
            throw new ValidationException("from", "look-back must be at most " + MAX_SPAN.toDays() + " days");
        }
        Instant lastBucket = Keys.hourFloor(dueBy);
        Instant bucket = Keys.hourFloor(from);
        Optional<Map<String, AttributeValue>> startKey = Optional.empty();
        if (page.cursor().isPresent()) {
            Cursors.Decoded decoded = Cursors.decode(page.cursor().get(), DynamoSupport.EXPIRY_KEYS, Keys.EXPIRY_BUCKET, null);
            bucket = parseBucket(decoded.extra().get(BUCKET), from, lastBucket);
            startKey = decoded.startKeyIfAny();
            if (startKey.isPresent() && !Keys.expiryBucket(kind, bucket).equals(startKey.get().get(Keys.EXPIRY_BUCKET).s())) {
                throw Cursors.invalid();
            }
        }
        String upperBound = Keys.expiresAtUpperBound(dueBy);
        List<ItemReader> items = new ArrayList<>();
        while (!bucket.isAfter(lastBucket)) {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(Keys.EXPIRY_INDEX)
                    .expressionAttributeNames(Map.of("#b", Keys.EXPIRY_BUCKET, "#k", Keys.EXPIRES_AT_KEY))
                    .limit(page.limit() - items.size());
            if (lowerBound.isPresent()) {
                q.keyConditionExpression("#b = :b AND #k BETWEEN :lower AND :upper")
                        .expressionAttributeValues(Map.of(":b", ItemBuilder.s(Keys.expiryBucket(kind, bucket)),
                                ":lower", ItemBuilder.s(lowerBound.get()), ":upper", ItemBuilder.s(upperBound)));
            } else {
                q.keyConditionExpression("#b = :b AND #k <= :upper")
                        .expressionAttributeValues(Map.of(":b", ItemBuilder.s(Keys.expiryBucket(kind, bucket)),
                                ":upper", ItemBuilder.s(upperBound)));
            }
            startKey.ifPresent(q::exclusiveStartKey);
            QueryResponse response = dynamoDb.query(q.build());
            response.items().forEach(item -> items.add(new ItemReader(item)));
            if (response.hasLastEvaluatedKey()) {
                return new Page<>(items, Cursors.encode(response.lastEvaluatedKey(), Map.of(BUCKET, bucket.toString())));
            }
            startKey = Optional.empty();
            bucket = bucket.plus(Duration.ofHours(1));
            if (items.size() >= page.limit() && !bucket.isAfter(lastBucket)) {
                return new Page<>(items, Cursors.encode(Map.of(), Map.of(BUCKET, bucket.toString())));
            }
        }
        return new Page<>(items, Optional.empty());
    }

    private static Instant parseBucket(String value, Instant from, Instant lastBucket) {
        if (value == null) {
            throw Cursors.invalid();
        }
        try {
            Instant bucket = Instant.parse(value);
            if (!bucket.equals(Keys.hourFloor(bucket)) || bucket.isBefore(Keys.hourFloor(from)) || bucket.isAfter(lastBucket)) {
                throw Cursors.invalid();
            }
            return bucket;
        } catch (DateTimeParseException e) {
            throw Cursors.invalid();
        }
    }
}
