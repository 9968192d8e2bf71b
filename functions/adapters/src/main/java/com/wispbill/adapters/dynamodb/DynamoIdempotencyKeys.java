package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.IdempotencyKeys;
import com.wispbill.adapters.repository.WriteTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Claims {@code RESELLER#<id> / IDEMPOTENCY#<key>} → {@code objectId} and {@code requestHash}, created with
 * {@code attribute_not_exists} and deleted by TTL a day later. Keys are validated like ids, so they
 * cannot contain the key separator.
 */
public final class DynamoIdempotencyKeys extends DynamoSupport implements IdempotencyKeys {
    static final Duration RETENTION = Duration.ofHours(24);

    public DynamoIdempotencyKeys(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void claim(String resellerId, String key, String requestHash, String objectId, Instant now, WriteTransaction tx) {
        DynamoWriteTransaction.of(tx).add(putNewWrite(ItemBuilder.item("IDEMPOTENCY_KEY", Keys.reseller(resellerId),
                        Keys.idempotencySk(key))
                .s("resellerId", resellerId).s("objectId", objectId).s("requestHash", requestHash).instant("claimedAt", now)
                .n(Keys.TTL, now.plus(RETENTION).getEpochSecond())
                .build()), "idempotency key " + key + " is already used");
    }

    @Override
    public Optional<Claim> find(String resellerId, String key) {
        return getEntity(Keys.reseller(resellerId), Keys.idempotencySk(key))
                .map(i -> new Claim(i.s("objectId"), i.optS("requestHash")));
    }
}
