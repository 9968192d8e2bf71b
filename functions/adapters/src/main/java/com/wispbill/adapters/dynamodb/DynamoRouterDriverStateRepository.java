package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.RouterDriverStateRepository;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routerdriver.DesiredObjectKey;
import com.wispbill.domain.routerdriver.DesiredObjectKind;
import com.wispbill.domain.routerdriver.DesiredRouterObject;
import com.wispbill.domain.routerdriver.DesiredState;
import com.wispbill.domain.routerdriver.RouterCircuit;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The router driver's items in the entity table:
 * <ul>
 *   <li>{@code RESELLER#<rid> / CMDDONE#<commandId>}: a command was applied; TTL two weeks (longer than
 *       the queue's retention, so every possible redelivery finds it);</li>
 *   <li>{@code RESELLER#<rid> / CIRCUIT#<routerId>}: the circuit breaker, versioned;</li>
 *   <li>{@code RESELLER#<rid>#ROUTER#<routerId> / <KIND>#<name>}: the desired-state journal. A removed
 *       object's entry keeps no command (no password) and expires after 90 days.</li>
 * </ul>
 */
public final class DynamoRouterDriverStateRepository extends DynamoSupport implements RouterDriverStateRepository {
    static final Duration APPLIED_COMMAND_RETENTION = Duration.ofDays(14);
    static final Duration REMOVED_ENTRY_RETENTION = Duration.ofDays(90);
    private static final int BATCH_WRITE_LIMIT = 25;
    /** Rounds of unprocessed journal entries before the command batch fails and is retried from its queue. */
    private static final int BATCH_WRITE_ATTEMPTS = 8;

    public DynamoRouterDriverStateRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public boolean isCommandApplied(String resellerId, String commandId) {
        return getEntity(Keys.reseller(resellerId), Keys.appliedCommandSk(commandId)).isPresent();
    }

    @Override
    public boolean markCommandApplied(String resellerId, String routerId, String commandId, Instant appliedAt) {
        Map<String, AttributeValue> item = ItemBuilder.item("ROUTER_COMMAND_APPLIED", Keys.reseller(resellerId),
                        Keys.appliedCommandSk(commandId))
                .s("resellerId", resellerId).s("routerId", routerId).s("commandId", commandId)
                .instant("appliedAt", appliedAt)
                .n(Keys.TTL, appliedAt.plus(APPLIED_COMMAND_RETENTION).getEpochSecond())
                .build();
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(item)
                    .conditionExpression(NOT_EXISTS).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public RouterCircuit circuit(String resellerId, String routerId) {
        return getEntity(Keys.reseller(resellerId), Keys.circuitSk(routerId))
                .map(DynamoRouterDriverStateRepository::circuitFromItem)
                .orElseGet(() -> RouterCircuit.closed(resellerId, routerId));
    }

    @Override
    public boolean saveCircuit(RouterCircuit next) {
        Map<String, AttributeValue> item = ItemBuilder.item("ROUTER_CIRCUIT", Keys.reseller(next.resellerId()),
                        Keys.circuitSk(next.routerId()))
                .s("resellerId", next.resellerId()).s("routerId", next.routerId())
                .n("consecutiveFailures", next.consecutiveFailures()).optInstant("openUntil", next.openUntil())
                .optS("reason", next.reason().map(Enum::name)).optS("lastError", next.lastError())
                .n("version", next.version())
                .build();
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tables.entityTable()).item(item);
        if (next.version() <= 1) {
            put.conditionExpression(NOT_EXISTS);
        } else {
            put.conditionExpression("version = :read")
                    .expressionAttributeValues(Map.of(":read", ItemBuilder.n(next.version() - 1)));
        }
        try {
            dynamoDb.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<DesiredRouterObject> findDesired(String resellerId, String routerId, DesiredObjectKind kind,
                                                     String name) {
        return getEntity(Keys.routerJournal(resellerId, routerId), Keys.journalSk(kind, name))
                .map(DynamoRouterDriverStateRepository::desiredFromItem);
    }

    @Override
    public Map<DesiredObjectKey, DesiredRouterObject> findDesired(String resellerId, String routerId,
                                                                  Collection<DesiredObjectKey> keys) {
        String pk = Keys.routerJournal(resellerId, routerId);
        Map<DesiredObjectKey, DesiredRouterObject> found = new HashMap<>();
        batchGet(tables.entityTable(), keys.stream().map(k -> List.of(pk, Keys.journalSk(k.kind(), k.name()))).toList(),
                (key, item) -> {
                    DesiredRouterObject entry = desiredFromItem(item);
                    found.put(DesiredObjectKey.of(entry), entry);
                });
        return found;
    }

    @Override
    public Set<String> appliedCommands(String resellerId, Collection<String> commandIds) {
        Set<String> applied = new HashSet<>();
        batchGet(tables.entityTable(), commandIds.stream().map(id -> List.of(Keys.reseller(resellerId), Keys.appliedCommandSk(id))).toList(),
                (key, item) -> applied.add(item.s("commandId")));
        return applied;
    }

    @Override
    public void saveDesiredAll(List<DesiredRouterObject> entries) {
        for (int from = 0; from < entries.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> pending = entries.subList(from, Math.min(entries.size(), from + BATCH_WRITE_LIMIT)).stream()
                    .map(e -> WriteRequest.builder().putRequest(PutRequest.builder().item(desiredItem(e)).build()).build())
                    .toList();
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > BATCH_WRITE_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left " + pending.size() + " journal entries unwritten after "
                            + BATCH_WRITE_ATTEMPTS + " attempts");
                }
                var response = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(tables.entityTable(), pending)).build());
                pending = response.unprocessedItems().getOrDefault(tables.entityTable(), List.of());
            }
        }
    }

    private static Map<String, AttributeValue> desiredItem(DesiredRouterObject next) {
        ItemBuilder b = ItemBuilder.item("ROUTER_DESIRED", Keys.routerJournal(next.resellerId(), next.routerId()),
                        Keys.journalSk(next.kind(), next.name()))
                .s("resellerId", next.resellerId()).s("routerId", next.routerId()).s("kind", next.kind().name())
                .s("name", next.name()).s("state", next.state().name()).instant("issuedAt", next.issuedAt())
                .s("commandId", next.commandId()).instant("journaledAt", next.journaledAt());
        next.ensure().ifPresent(ensure -> b.s("ensure", MessageCodec.encode(new RouterCommandEnvelope(
                next.commandId(), next.resellerId(), next.routerId(), next.issuedAt(), ensure))));
        if (next.state() == DesiredState.REMOVED) {
            b.n(Keys.TTL, next.journaledAt().plus(REMOVED_ENTRY_RETENTION).getEpochSecond());
        }
        return b.build();
    }

    @Override
    public Page<DesiredRouterObject> listDesired(String resellerId, String routerId, PageRequest page) {
        String pk = Keys.routerJournal(resellerId, routerId);
        return queryPage(partitionQuery(null, Keys.PK, pk, null, null).consistentRead(true), page, TABLE_KEYS,
                Keys.PK, pk, DynamoRouterDriverStateRepository::desiredFromItem);
    }

    static RouterCircuit circuitFromItem(ItemReader i) {
        return i.map(() -> new RouterCircuit(i.s("resellerId"), i.s("routerId"), (int) i.n("consecutiveFailures"),
                i.optInstant("openUntil"), i.optS("reason").map(RouterCircuit.FailureReason::valueOf),
                i.optS("lastError"), i.n("version")));
    }

    static DesiredRouterObject desiredFromItem(ItemReader i) {
        return i.map(() -> new DesiredRouterObject(i.s("resellerId"), i.s("routerId"),
                i.enumValue("kind", DesiredObjectKind.class), i.s("name"), i.enumValue("state", DesiredState.class),
                i.optS("ensure").map(json -> MessageCodec.decodeRouterCommand(json).command()),
                i.instant("issuedAt"), i.s("commandId"), i.instant("journaledAt")));
    }
}
