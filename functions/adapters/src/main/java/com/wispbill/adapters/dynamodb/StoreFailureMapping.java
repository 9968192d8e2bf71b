package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.StoreUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The DynamoDB client every repository talks through: the SDK's answers the repositories interpret
 * (a failed condition, a cancelled or mismatched transaction) pass through to them, and every other SDK
 * failure becomes a {@link StoreUnavailableException}, so no code outside the adapters needs to know
 * the SDK's exception types. Only the operations the repositories use are offered (the others are the
 * interface's defaults, which refuse).
 */
final class StoreFailureMapping implements DynamoDbClient {
    private final DynamoDbClient delegate;

    private StoreFailureMapping(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    /** {@code client} with its failures mapped (unchanged when it already is). */
    static DynamoDbClient around(DynamoDbClient client) {
        return client instanceof StoreFailureMapping ? client : new StoreFailureMapping(client);
    }

    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException | IdempotentParameterMismatchException e) {
            throw e;
        } catch (SdkException e) {
            throw new StoreUnavailableException("DynamoDB " + operation + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return call("GetItem", () -> delegate.getItem(request));
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return call("BatchGetItem", () -> delegate.batchGetItem(request));
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return call("PutItem", () -> delegate.putItem(request));
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return call("UpdateItem", () -> delegate.updateItem(request));
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return call("BatchWriteItem", () -> delegate.batchWriteItem(request));
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return call("DeleteItem", () -> delegate.deleteItem(request));
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return call("Query", () -> delegate.query(request));
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return call("TransactWriteItems", () -> delegate.transactWriteItems(request));
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
