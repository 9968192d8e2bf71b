package com.wispbill.testing;

import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A real client that counts the UpdateItems matching a test and the most of them in flight at once, the first held
 * until a second has started ({@link InFlightCounter}). Everything else goes straight through.
 */
public final class InFlightDynamoDb extends DelegatingDynamoDb {
    private final Predicate<UpdateItemRequest> counted;
    private final InFlightCounter updates = new InFlightCounter(true);

    public InFlightDynamoDb(DynamoDbClient delegate, Predicate<UpdateItemRequest> counted) {
        super(delegate);
        this.counted = counted;
    }

    /** The counted UpdateItems sent so far. */
    public int updates() {
        return updates.calls();
    }

    /** The most counted UpdateItems that were in flight at once. */
    public int mostInFlight() {
        return updates.most();
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return counted.test(request) ? updates.count(() -> delegate.updateItem(request)) : delegate.updateItem(request);
    }

    /** Leaves the wrapped client open: it is the caller's (often a client shared by the tests). */
    @Override
    public void close() {
    }
}
