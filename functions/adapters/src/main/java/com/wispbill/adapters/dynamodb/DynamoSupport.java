package com.wispbill.adapters.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.ConflictException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Plumbing shared by the repositories: reads, conditional puts, paged queries, error mapping. */
abstract class DynamoSupport {
    static final String NOT_EXISTS = "attribute_not_exists(" + Keys.PK + ")";
    static final String EXISTS = "attribute_exists(" + Keys.PK + ")";

    static final Set<String> TABLE_KEYS = Set.of(Keys.PK, Keys.SK);
    static final Set<String> GSI1_KEYS = Set.of(Keys.PK, Keys.SK, Keys.GSI1PK, Keys.GSI1SK);
    static final Set<String> GSI2_KEYS = Set.of(Keys.PK, Keys.SK, Keys.GSI2PK, Keys.GSI2SK);
    static final Set<String> EXPIRY_KEYS = Set.of(Keys.PK, Keys.SK, Keys.EXPIRY_BUCKET, Keys.EXPIRES_AT_KEY);

    protected final DynamoDbClient dynamoDb;
    protected final TableNames tables;

    DynamoSupport(DynamoDbClient dynamoDb, TableNames tables) {
        this.dynamoDb = StoreFailureMapping.around(dynamoDb);
        this.tables = tables;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, ItemBuilder.s(pk), Keys.SK, ItemBuilder.s(sk));
    }

    Optional<ItemReader> get(String table, String pk, String sk, boolean consistent) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(table).key(key(pk, sk)).consistentRead(consistent).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(new ItemReader(item));
    }

    /** BatchGetItem's limit of keys per request. */
    static final int MAX_BATCH_GET = 100;

    /**
     * Strongly consistent BatchGetItem of (PK, SK) keys in {@code table}, resubmitting unprocessed keys:
     * one round trip for up to {@link #MAX_BATCH_GET} items. {@code onItem} gets each item found with its key.
     */
    void batchGet(String table, Collection<List<String>> pkSk, BiConsumer<List<String>, ItemReader> onItem) {
        List<Map<String, AttributeValue>> keys = pkSk.stream().distinct().map(k -> key(k.get(0), k.get(1))).toList();
        for (int from = 0; from < keys.size(); from += MAX_BATCH_GET) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_BATCH_GET))).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    ItemReader i = new ItemReader(item);
                    onItem.accept(List.of(i.s(Keys.PK), i.s(Keys.SK)), i);
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
    }

    Optional<ItemReader> getEntity(String pk, String sk) {
        return get(tables.entityTable(), pk, sk, true);
    }

    /** Puts an item that must not exist yet; {@link ConflictException} with {@code conflictMessage} if it does. */
    void putNew(Map<String, AttributeValue> item, String conflictMessage) {
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(item)
                    .conditionExpression(NOT_EXISTS).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException(conflictMessage, e);
        }
    }

    /** Replaces an item that must exist; returns false if it does not. */
    boolean putExisting(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(item)
                    .conditionExpression(EXISTS).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * A transactional put of an item that must not exist yet. No old image is requested: the existing
     * item may be another reseller's (a voucher code, a provider reference) and has no business here.
     */
    TransactWriteItem putNewWrite(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(tables.entityTable()).item(item)
                .conditionExpression(NOT_EXISTS).build()).build();
    }

    /**
     * One page of a query. {@code partitionAttribute}/{@code partitionValue} name the partition the
     * query reads, to validate the cursor; {@code keyAttributes} are the attributes of a
     * LastEvaluatedKey for this table or index.
     */
    <T> Page<T> queryPage(QueryRequest.Builder query, PageRequest page, Set<String> keyAttributes,
                          String partitionAttribute, String partitionValue, Function<ItemReader, T> mapper) {
        query.limit(page.limit());
        page.cursor().ifPresent(cursor -> Cursors.decode(cursor, keyAttributes, partitionAttribute, partitionValue)
                .startKeyIfAny().ifPresent(query::exclusiveStartKey));
        QueryResponse response = dynamoDb.query(query.build());
        return new Page<>(response.items().stream().map(ItemReader::new).map(mapper).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : Optional.empty());
    }

    /** Every item {@code query} finds, page after page, to {@code each}. */
    void forEachItem(QueryRequest.Builder query, java.util.function.Consumer<ItemReader> each) {
        Map<String, AttributeValue> start = null;
        do {
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(query.build());
            page.items().forEach(item -> each.accept(new ItemReader(item)));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /**
     * Runs independent calls (reads, or writes that each apply at most once) side by side, at most
     * {@code inFlight} at a time, and returns their results in the order given. Every call runs; the first
     * failure in that order is rethrown (the others' as suppressed) once every call has ended, so none is still
     * running when the caller handles the error. A checked exception comes wrapped in an
     * {@link IllegalStateException}.
     *
     * <p>Each call runs on its own virtual thread, started only once one of the {@code inFlight} permits is free
     * (so no more threads exist than calls in flight), with the caller's MDC (the correlation id), which a new
     * thread does not inherit from {@code ThreadMdc}. Nothing outlives the call: the per-call executor is closed
     * before this returns, which waits for every thread. Interrupting the caller stops starting calls, interrupts
     * the running ones, waits for them and throws with the interrupt status kept.
     *
     * <p>Why virtual threads on Java 21, where {@code synchronized} still pins a virtual thread to its carrier
     * (JEP 491 unpins it from Java 24 on): blocking under a monitor is what pins, and the path these calls
     * block on holds none: the SDK's {@code UrlConnectionHttpClient} has no {@code synchronized} code, the JDK's
     * HTTP(S) protocol handler has guarded its state with {@code ReentrantLock}s since JDK 16 (JDK-8229867), and
     * the socket and TLS layers (NioSocketImpl, SSLSocketImpl) use locks too. A pin elsewhere (a class
     * initialiser on a first call) only holds a carrier for its duration: it can slow a call, not change a
     * result. A pool of platform threads per call started and stopped up to {@code inFlight} threads every time
     * (16 per usage flush), and one shared pool would need its own bound per caller; virtual threads need neither.
     */
    static <T> List<T> sideBySide(List<Callable<T>> calls, int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, not " + inFlight);
        }
        if (calls.size() <= 1 || inFlight == 1) {
            return sequentially(calls);
        }
        Semaphore permits = new Semaphore(inFlight);
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        List<Future<T>> running = new ArrayList<>(calls.size());
        InterruptedException interrupted = null;
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(SIDE_BY_SIDE_THREADS)) {
            for (Callable<T> c : calls) {
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    // Set again for the executor's close: it then interrupts the running calls and waits for them.
                    interrupted = e;
                    Thread.currentThread().interrupt();
                    break;
                }
                running.add(threads.submit(() -> {
                    try {
                        if (mdc != null) {
                            MDC.setContextMap(mdc);
                        }
                        return c.call();
                    } finally {
                        MDC.clear();
                        permits.release();
                    }
                }));
            }
        }
        if (interrupted != null) {
            throw new IllegalStateException("interrupted while running calls side by side", interrupted);
        }
        List<T> results = new ArrayList<>(calls.size());
        RuntimeException first = null;
        for (Future<T> f : running) {
            if (f.state() == Future.State.SUCCESS) {
                results.add(f.resultNow());
                continue;
            }
            first = withFailure(first, f.exceptionNow() instanceof RuntimeException r ? r : new IllegalStateException(f.exceptionNow()));
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** Names the threads of {@link #sideBySide} (in thread dumps and log lines). */
    private static final ThreadFactory SIDE_BY_SIDE_THREADS = Thread.ofVirtual().name("dynamodb-side-by-side-", 0).factory();

    /** {@link #sideBySide}'s contract on the caller's thread: every call runs, the first failure rethrown after. */
    private static <T> List<T> sequentially(List<Callable<T>> calls) {
        List<T> results = new ArrayList<>(calls.size());
        RuntimeException first = null;
        for (Callable<T> c : calls) {
            try {
                results.add(call(c));
            } catch (RuntimeException e) {
                first = withFailure(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** The first failure so far, {@code next} added to it as suppressed (or {@code next} itself if it is the first). */
    private static RuntimeException withFailure(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static <T> T call(Callable<T> c) {
        try {
            return c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Query builder for "partition = value [AND sort key begins with prefix]" on the entity table or an index. */
    QueryRequest.Builder partitionQuery(String indexName, String partitionAttribute, String partitionValue,
                                        String sortAttribute, String sortPrefix) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(tables.entityTable()).indexName(indexName);
        if (sortPrefix == null) {
            return q.keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", partitionAttribute))
                    .expressionAttributeValues(Map.of(":pk", ItemBuilder.s(partitionValue)));
        }
        return q.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", partitionAttribute, "#sk", sortAttribute))
                .expressionAttributeValues(Map.of(":pk", ItemBuilder.s(partitionValue), ":prefix", ItemBuilder.s(sortPrefix)));
    }

    /** Consistent Query on {@code table}'s own keys: partition {@code pk}, sort key beginning with {@code skPrefix}. */
    static QueryRequest prefixQuery(String table, String pk, String skPrefix) {
        return QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                .expressionAttributeValues(Map.of(":pk", ItemBuilder.s(pk), ":prefix", ItemBuilder.s(skPrefix)))
                .consistentRead(true).build();
    }

    /** Query builder for "partition = value AND sort key BETWEEN low AND high". */
    QueryRequest.Builder rangeQuery(String table, String indexName, String partitionAttribute, String partitionValue,
                                    String sortAttribute, String low, String high) {
        return QueryRequest.builder().tableName(table).indexName(indexName)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :low AND :high")
                .expressionAttributeNames(Map.of("#pk", partitionAttribute, "#sk", sortAttribute))
                .expressionAttributeValues(Map.of(":pk", ItemBuilder.s(partitionValue), ":low", ItemBuilder.s(low),
                        ":high", ItemBuilder.s(high)));
    }

    /**
     * Range Queries of a sharded sparse index in flight at once (the pending ledger entries, the pending payments,
     * the unflushed routers: 16 shards each, so two rounds). The JDK's HTTP client keeps only five idle connections
     * per host unless {@code http.maxConnections} says more: template.yaml's {@code JAVA_TOOL_OPTIONS} sets 16, so the
     * second round reuses the first round's connections instead of opening (and TLS-handshaking) three new ones
     * ({@code KeepAliveConnectionsTest}).
     */
    static final int SHARD_QUERIES_IN_FLIGHT = 8;

    /** The flush sweep's marks of one shard (UpdateItems) at once: they share the reads' kept-alive connections. */
    static final int SWEEP_MARKS_IN_FLIGHT = SHARD_QUERIES_IN_FLIGHT;

    /**
     * Every item of each shard {@code 0 .. shards - 1} of a sharded sparse index whose sort key starts with an
     * instant in {@code [from, before)}: a list per shard, in shard order, read side by side
     * ({@link #SHARD_QUERIES_IN_FLIGHT}). Sort keys continue {@code #...} after the instant, so one at exactly
     * {@code before} sorts above the bound and BETWEEN gives {@code [from, before)}.
     */
    List<List<ItemReader>> everyShardBetween(String indexName, String partitionAttribute, IntFunction<String> partitionOfShard,
                                             int shards, String sortAttribute, Instant from, Instant before) {
        String low = DynamoInstants.format(from);
        String high = DynamoInstants.format(before);
        List<QueryRequest.Builder> queries = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            queries.add(rangeQuery(tables.entityTable(), indexName, partitionAttribute, partitionOfShard.apply(shard),
                    sortAttribute, low, high));
        }
        return everyItemOfEach(queries, SHARD_QUERIES_IN_FLIGHT);
    }

    /**
     * Every item each of {@code queries} finds, each read to its end, at most {@code inFlight} queries side by
     * side: a list per query, in the order given. How a sharded index is read (one range Query per shard).
     */
    List<List<ItemReader>> everyItemOfEach(List<QueryRequest.Builder> queries, int inFlight) {
        List<Callable<List<ItemReader>>> reads = new ArrayList<>();
        for (QueryRequest.Builder query : queries) {
            reads.add(() -> {
                List<ItemReader> found = new ArrayList<>();
                forEachItem(query, found::add);
                return found;
            });
        }
        return sideBySide(reads, inFlight);
    }

    static Optional<ItemReader> oldItem(ConditionalCheckFailedException e) {
        return e.hasItem() && !e.item().isEmpty() ? Optional.of(new ItemReader(e.item())) : Optional.empty();
    }
}
