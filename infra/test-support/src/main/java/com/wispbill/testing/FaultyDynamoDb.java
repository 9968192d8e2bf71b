package com.wispbill.testing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The real DynamoDB Local client with one injected failure: the n-th transaction (or the next one
 * that matches a test, or the next single-item write to a partition) either fails before it reaches the table (a throttled or refused write) or
 * after it committed (the function crashed or timed out after the write, so it never learned of its
 * success).
 */
public final class FaultyDynamoDb extends DelegatingDynamoDb {
    public enum When { BEFORE_COMMIT, AFTER_COMMIT }

    private final AtomicInteger transactions = new AtomicInteger();
    private volatile int failingTransaction = -1;
    private volatile When when = When.BEFORE_COMMIT;
    private volatile Predicate<TransactWriteItemsRequest> failing = request -> false;

    public FaultyDynamoDb(DynamoDbClient delegate) {
        super(delegate);
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

    /** Fails every transaction that {@code matches}, before it reaches the table, until {@link #heal()}: an outage. */
    public void failTransactionsUntilHealed(Predicate<TransactWriteItemsRequest> matches) {
        this.when = When.BEFORE_COMMIT;
        this.keepFailing = true;
        this.failing = matches;
    }

    private volatile boolean keepFailing;

    /**
     * Runs {@code interleaved} just before the next transaction that {@code matches} is sent, then sends it: another
     * writer's change lands between what this client read and its write.
     */
    public void beforeNextTransaction(Predicate<TransactWriteItemsRequest> matches, Runnable interleaved) {
        this.interleaving = matches;
        this.interleaved = interleaved;
    }

    private volatile Predicate<TransactWriteItemsRequest> interleaving = request -> false;
    private volatile Runnable interleaved = () -> { };

    /**
     * Fails the next single-item write (put or update) whose partition key starts with {@code pkPrefix},
     * before or after it reached the table.
     */
    public void failNextWrite(String pkPrefix, When when) {
        this.writeWhen = when;
        this.failingWrite = pkPrefix;
    }

    public void heal() {
        failingTransaction = -1;
        failing = request -> false;
        keepFailing = false;
        interleaving = request -> false;
        failingWrite = null;
    }

    private volatile String failingWrite;
    private volatile When writeWhen = When.BEFORE_COMMIT;

    /** Whether the write to {@code key} is the one to fail (and disarms it). */
    private synchronized boolean failsWrite(Map<String, AttributeValue> key) {
        AttributeValue pk = key.get("PK");
        if (failingWrite == null || pk == null || pk.s() == null || !pk.s().startsWith(failingWrite)) {
            return false;
        }
        failingWrite = null;
        return true;
    }

    private <T> T write(Map<String, AttributeValue> key, Supplier<T> call) {
        if (!failsWrite(key)) {
            return call.get();
        }
        if (writeWhen == When.AFTER_COMMIT) {
            call.get();
        }
        throw SdkClientException.create("injected failure " + writeWhen + " of a write to " + key.get("PK").s());
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        if (interleaving.test(request)) {
            interleaving = r -> false;
            interleaved.run();
        }
        int number = transactions.incrementAndGet();
        boolean matched = failing.test(request);
        if (number != failingTransaction && !matched) {
            return delegate.transactWriteItems(request);
        }
        if (matched && !keepFailing) {
            failing = r -> false;
        }
        if (when == When.AFTER_COMMIT) {
            delegate.transactWriteItems(request);
        }
        throw SdkClientException.create("injected failure " + when + " of transaction " + number);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return write(request.item(), () -> delegate.putItem(request));
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return write(request.key(), () -> delegate.updateItem(request));
    }
}
