package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.AlertEmailRepository;
import com.wispbill.domain.Ids;
import com.wispbill.domain.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** {@code RESELLER#<rid>} / {@code ALERTEMAILS} (platform: {@code PLATFORM#ALERTS} / {@code ALERTEMAILS}), {@code addresses}. */
public final class DynamoAlertEmailRepository implements AlertEmailRepository {
    private static final int MAX_ADDRESSES = 10;
    private static final String EMAIL = "[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoAlertEmailRepository(DynamoDbClient dynamoDb, String entityTable) {
        this.dynamoDb = dynamoDb;
        this.table = entityTable;
    }

    @Override
    public List<String> addresses(Optional<String> resellerId) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(table).key(DynamoSupport.key(partition(resellerId), Keys.ALERT_EMAILS)).build()).item();
        return item == null || item.isEmpty() ? List.of() : new ItemReader(item).strings("addresses");
    }

    @Override
    public void save(Optional<String> resellerId, List<String> addresses) {
        if (addresses == null || addresses.size() > MAX_ADDRESSES) {
            throw new ValidationException("addresses", "must be a list of at most " + MAX_ADDRESSES + " email addresses");
        }
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i) == null || !addresses.get(i).matches(EMAIL)) {
                throw new ValidationException("addresses[" + i + "]", "must be an email address such as noc@example.com");
            }
        }
        dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                .item(ItemBuilder.item("ALERT_EMAILS", partition(resellerId), Keys.ALERT_EMAILS)
                        .strings("addresses", List.copyOf(addresses)).build()).build());
    }

    private static String partition(Optional<String> resellerId) {
        if (resellerId.isPresent() && !Ids.isValid(resellerId.get())) {
            throw new ValidationException("resellerId", "is not a valid id");
        }
        return resellerId.map(Keys::reseller).orElse(Keys.PLATFORM_ALERTS);
    }
}
