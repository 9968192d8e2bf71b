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
 * and each item of a transaction) and items read (returned by gets, batch gets and queries).
 */
final class CountingDynamoDb implements DynamoDbClient {
    private final DynamoDbClient delegate;
    private final AtomicLong itemsWritten = new AtomicLong();
    private final AtomicLong writeRequests = new AtomicLong();
    private final AtomicLong itemsRead = new AtomicLong();

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
    }

    private void wrote(long items) {
        itemsWritten.addAndGet(items);
        writeRequests.incrementAndGet();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        TransactWriteItemsResponse response = delegate.transactWriteItems(request);
        wrote(request.transactItems().size());
        return response;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        PutItemResponse response = delegate.putItem(request);
        wrote(1);
        return response;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        UpdateItemResponse response = delegate.updateItem(request);
        wrote(1);
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
        return response;
    }

    @Override
    public software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse batchWriteItem(
            software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest request) {
        var response = delegate.batchWriteItem(request);
        long unprocessed = response.unprocessedItems().values().stream().mapToLong(java.util.List::size).sum();
        wrote(request.requestItems().values().stream().mapToLong(java.util.List::size).sum() - unprocessed);
        return response;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        BatchGetItemResponse response = delegate.batchGetItem(request);
        response.responses().values().forEach(items -> itemsRead.addAndGet(items.size()));
        return response;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        QueryResponse response = delegate.query(request);
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
