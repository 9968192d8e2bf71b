package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.ApiKeyRepository;
import com.wispbill.domain.ApiKey;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.ApiKeyStatus;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * API keys: {@code APIKEY#<sha256> / #}, so authentication is one strongly consistent GetItem on the
 * hash of the presented secret. The item carries {@code resellerId}: the tenant comes from here only.
 * A reseller's keys are listed through GSI1 {@code RESELLER#<id>#APIKEYS}.
 */
public final class DynamoApiKeyRepository extends DynamoSupport implements ApiKeyRepository {

    public DynamoApiKeyRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(ApiKey key) {
        putNew(toItem(key), "an API key with this hash already exists");
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        if (keyHash == null || !keyHash.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return getEntity(Keys.apiKey(keyHash), Keys.SINGLE).map(DynamoApiKeyRepository::fromItem);
    }

    @Override
    public List<ApiKey> listForReseller(String resellerId) {
        List<ApiKey> keys = new ArrayList<>();
        forEachItem(partitionQuery(Keys.GSI1, Keys.GSI1PK, Keys.apiKeysOf(resellerId), null, null),
                item -> keys.add(fromItem(item)));
        return keys;
    }

    @Override
    public void revoke(String resellerId, String keyId) {
        ApiKey key = listForReseller(resellerId).stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> new NotFoundException("API key", keyId));
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                    .key(key(Keys.apiKey(key.keyHash()), Keys.SINGLE))
                    .updateExpression("SET #status = :revoked")
                    .conditionExpression("resellerId = :rid AND keyId = :kid")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":revoked", ItemBuilder.s(ApiKeyStatus.REVOKED.name()),
                            ":rid", ItemBuilder.s(resellerId), ":kid", ItemBuilder.s(keyId)))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("API key " + keyId + " changed while being revoked", e);
        }
    }

    static Map<String, AttributeValue> toItem(ApiKey k) {
        return ItemBuilder.item("APIKEY", Keys.apiKey(k.keyHash()), Keys.SINGLE)
                .s(Keys.GSI1PK, Keys.apiKeysOf(k.resellerId())).s(Keys.GSI1SK, k.keyId())
                .s("keyId", k.keyId()).s("resellerId", k.resellerId()).s("role", k.role().name())
                .s("visiblePrefix", k.visiblePrefix()).s("keyHash", k.keyHash()).s("status", k.status().name())
                .instant("createdAt", k.createdAt())
                .build();
    }

    static ApiKey fromItem(ItemReader i) {
        return i.map(() -> new ApiKey(i.s("keyId"), i.s("resellerId"), i.enumValue("role", ApiKeyRole.class),
                i.s("visiblePrefix"), i.s("keyHash"), i.enumValue("status", ApiKeyStatus.class), i.instant("createdAt")));
    }
}
