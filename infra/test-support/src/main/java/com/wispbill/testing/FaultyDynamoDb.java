package com.wispbill.usage;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
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
 * The real DynamoDB Local client with one injected failure: the n-th transaction either fails before
 * it reaches the table (a throttled or refused write) or after it committed (the function crashed or
 * timed out after the write, so it never learned of its success).
 */
final class FaultyDynamoDb implements DynamoDbClient {
    enum When { BEFORE_COMMIT, AFTER_COMMIT }

    private final DynamoDbClient delegate;
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile int failingTransaction = -1;
    private volatile When when = When.BEFORE_COMMIT;

    FaultyDynamoDb(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    /** Fails the {@code n}-th transaction from now (1 = the next one). */
    void failTransaction(int n, When when) {
        this.when = when;
        this.failingTransaction = transactions.get() + n;
    }

    void heal() {
        failingTransaction = -1;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        int number = transactions.incrementAndGet();
        if (number != failingTransaction) {
            return delegate.transactWriteItems(request);
        }
        if (when == When.AFTER_COMMIT) {
            delegate.transactWriteItems(request);
        }
        throw SdkClientException.create("injected failure " + when + " of transaction " + number);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return delegate.getItem(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return delegate.putItem(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return delegate.updateItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return delegate.query(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return delegate.batchGetItem(request);
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
