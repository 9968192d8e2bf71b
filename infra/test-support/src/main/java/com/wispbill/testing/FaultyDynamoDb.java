package com.wispbill.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
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
 * The real DynamoDB Local client with one injected failure: the n-th transaction (or the next one
 * that matches a test) either fails before it reaches the table (a throttled or refused write) or
 * after it committed (the function crashed or timed out after the write, so it never learned of its
 * success).
 */
public final class FaultyDynamoDb implements DynamoDbClient {
    public enum When { BEFORE_COMMIT, AFTER_COMMIT }

    private final DynamoDbClient delegate;
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile int failingTransaction = -1;
    private volatile When when = When.BEFORE_COMMIT;
    private volatile Predicate<TransactWriteItemsRequest> failing = request -> false;

    public FaultyDynamoDb(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    /** Fails the {@code n}-th transaction from now (1 = the next one). */
    public void failTransaction(int n, When when) {
        this.when = when;
        this.failingTransaction = transactions.get() + n;
    }

    /** Fails the next transaction that {@code matches}, e.g. one that writes a given item. */
    public void failNextTransaction(Predicate<TransactWriteItemsRequest> matches, When when) {
        this.when = when;
        this.failing = matches;
    }

    public void heal() {
        failingTransaction = -1;
        failing = request -> false;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        int number = transactions.incrementAndGet();
        boolean matched = failing.test(request);
        if (number != failingTransaction && !matched) {
            return delegate.transactWriteItems(request);
        }
        if (matched) {
            failing = r -> false;
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
    public software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse batchWriteItem(
            software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest request) {
        return delegate.batchWriteItem(request);
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
