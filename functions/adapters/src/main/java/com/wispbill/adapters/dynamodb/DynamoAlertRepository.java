package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.domain.Ids;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One item per alert key: {@code RESELLER#<rid>} / {@code ALERT#<key>} (platform alerts under
 * {@code PLATFORM#ALERTS}), {@code OPEN} from the raise, {@code CLOSED} from the resolve. The closed
 * item is kept for {@link #CLOSED_RETENTION} (TTL) so that a raise delivered late, after its own
 * resolve, cannot reopen the alert; {@code changedAt} orders the changes.
 */
public final class DynamoAlertRepository implements AlertRepository {
    static final Duration CLOSED_RETENTION = Duration.ofDays(30);
    private static final String OPEN = "OPEN";
    private static final String CLOSED = "CLOSED";

    private final DynamoDbClient dynamoDb;
    private final String table;

    /** {@code entityTable}: the entity table's name ({@code ENTITY_TABLE}). */
    public DynamoAlertRepository(DynamoDbClient dynamoDb, String entityTable) {
        this.dynamoDb = StoreFailureMapping.around(dynamoDb);
        this.table = entityTable;
    }

    @Override
    public boolean apply(Alert alert) {
        if (alert == null) {
            throw new ValidationException("alert", "is required");
        }
        ItemBuilder item = ItemBuilder.item("ALERT", partition(alert.resellerId()), Keys.alertSk(alert.key()))
                .optS("resellerId", alert.resellerId())
                .s("key", alert.key()).s("alertId", alert.alertId()).s("severity", alert.severity().name())
                .s("subject", alert.subject()).s("detail", alert.detail())
                .s("status", alert.resolved() ? CLOSED : OPEN)
                .instant("raisedAt", alert.raisedAt()).instant("changedAt", alert.raisedAt());
        if (alert.resolved()) {
            item.n(Keys.TTL, alert.raisedAt().plus(CLOSED_RETENTION).getEpochSecond());
        }
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(item.build())
                    .conditionExpression("attribute_not_exists(PK) OR changedAt < :at")
                    .expressionAttributeValues(Map.of(":at", ItemBuilder.s(DynamoInstants.format(alert.raisedAt()))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // a duplicate, or older than what is stored
        }
    }

    @Override
    public List<Alert> openAlerts(String resellerId) {
        if (!Ids.isValid(resellerId)) {
            throw new ValidationException("resellerId", "is not a valid id");
        }
        return open(Keys.reseller(resellerId));
    }

    @Override
    public List<Alert> openPlatformAlerts() {
        return open(Keys.PLATFORM_ALERTS);
    }

    private static String partition(Optional<String> resellerId) {
        return resellerId.map(Keys::reseller).orElse(Keys.PLATFORM_ALERTS);
    }

    private List<Alert> open(String partition) {
        List<Alert> alerts = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .filterExpression("#status = :open")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":pk", ItemBuilder.s(partition),
                            ":prefix", ItemBuilder.s(Keys.ALERT_PREFIX), ":open", ItemBuilder.s(OPEN)))
                    .exclusiveStartKey(start).consistentRead(true).build());
            page.items().stream().map(ItemReader::new).map(DynamoAlertRepository::fromItem).forEach(alerts::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        alerts.sort(Comparator.comparing(Alert::raisedAt).reversed());
        return alerts;
    }

    private static Alert fromItem(ItemReader i) {
        return i.map(() -> new Alert(i.s("alertId"), i.optS("resellerId"), i.s("key"),
                i.enumValue("severity", Alert.Severity.class), false, i.s("subject"), i.optS("detail").orElse(""),
                i.instant("raisedAt")));
    }
}
