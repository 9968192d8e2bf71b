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
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB client that counts what passes through it: items written (each put, update or delete,
 * and each item of a transaction) and items read (returned by gets, batch gets and queries); and the
 * capacity units DynamoDB bills for them, as DynamoDB itself reports them ({@code
 * ReturnConsumedCapacity=TOTAL} on every request: a write unit per started KB of each item, twice
 * inside a transaction; a read unit per 4 KB, half for eventually consistent reads).
 */
final class CountingDynamoDb implements DynamoDbClient {
    private final DynamoDbClient delegate;
    private final AtomicLong itemsWritten = new AtomicLong();
    private final AtomicLong writeRequests = new AtomicLong();
    private final AtomicLong itemsRead = new AtomicLong();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final DoubleAdder readUnits = new DoubleAdder();

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

    void reset() {
        itemsWritten.set(0);
        writeRequests.set(0);
        itemsRead.set(0);
        writeUnits.reset();
        readUnits.reset();
    }

    /**
     * DynamoDB Local reports no capacity for transactions: count it as DynamoDB bills it, two write
     * units per started KB of each item (a put's item; an update's item as it is after the transaction,
     * read back past the counters; a delete or condition check at least one KB).
     */
    private double transactionWriteUnits(TransactWriteItemsRequest request) {
        double units = 0;
        for (TransactWriteItem item : request.transactItems()) {
            long bytes;
            if (item.put() != null) {
                bytes = size(item.put().item());
            } else if (item.update() != null) {
                Map<String, AttributeValue> after = delegate.getItem(b -> b.tableName(item.update().tableName())
                        .key(item.update().key()).consistentRead(true)).item();
                bytes = size(after == null || after.isEmpty() ? item.update().key() : after);
            } else {
                bytes = 1;
            }
            units += 2 * Math.max(1, Math.ceil(bytes / 1024.0));
        }
        return units;
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

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    private static double units(List<ConsumedCapacity> capacities) {
        return capacities == null ? 0 : capacities.stream().mapToDouble(CountingDynamoDb::units).sum();
    }

    private void wrote(long items) {
        itemsWritten.addAndGet(items);
        writeRequests.incrementAndGet();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        TransactWriteItemsResponse response = delegate.transactWriteItems(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        wrote(request.transactItems().size());
        double reported = units(response.consumedCapacity());
        writeUnits.add(reported > 0 ? reported : transactionWriteUnits(request));
        return response;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        PutItemResponse response = delegate.putItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        wrote(1);
        writeUnits.add(units(response.consumedCapacity()));
        return response;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        UpdateItemResponse response = delegate.updateItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        wrote(1);
        writeUnits.add(units(response.consumedCapacity()));
        return response;
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        DeleteItemResponse response = delegate.deleteItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        wrote(1);
        writeUnits.add(units(response.consumedCapacity()));
        return response;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        BatchWriteItemResponse response = delegate.batchWriteItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        wrote(request.requestItems().values().stream().mapToLong(List::size).sum());
        writeUnits.add(units(response.consumedCapacity()));
        return response;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse response = delegate.getItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        readUnits.add(units(response.consumedCapacity()));
        itemsRead.addAndGet(response.hasItem() && !response.item().isEmpty() ? 1 : 0);
        return response;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        BatchGetItemResponse response = delegate.batchGetItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        readUnits.add(units(response.consumedCapacity()));
        response.responses().values().forEach(items -> itemsRead.addAndGet(items.size()));
        return response;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        QueryResponse response = delegate.query(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        readUnits.add(units(response.consumedCapacity()));
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
