package com.wispbill.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB client that counts what passes through it: items written (each put, update or delete,
 * and each item of a transaction) and items read (returned by gets, batch gets and queries); and the
 * capacity units DynamoDB bills for them, from the items' sizes by DynamoDB's rules (a write unit per
 * started KB of each item written, an update's item as it is afterwards, twice inside a transaction;
 * a read unit per started 4 KB read, half for eventually consistent reads, at least one per get or
 * query). DynamoDB Local's own ConsumedCapacity is not used: it does not follow these rules for
 * transactions.
 */
final class CountingDynamoDb implements DynamoDbClient {
    private final DynamoDbClient delegate;
    private final AtomicLong itemsWritten = new AtomicLong();
    private final AtomicLong writeRequests = new AtomicLong();
    private final AtomicLong itemsRead = new AtomicLong();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final AtomicLong countingNanos = new AtomicLong();

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

    /** Write capacity units consumed, as DynamoDB reported them. */
    double writeUnits() {
        return writeUnits.sum();
    }

    /** Read capacity units consumed, as DynamoDB reported them. */
    double readUnits() {
        return readUnits.sum();
    }

    /** Time spent reading items back to size updates: not the code's, subtract it from measured times. */
    double countingSeconds() {
        return countingNanos.get() / 1e9;
    }

    void reset() {
        itemsWritten.set(0);
        writeRequests.set(0);
        itemsRead.set(0);
        writeUnits.reset();
        readUnits.reset();
        countingNanos.set(0);
    }

    /**
     * Write units of a transaction's items before the transaction's doubling: a put's item, an update's
     * item as it is afterwards (read back past the counters), a delete or condition check one unit.
     */
    private double writeUnits(TransactWriteItemsRequest request) {
        double units = 0;
        for (TransactWriteItem item : request.transactItems()) {
            if (item.put() != null) {
                units += kilobytes(size(item.put().item()));
            } else if (item.update() != null) {
                units += kilobytes(sizeAfterUpdate(item.update().tableName(), item.update().key()));
            } else {
                units += 1;
            }
        }
        return units;
    }

    private long sizeAfterUpdate(String table, Map<String, AttributeValue> key) {
        long start = System.nanoTime();
        Map<String, AttributeValue> after = delegate.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        countingNanos.addAndGet(System.nanoTime() - start);
        return size(after == null || after.isEmpty() ? key : after);
    }

    /** One write unit per started KB, at least one. */
    private static double kilobytes(long bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    /** One read unit per started 4 KB read (at least one), half of it for an eventually consistent read. */
    private static double readUnits(long bytes, Boolean consistent) {
        return Math.max(1, Math.ceil(bytes / 4096.0)) * (Boolean.TRUE.equals(consistent) ? 1 : 0.5);
    }

    /** An item's size as DynamoDB counts it: attribute names plus values. */
    static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return bytes;
    }

    private static long size(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return v.n().length() / 2 + 1;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(x -> x.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(x -> x.length() / 2 + 1).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(x -> 1 + size(x)).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(x -> 1 + x.getKey().length() + size(x.getValue())).sum();
        }
        return 1;
    }

    private void wrote(long items) {
        itemsWritten.addAndGet(items);
        writeRequests.incrementAndGet();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        TransactWriteItemsResponse response = delegate.transactWriteItems(request);
        wrote(request.transactItems().size());
        writeUnits.add(2 * writeUnits(request));
        return response;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        PutItemResponse response = delegate.putItem(request);
        wrote(1);
        writeUnits.add(kilobytes(size(request.item())));
        return response;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        UpdateItemResponse response = delegate.updateItem(request);
        wrote(1);
        writeUnits.add(kilobytes(sizeAfterUpdate(request.tableName(), request.key())));
        return response;
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        DeleteItemResponse response = delegate.deleteItem(request);
        wrote(1);
        writeUnits.add(1);
        return response;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        BatchWriteItemResponse response = delegate.batchWriteItem(request);
        wrote(request.requestItems().values().stream().mapToLong(List::size).sum());
        request.requestItems().values().forEach(writes -> writes.forEach(w -> writeUnits.add(
                w.putRequest() != null ? kilobytes(size(w.putRequest().item())) : 1)));
        return response;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse response = delegate.getItem(request);
        readUnits.add(readUnits(response.hasItem() ? size(response.item()) : 0, request.consistentRead()));
        itemsRead.addAndGet(response.hasItem() && !response.item().isEmpty() ? 1 : 0);
        return response;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        BatchGetItemResponse response = delegate.batchGetItem(request);
        response.responses().forEach((table, items) -> items.forEach(item -> readUnits.add(readUnits(size(item),
                request.requestItems().get(table).consistentRead()))));
        response.responses().values().forEach(items -> itemsRead.addAndGet(items.size()));
        return response;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        QueryResponse response = delegate.query(request);
        readUnits.add(readUnits(response.items().stream().mapToLong(CountingDynamoDb::size).sum(), request.consistentRead()));
        itemsRead.addAndGet(response.count());
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
