package com.wispbill.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB client that counts what passes through it: items written (each put, update or delete,
 * and each item of a transaction) and items read (returned by gets, batch gets and queries); with
 * {@link #billingUnits(boolean)} on, also the capacity units DynamoDB would bill: a write 1 unit per
 * started KB of the item (its size after the write, read back uncounted), twice inside a transaction;
 * a read 1 unit per started 4 KB (half for eventually consistent reads), a query per 4 KB of all it returned;
 * a put that adds, moves or drops an item's entry in the usage table's keys-only index, 1 unit per index write.
 */
final class CountingDynamoDb implements DynamoDbClient {
    private final DynamoDbClient delegate;
    private final AtomicLong itemsWritten = new AtomicLong();
    private final AtomicLong writeRequests = new AtomicLong();
    private final AtomicLong itemsRead = new AtomicLong();
    private final AtomicLong writeUnits = new AtomicLong();
    private final AtomicLong halfReadUnits = new AtomicLong();
    private volatile boolean billingUnits;

    CountingDynamoDb(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    long itemsWritten() {
        return itemsWritten.get();
    }

    long writeRequests() {
        return writeRequests.get();
    }

    long itemsRead() {
        return itemsRead.get();
    }

    void reset() {
        itemsWritten.set(0);
        writeRequests.set(0);
        itemsRead.set(0);
        writeUnits.set(0);
        halfReadUnits.set(0);
    }

    /** Whether to count billing units (each write then costs an extra uncounted read to size the item). */
    void billingUnits(boolean on) {
        billingUnits = on;
    }

    long writeUnits() {
        return writeUnits.get();
    }

    double readUnits() {
        return halfReadUnits.get() / 2.0;
    }

    /** The item's size as DynamoDB counts it: attribute names plus values. */
    static long itemSize(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        long size = 0;
        for (var e : item.entrySet()) {
            size += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + valueSize(e.getValue());
        }
        return size;
    }

    private static long valueSize(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return (v.n().replaceAll("[^0-9]", "").length() + 1) / 2 + 1;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.hasM()) {
            return 3 + v.m().size() + itemSize(v.m());
        }
        if (v.hasL()) {
            return 3 + v.l().size() + v.l().stream().mapToLong(CountingDynamoDb::valueSize).sum();
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(x -> x.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(x -> (x.length() + 1) / 2 + 1).sum();
        }
        return 1;
    }

    private static long writeUnitsOf(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    private void readUnits(long bytes, boolean consistent) {
        long units = Math.max(1, (bytes + 4095) / 4096);
        halfReadUnits.addAndGet(consistent ? 2 * units : units);
    }

    /** The stored item's size after a write (read uncounted); 0 if it is gone. */
    private long storedSize(String table, java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key) {
        GetItemResponse r = delegate.getItem(b -> b.tableName(table).key(key).consistentRead(true));
        return r.hasItem() ? itemSize(r.item()) : 0;
    }

    private static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> keyOf(
            java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return java.util.Map.of("PK", item.get("PK"), "SK", item.get("SK"));
    }

    private void wrote(long items) {
        itemsWritten.addAndGet(items);
        writeRequests.incrementAndGet();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        TransactWriteItemsResponse response = delegate.transactWriteItems(request);
        wrote(request.transactItems().size());
        if (billingUnits) {
            for (var item : request.transactItems()) {
                if (item.put() != null) {
                    writeUnits.addAndGet(2 * writeUnitsOf(itemSize(item.put().item())));
                } else if (item.update() != null) {
                    writeUnits.addAndGet(2 * writeUnitsOf(storedSize(item.update().tableName(), item.update().key())));
                } else if (item.delete() != null) {
                    writeUnits.addAndGet(2);
                } else if (item.conditionCheck() != null) {
                    writeUnits.addAndGet(2);
                }
            }
        }
        return response;
    }

    /**
     * Key attributes of the usage table's keys-only index of router states with unflushed usage
     * ({@code UnflushedIndex}): a put that adds, moves or drops them writes the index too.
     */
    private static final java.util.List<String> KEYS_ONLY_INDEX = java.util.List.of("unflushedShard", "unflushedSince");

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        // The item before (read uncounted) tells whether the index's key changed.
        var before = billingUnits && request.item().containsKey("PK") ? delegate.getItem(b -> b.tableName(request.tableName())
                .key(keyOf(request.item())).consistentRead(true)).item() : null;
        PutItemResponse response = delegate.putItem(request);
        wrote(1);
        if (billingUnits) {
            writeUnits.addAndGet(writeUnitsOf(itemSize(request.item())) + indexWrites(before, request.item()));
        }
        return response;
    }

    /** Writes to a keys-only index (1 unit each, its entries are small): none if its key is unchanged, two if it moved. */
    private static int indexWrites(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> before,
                                   java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> after) {
        boolean had = before != null && before.keySet().containsAll(KEYS_ONLY_INDEX);
        boolean has = after.keySet().containsAll(KEYS_ONLY_INDEX);
        if (had && has) {
            return KEYS_ONLY_INDEX.stream().allMatch(k -> before.get(k).equals(after.get(k))) ? 0 : 2;
        }
        return had || has ? 1 : 0;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        UpdateItemResponse response;
        try {
            response = delegate.updateItem(request);
        } finally {
            // A refused conditional update is billed like a write too.
            wrote(1);
            if (billingUnits) {
                writeUnits.addAndGet(writeUnitsOf(storedSize(request.tableName(), request.key())));
            }
        }
        return response;
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        DeleteItemResponse response = delegate.deleteItem(request);
        wrote(1);
        return response;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse response = delegate.getItem(request);
        itemsRead.addAndGet(response.hasItem() && !response.item().isEmpty() ? 1 : 0);
        readUnits(response.hasItem() ? itemSize(response.item()) : 0, Boolean.TRUE.equals(request.consistentRead()));
        return response;
    }

    @Override
    public software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse batchWriteItem(
            software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest request) {
        var response = delegate.batchWriteItem(request);
        long unprocessed = response.unprocessedItems().values().stream().mapToLong(java.util.List::size).sum();
        wrote(request.requestItems().values().stream().mapToLong(java.util.List::size).sum() - unprocessed);
        if (billingUnits) {
            // Unprocessed items are billed when they are sent again; count each item of the request once here.
            request.requestItems().values().forEach(writes -> writes.forEach(w -> writeUnits.addAndGet(
                    w.putRequest() != null ? writeUnitsOf(itemSize(w.putRequest().item())) : 1)));
        }
        return response;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        BatchGetItemResponse response = delegate.batchGetItem(request);
        response.responses().forEach((table, items) -> {
            itemsRead.addAndGet(items.size());
            boolean consistent = Boolean.TRUE.equals(request.requestItems().get(table).consistentRead());
            items.forEach(item -> readUnits(itemSize(item), consistent));
        });
        return response;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        QueryResponse response = delegate.query(request);
        itemsRead.addAndGet(response.count());
        readUnits(response.items().stream().mapToLong(CountingDynamoDb::itemSize).sum(),
                Boolean.TRUE.equals(request.consistentRead()));
        return response;
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
