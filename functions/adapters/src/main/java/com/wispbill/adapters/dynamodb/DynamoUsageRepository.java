package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.StoreUnavailableException;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Ids;
import com.wispbill.domain.enforcement.SessionReading;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
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
 *   <li>{@code RESELLER#<id>#BANDWIDTH / DAY#<date>#ROUTER#<routerId>}: one router's share of that day;</li>
 *   <li>{@code RESELLER#<id>#ROUTERUSAGE#<routerId> / STATE}: a router's usage state (session cursors,
 *       usage written behind, owner cache);</li>
 *   <li>{@code RESELLER#<id>#OWNERCHANGES / AT#<minute>}: owner changes recorded from the entity stream.</li>
 * </ul>
 * Counters use {@code ADD}, which is atomic and creates the item on first use. Everything expires by
 * TTL: counters after {@link #COUNTER_RETENTION}, a router's state with nothing pending
 * {@link #SESSION_RETENTION} after its newest poll.
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
        String pk = Keys.subscriberUsage(resellerId, username);
        // Day items (users without a quota period, and older flushes) plus the days quota items carry.
        Map<LocalDate, long[]> sums = new java.util.TreeMap<>();
        for (DailyUsage d : days(pk, from, to)) {
            long[] sum = sums.computeIfAbsent(d.day(), k -> new long[2]);
            sum[0] = Math.addExact(sum[0], d.bytesIn());
            sum[1] = Math.addExact(sum[1], d.bytesOut());
        }
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = rangeQuery(tables.usageTable(), null, Keys.PK, pk, Keys.SK, Keys.quotaSk(""),
                    Keys.quotaSk("\uffff"));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(q.build());
            for (Map<String, AttributeValue> item : page.items()) {
                daysInQuotaItem(item).forEach((day, inOut) -> {
                    if (!day.isBefore(from) && !day.isAfter(to)) {
                        long[] sum = sums.computeIfAbsent(day, k -> new long[2]);
                        sum[0] = Math.addExact(sum[0], inOut[0]);
                        sum[1] = Math.addExact(sum[1], inOut[1]);
                    }
                });
            }
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        List<DailyUsage> days = new ArrayList<>();
        sums.forEach((day, sum) -> days.add(new DailyUsage(day, sum[0], sum[1])));
        return days;
    }

    @Override
    public List<DailyUsage> resellerBandwidth(String resellerId, LocalDate from, LocalDate to) {
        // Per-day items of the older per-sample path and each router's shard of the day, summed per day.
        Map<LocalDate, DailyUsage> sums = new java.util.TreeMap<>();
        for (DailyUsage d : days(Keys.resellerBandwidth(resellerId), from, to, true)) {
            sums.merge(d.day(), d, (a, b) -> new DailyUsage(a.day(), Math.addExact(a.bytesIn(), b.bytesIn()),
                    Math.addExact(a.bytesOut(), b.bytesOut())));
        }
        return List.copyOf(sums.values());
    }

    private List<DailyUsage> days(String pk, LocalDate from, LocalDate to) {
        return days(pk, from, to, false);
    }

    private List<DailyUsage> days(String pk, LocalDate from, LocalDate to, boolean withShards) {
        if (from.isAfter(to)) {
            throw new ValidationException("from", "must not be after to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new ValidationException("to", "a report spans at most " + MAX_DAYS + " days");
        }
        List<DailyUsage> days = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = rangeQuery(tables.usageTable(), null, Keys.PK, pk, Keys.SK, Keys.daySk(from),
                    withShards ? Keys.daySk(to) + "#\uffff" : Keys.daySk(to));
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

    // ---------------------------------------------------------------- quota totals

    @Override
    public Map<QuotaRef, QuotaUsage> quotaUsage(String resellerId, Collection<QuotaRef> quotas) {
        Ids.require(resellerId, "resellerId");
        Map<List<String>, QuotaRef> byKey = new LinkedHashMap<>();
        for (QuotaRef ref : quotas) {
            requireUsername(ref.username());
            byKey.put(List.of(Keys.subscriberUsage(resellerId, ref.username()), Keys.quotaSk(ref.periodId())), ref);
        }
        Map<QuotaRef, QuotaUsage> found = new HashMap<>();
        batchGet(tables.usageTable(), byKey.keySet(), (k, i) -> found.put(byKey.get(k),
                new QuotaUsage(i.counter("usedBytes"), i.optN("usedSeconds").orElse(0L))));
        return found;
    }

    // ---------------------------------------------------------------- per-router state, written behind

    /** Attribute of a counter item holding the last flush sequence of one router that it took. */
    private static String flushMarker(String routerId) {
        return "flushed#" + routerId;
    }

    @Override
    public StoredRouterUsage routerUsage(String resellerId, String routerId, boolean consistent) {
        Ids.require(resellerId, "resellerId");
        Ids.require(routerId, "routerId");
        return get(tables.usageTable(), Keys.routerUsage(resellerId, routerId), Keys.ROUTER_USAGE_SK, consistent)
                .map(i -> {
                    var state = RouterUsageCodec.decode(i.raw().get("state").b().asByteArray(),
                            i.optN("newest").map(Instant::ofEpochMilli), i.n("flushSequence"),
                            i.optN("lastFlushAt").map(Instant::ofEpochMilli));
                    i.optN("ownersCheckedAt").map(Instant::ofEpochMilli).ifPresent(state::ownersCheckedAt);
                    Optional<Instant> pendingSince = i.optN("pendingSince").map(Instant::ofEpochMilli);
                    if (pendingSince.isEmpty() && !(state.pendingUsers().isEmpty() && state.flushing().isEmpty())) {
                        // Stored before pending usage carried its age: as old as the last flush (or the newest poll).
                        pendingSince = state.lastFlushAt().or(state::newest);
                    }
                    pendingSince.ifPresent(state::pendingSince);
                    return new StoredRouterUsage(state, i.n("version"));
                })
                .orElseGet(() -> new StoredRouterUsage(com.wispbill.domain.enforcement.RouterUsageState.empty(), 0));
    }

    @Override
    public void saveRouterUsage(String resellerId, String routerId,
                                com.wispbill.domain.enforcement.RouterUsageState state, long expectedVersion) {
        Map<String, AttributeValue> item = new HashMap<>(ItemBuilder.item("ROUTER_USAGE",
                        Keys.routerUsage(resellerId, routerId), Keys.ROUTER_USAGE_SK)
                .n("version", expectedVersion + 1)
                .optN("newest", state.newest().map(Instant::toEpochMilli))
                .n("flushSequence", state.flushSequence())
                .optN("lastFlushAt", state.lastFlushAt().map(Instant::toEpochMilli))
                .optN("ownersCheckedAt", state.ownersCheckedAt().map(Instant::toEpochMilli))
                .optN("pendingSince", state.pendingSince().map(Instant::toEpochMilli))
                .build());
        state.pendingSince().ifPresent(since -> {
            // In the sparse index the flush sweep reads: the key changes once per flush, so the index is written
            // once per flush cycle, not per poll (keys only, and an unchanged key costs no index write).
            item.put(UNFLUSHED_SHARD, ItemBuilder.s(Keys.unflushedShard(UsageRepository.unflushedShardOf(resellerId, routerId))));
            item.put(UNFLUSHED_SINCE, ItemBuilder.s(DynamoInstants.format(since)));
        });
        if (state.pending().isEmpty() && state.flushing().isEmpty()) {
            // A router gone for good leaves nothing behind; one that returns starts afresh. Usage not yet on the
            // counters is never deleted this way: it waits for the router's next poll to flush it.
            item.put(Keys.TTL, ItemBuilder.n(state.newest().orElse(clock.instant()).plus(SESSION_RETENTION).getEpochSecond()));
        }
        item.put("state", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(RouterUsageCodec.encode(state))));
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tables.usageTable()).item(item);
        if (expectedVersion == 0) {
            put.conditionExpression(NOT_EXISTS);
        } else {
            put.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", ItemBuilder.n(expectedVersion)));
        }
        try {
            dynamoDb.putItem(put.build());
        } catch (ConditionalCheckFailedException e) {
            throw new com.wispbill.domain.ConflictException("usage state of router " + routerId
                    + " changed since version " + expectedVersion);
        }
    }

    @Override
    public Map<String, QuotaUsage> applyFlush(String resellerId, String routerId,
                                              com.wispbill.domain.enforcement.RouterUsageState.Flush flush) {
        String marker = flushMarker(routerId);
        long quotaTtl = clock.instant().plus(COUNTER_RETENTION).getEpochSecond();
        Map<String, Callable<ItemReader>> quotaWrites = new LinkedHashMap<>();
        List<Callable<ItemReader>> otherWrites = new ArrayList<>();
        for (var user : flush.users()) {
            String pk = Keys.subscriberUsage(resellerId, user.username());
            if (user.period().isPresent()) {
                // One item per user and flush: the quota item carries the user's days of the period too.
                var total = user.total();
                Map<String, Long> amounts = new LinkedHashMap<>();
                amounts.put("usedBytes", total.totalBytes());
                amounts.put("usedSeconds", total.uptimeSeconds());
                user.days().forEach((day, u) -> {
                    amounts.put(dayInAttribute(day), u.bytesIn());
                    amounts.put(dayOutAttribute(day), u.bytesOut());
                });
                quotaWrites.put(user.username(), () -> flushCounter(pk, Keys.quotaSk(user.period().get()), "QUOTA_USAGE",
                        marker, flush.sequence(), amounts, Map.of(), quotaTtl));
            } else {
                user.days().forEach((day, u) -> otherWrites.add(() -> flushCounter(pk, Keys.daySk(day), "SUBSCRIBER_USAGE_DAY",
                        marker, flush.sequence(), Map.of("bytesIn", u.bytesIn(), "bytesOut", u.bytesOut()),
                        Map.of("day", ItemBuilder.s(day.toString())), dayTtl(day))));
            }
        }
        // The router's shard of the reseller's day: one writer (this router), so no hot item shared by routers.
        flush.bandwidth().forEach((day, u) -> otherWrites.add(() -> flushCounter(Keys.resellerBandwidth(resellerId),
                Keys.bandwidthShardSk(day, routerId), "RESELLER_BANDWIDTH_DAY", "flushed", flush.sequence(),
                Map.of("bytesIn", u.bytesIn(), "bytesOut", u.bytesOut()), Map.of("day", ItemBuilder.s(day.toString())),
                dayTtl(day))));
        List<Callable<ItemReader>> writes = new ArrayList<>(quotaWrites.values());
        writes.addAll(otherWrites);
        // Each write takes the flush at most once, so the retry that follows a failure repeats only what did not land.
        List<ItemReader> written = DynamoSupport.sideBySide(writes, FLUSH_WRITES_IN_FLIGHT);
        Map<String, QuotaUsage> quotas = new HashMap<>();
        int i = 0;
        for (String username : quotaWrites.keySet()) {
            ItemReader after = written.get(i++);
            quotas.put(username, new QuotaUsage(after.counter("usedBytes"), after.counter("usedSeconds")));
        }
        return quotas;
    }

    /** A day's bytes in a quota item: short names, so a 30-day period of daily usage stays within one 1 KB write. */
    static String dayInAttribute(LocalDate day) {
        return "i" + day.format(DAY_ATTRIBUTE);
    }

    static String dayOutAttribute(LocalDate day) {
        return "o" + day.format(DAY_ATTRIBUTE);
    }

    private static final java.time.format.DateTimeFormatter DAY_ATTRIBUTE = java.time.format.DateTimeFormatter.ofPattern("yyMMdd");

    /** The per-day bytes a quota item carries ({@link #dayInAttribute}), per day. */
    private static Map<LocalDate, long[]> daysInQuotaItem(Map<String, AttributeValue> item) {
        Map<LocalDate, long[]> days = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.length() == 7 && (name.charAt(0) == 'i' || name.charAt(0) == 'o') && value.n() != null
                    && name.chars().skip(1).allMatch(Character::isDigit)) {
                LocalDate day = LocalDate.parse("20" + name.substring(1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                days.computeIfAbsent(day, d -> new long[2])[name.charAt(0) == 'i' ? 0 : 1] += Long.parseLong(value.n());
            }
        });
        return days;
    }

    /**
     * Writes of one flush in flight at once (each is its own conditional UpdateItem, independent of the others); the
     * functions' JVM options keep as many connections alive ({@code KeepAliveConnectionsTest}).
     */
    static final int FLUSH_WRITES_IN_FLIGHT = 16;

    private static long dayTtl(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(COUNTER_RETENTION).getEpochSecond();
    }

    /**
     * ADD {@code amounts} to a counter item unless it already took flush {@code sequence} of this
     * router ({@code marker} holds the last one); returns the item after (or as found, if taken already).
     */
    private ItemReader flushCounter(String pk, String sk, String type, String marker, long sequence,
                                    Map<String, Long> amounts, Map<String, AttributeValue> set, long ttl) {
        Map<String, String> names = new HashMap<>(Map.of("#type", Keys.TYPE, "#ttl", Keys.TTL, "#f", marker));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":type", ItemBuilder.s(type), ":ttl", ItemBuilder.n(ttl),
                ":seq", ItemBuilder.n(sequence)));
        StringBuilder add = new StringBuilder("ADD ");
        int i = 0;
        for (Map.Entry<String, Long> a : amounts.entrySet()) {
            add.append(i == 0 ? "" : ", ").append("#a").append(i).append(" :a").append(i);
            names.put("#a" + i, a.getKey());
            values.put(":a" + i, ItemBuilder.n(a.getValue()));
            i++;
        }
        StringBuilder setPart = new StringBuilder(" SET #type = :type, #ttl = :ttl, #f = :seq");
        int j = 0;
        for (Map.Entry<String, AttributeValue> s : set.entrySet()) {
            setPart.append(", #s").append(j).append(" = :s").append(j);
            names.put("#s" + j, s.getKey());
            values.put(":s" + j, s.getValue());
            j++;
        }
        try {
            return new ItemReader(dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.usageTable())
                    .key(key(pk, sk))
                    .updateExpression(add + setPart.toString())
                    .conditionExpression("attribute_not_exists(#f) OR #f < :seq")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes());
        } catch (ConditionalCheckFailedException e) {
            // Taken by an earlier attempt of this flush: its totals stand.
            return oldItem(e).orElseThrow(() -> e);
        }
    }

    // ---------------------------------------------------------------- routers with usage not on the counters

    /** Key attributes of {@link Keys#UNFLUSHED_INDEX} on a router state item, present only while usage is unflushed. */
    static final String UNFLUSHED_SHARD = "unflushedShard";
    static final String UNFLUSHED_SINCE = "unflushedSince";
    /**
     * When the flush sweep last queued a job for the router (projected into {@link Keys#UNFLUSHED_INDEX}, so the
     * sweep skips it without reading the state). Not carried by a state save: a save means a job or a poll of
     * the router was applied, so no job of the sweep is waiting for it any more.
     */
    static final String SWEPT_AT = "sweptAt";

    @Override
    public List<UnflushedRouter> markSwept(List<UnflushedRouter> routers, Instant at, Instant sweptSince) {
        List<Callable<SweepMark>> marks = new ArrayList<>(routers.size());
        for (UnflushedRouter router : routers) {
            marks.add(() -> {
                try {
                    return new SweepMark(router, markOneSwept(router, at, sweptSince), null);
                } catch (StoreUnavailableException e) {
                    // Kept apart from the others' outcome: the routers they marked are still queued.
                    return new SweepMark(router, false, e);
                }
            });
        }
        // One conditional write per router (the condition is what makes two overlapping runs queue one job; a
        // transaction would fail as a whole on one lost race), side by side within their bound.
        List<SweepMark> outcomes = sideBySide(marks, SWEEP_MARKS_IN_FLIGHT);
        List<UnflushedRouter> marked = new ArrayList<>();
        List<UnflushedRouter> failed = new ArrayList<>();
        StoreUnavailableException first = null;
        for (SweepMark mark : outcomes) {
            if (mark.failure() == null) {
                if (mark.marked()) {
                    marked.add(mark.router());
                }
                continue;
            }
            // The first failure as the cause, the others counted (an outage fails hundreds alike).
            failed.add(mark.router());
            if (first == null) {
                first = mark.failure();
            }
        }
        if (first != null) {
            throw new SomeMarksFailedException(marked, failed, first);
        }
        return marked;
    }

    /** One router's mark: made, refused by its condition, or failed by the store. */
    private record SweepMark(UnflushedRouter router, boolean marked, StoreUnavailableException failure) {
    }

    private boolean markOneSwept(UnflushedRouter router, Instant at, Instant sweptSince) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.usageTable())
                    .key(key(Keys.routerUsage(router.resellerId(), router.routerId()), Keys.ROUTER_USAGE_SK))
                    .updateExpression("SET #swept = :at")
                    .conditionExpression("#since = :since AND (attribute_not_exists(#swept) OR #swept < :sweptSince)")
                    .expressionAttributeNames(Map.of("#swept", SWEPT_AT, "#since", UNFLUSHED_SINCE))
                    .expressionAttributeValues(Map.of(":at", ItemBuilder.s(DynamoInstants.format(at)),
                            ":since", ItemBuilder.s(DynamoInstants.format(router.unflushedSince())),
                            ":sweptSince", ItemBuilder.s(DynamoInstants.format(sweptSince))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void abandonUnflushed(String resellerId, String routerId) {
        Ids.require(resellerId, "resellerId");
        Ids.require(routerId, "routerId");
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.usageTable())
                    .key(key(Keys.routerUsage(resellerId, routerId), Keys.ROUTER_USAGE_SK))
                    .updateExpression("REMOVE #shard, #since, #swept SET #ttl = :ttl")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#shard", UNFLUSHED_SHARD, "#since", UNFLUSHED_SINCE,
                            "#swept", SWEPT_AT, "#ttl", Keys.TTL, "#pk", Keys.PK))
                    .expressionAttributeValues(Map.of(":ttl",
                            ItemBuilder.n(clock.instant().plus(SESSION_RETENTION).getEpochSecond())))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Gone already (expired): nothing to take out.
        }
    }

    @Override
    public List<List<UnflushedRouter>> routersUnflushedBeforeByShard(Instant before, Instant sweptSince) {
        List<QueryRequest.Builder> shards = new ArrayList<>();
        for (int shard = 0; shard < UNFLUSHED_SHARDS; shard++) {
            shards.add(unflushedQuery(shard, before, sweptSince));
        }
        return everyItemOfEach(shards, SHARD_QUERIES_IN_FLIGHT).stream()
                .map(items -> items.stream().map(DynamoUsageRepository::unflushedRouter).toList()).toList();
    }

    private QueryRequest.Builder unflushedQuery(int shard, Instant before, Instant sweptSince) {
        return QueryRequest.builder().tableName(tables.usageTable()).indexName(Keys.UNFLUSHED_INDEX)
                .keyConditionExpression("#shard = :shard AND #since < :before")
                .filterExpression("attribute_not_exists(#swept) OR #swept < :sweptSince")
                .expressionAttributeNames(Map.of("#shard", UNFLUSHED_SHARD, "#since", UNFLUSHED_SINCE, "#swept", SWEPT_AT))
                .expressionAttributeValues(Map.of(":shard", ItemBuilder.s(Keys.unflushedShard(shard)),
                        ":before", ItemBuilder.s(DynamoInstants.format(before)),
                        ":sweptSince", ItemBuilder.s(DynamoInstants.format(sweptSince))));
    }

    private static UnflushedRouter unflushedRouter(ItemReader item) {
        List<String> router = Keys.routerOfUsage(item.s(Keys.PK));
        return new UnflushedRouter(router.get(0), router.get(1), DynamoInstants.parse(item.s(UNFLUSHED_SINCE)));
    }

    // ---------------------------------------------------------------- owner changes

    /** Owner changes are looked back on for minutes at most; kept a day for a router that polls late. */
    static final Duration OWNER_CHANGES_RETENTION = Duration.ofDays(1);

    @Override
    public void recordOwnerChanges(String resellerId, OwnerChanges changes, Instant at) {
        Ids.require(resellerId, "resellerId");
        if (changes.usernames().isEmpty() && !changes.everyone()) {
            return;
        }
        Map<String, String> names = new HashMap<>(Map.of("#type", Keys.TYPE, "#ttl", Keys.TTL));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":type", ItemBuilder.s("OWNER_CHANGES"),
                ":ttl", ItemBuilder.n(at.plus(OWNER_CHANGES_RETENTION).getEpochSecond())));
        StringBuilder add = new StringBuilder();
        if (!changes.usernames().isEmpty()) {
            add.append("usernames :u");
            values.put(":u", AttributeValue.fromSs(List.copyOf(changes.usernames())));
        }
        if (changes.everyone()) {
            add.append(add.isEmpty() ? "" : ", ").append("everyone :one");
            values.put(":one", ItemBuilder.n(1));
        }
        // ADD to a set and a count: a stream batch retried records the same again, which changes nothing.
        dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.usageTable())
                .key(key(Keys.ownerChanges(resellerId), Keys.ownerChangesSk(at)))
                .updateExpression("ADD " + add + " SET #type = :type, #ttl = :ttl")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
    }

    @Override
    public OwnerChanges ownerChangesSince(String resellerId, Instant since) {
        Ids.require(resellerId, "resellerId");
        Set<String> usernames = new java.util.HashSet<>();
        boolean everyone = false;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(tables.usageTable())
                    .keyConditionExpression("#pk = :pk AND #sk >= :since")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", ItemBuilder.s(Keys.ownerChanges(resellerId)),
                            ":since", ItemBuilder.s(Keys.ownerChangesSk(since))));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(q.build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (item.containsKey("usernames")) {
                    usernames.addAll(item.get("usernames").ss());
                }
                everyone |= item.containsKey("everyone");
            }
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new OwnerChanges(usernames, everyone);
    }
}
