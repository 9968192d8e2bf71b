package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The transactional outbox: {@code OUTBOX#<shard> / <createdAt>#<messageId>}, shard = hash of the
 * message id over {@link Keys#OUTBOX_SHARDS} partitions. Messages are deleted once sent, so these
 * partitions hold only what is still pending and the relay reads them with one strongly consistent
 * Query per shard (AWS would stream the table instead; DynamoDB Local does not run streams, and this
 * works in both).
 */
public final class DynamoOutboxRepository extends DynamoSupport implements OutboxRepository {

    public DynamoOutboxRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    static int shardOf(String messageId) {
        return Math.floorMod(messageId.hashCode(), Keys.OUTBOX_SHARDS);
    }

    @Override
    public void add(OutboxMessage message, WriteTransaction tx) {
        Map<String, AttributeValue> item = ItemBuilder.item("OUTBOX", Keys.outboxShard(shardOf(message.id())),
                        Keys.outboxSk(message.createdAt(), message.id()))
                .s("messageId", message.id()).s("destination", message.destination().name()).s("body", message.body())
                .instant("createdAt", message.createdAt())
                .build();
        DynamoWriteTransaction.of(tx).add(putNewWrite(item), "outbox message " + message.id() + " is already queued");
    }

    @Override
    public List<OutboxMessage> pendingBefore(Instant cutoff, int limit) {
        List<OutboxMessage> pending = new ArrayList<>();
        for (int shard = 0; shard < Keys.OUTBOX_SHARDS; shard++) {
            QueryRequest query = QueryRequest.builder().tableName(tables.entityTable())
                    .keyConditionExpression("#pk = :pk AND #sk < :cutoff")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", ItemBuilder.s(Keys.outboxShard(shard)),
                            ":cutoff", ItemBuilder.s(DynamoInstants.format(cutoff))))
                    .consistentRead(true).limit(limit).build();
            dynamoDb.query(query).items().forEach(item -> pending.add(fromItem(new ItemReader(item))));
        }
        return pending.stream().sorted(Comparator.comparing(OutboxMessage::createdAt)).limit(limit).toList();
    }

    @Override
    public void delete(OutboxMessage message) {
        dynamoDb.deleteItem(b -> b.tableName(tables.entityTable())
                .key(key(Keys.outboxShard(shardOf(message.id())), Keys.outboxSk(message.createdAt(), message.id()))));
    }

    /** BatchWriteItem's limit of requests per call. */
    static final int MAX_BATCH_WRITE = 25;

    @Override
    public void deleteAll(List<OutboxMessage> messages) {
        List<WriteRequest> deletes = messages.stream().map(m -> WriteRequest.builder().deleteRequest(d -> d
                .key(key(Keys.outboxShard(shardOf(m.id())), Keys.outboxSk(m.createdAt(), m.id())))).build()).toList();
        for (int from = 0; from < deletes.size(); from += MAX_BATCH_WRITE) {
            Map<String, List<WriteRequest>> request = Map.of(tables.entityTable(),
                    deletes.subList(from, Math.min(deletes.size(), from + MAX_BATCH_WRITE)));
            // Unprocessed deletes (throttling) are resubmitted a few times; what is still left, the relay
            // sends again and deletes, and the message ids deduplicate it downstream.
            for (int attempt = 1; attempt <= 3 && !request.isEmpty(); attempt++) {
                Map<String, List<WriteRequest>> pending = request;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(pending));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    static OutboxMessage fromItem(ItemReader i) {
        return i.map(() -> new OutboxMessage(i.s("messageId"), i.enumValue("destination", OutboxMessage.Destination.class),
                i.s("body"), i.instant("createdAt")));
    }
}
