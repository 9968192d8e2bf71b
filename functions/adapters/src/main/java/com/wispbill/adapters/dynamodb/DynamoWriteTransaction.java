package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.StoreBusyException;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link WriteTransaction} on DynamoDB {@code TransactWriteItems}. Each enlisted write carries the
 * conflict message to report if its condition fails; the message function receives the item as it was
 * stored (when DynamoDB returns it) so messages can say what the state actually is.
 *
 * <p>Counter increments ({@link #increment}) to the same item are merged into one update: a payment
 * callback appends a sale and its fees, each adding to the same balance item, and DynamoDB allows
 * one operation per item in a transaction.
 *
 * <p>Only failed conditions become {@link ConflictException}s. Other cancellation reasons
 * (TransactionConflict with a concurrent transaction, throttling) are transient: they become a
 * {@link StoreBusyException}, so the caller may retry or fail this attempt (queue redelivery, provider
 * webhook retry) without knowing the SDK.
 */
public final class DynamoWriteTransaction implements WriteTransaction {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final List<TransactWriteItem> writes = new ArrayList<>();
    private final List<Function<Optional<ItemReader>, String>> conflictMessages = new ArrayList<>();
    private final Set<String> touchedItems = new HashSet<>();
    private final Map<String, Increment> increments = new LinkedHashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private String idempotencyToken;
    private boolean committed;

    DynamoWriteTransaction(DynamoDbClient dynamoDb) {
        this.dynamoDb = StoreFailureMapping.around(dynamoDb);
    }

    /** Casts a {@link WriteTransaction} from the caller; mixing stores is a programming error. */
    static DynamoWriteTransaction of(WriteTransaction tx) {
        if (tx instanceof DynamoWriteTransaction dynamo) {
            return dynamo;
        }
        throw new IllegalArgumentException("a DynamoDB repository needs a transaction from DynamoStore.begin(), got "
                + (tx == null ? "null" : tx.getClass().getName()));
    }

    void add(TransactWriteItem write, String conflictMessage) {
        add(write, stored -> conflictMessage);
    }

    void add(TransactWriteItem write, Function<Optional<ItemReader>, String> conflictMessage) {
        requireOpenWithRoom();
        ItemId itemId = itemId(write);
        if (!touchedItems.add(itemId.id()) || increments.containsKey(itemId.id())) {
            // DynamoDB rejects two operations on one item in a transaction; say which item here.
            throw new IllegalStateException("item (" + Redaction.key(itemId.pk()) + ", " + itemId.sk()
                    + ") is already written in this transaction");
        }
        writes.add(write);
        conflictMessages.add(Objects.requireNonNull(conflictMessage));
    }

    /**
     * Adds {@code deltas} to number attributes of an item (created if missing) and sets {@code sets}.
     * Increments of the same item within this transaction are summed into one update; they must agree
     * on {@code sets} and {@code condition}.
     *
     * @param condition        condition expression or null; may use the placeholders of {@code conditionValues}
     * @param conditionValues  values for {@code condition}, named {@code :c...}
     */
    void increment(String table, String pk, String sk, Map<String, Long> deltas, Map<String, AttributeValue> sets,
                   String condition, Map<String, AttributeValue> conditionValues, String conflictMessage) {
        ItemId itemId = new ItemId(table, pk, sk);
        if (touchedItems.contains(itemId.id())) {
            throw new IllegalStateException("item (" + Redaction.key(pk) + ", " + sk + ") is already written in this transaction");
        }
        Increment existing = increments.get(itemId.id());
        if (existing == null) {
            requireOpenWithRoom();
            increments.put(itemId.id(), new Increment(itemId, new LinkedHashMap<>(deltas), Map.copyOf(sets), condition,
                    Map.copyOf(conditionValues), conflictMessage));
            return;
        }
        if (!existing.sets().equals(Map.copyOf(sets)) || !Objects.equals(existing.condition(), condition)
                || !existing.conditionValues().equals(Map.copyOf(conditionValues))) {
            throw new IllegalArgumentException("increments of item (" + Redaction.key(pk) + ", " + sk
                    + ") in one transaction disagree on their other attributes");
        }
        deltas.forEach((name, delta) -> existing.deltas().merge(name, delta, Math::addExact));
    }

    private void requireOpenWithRoom() {
        if (committed) {
            throw new IllegalStateException("transaction already committed");
        }
        if (size() >= MAX_WRITES) {
            throw new IllegalStateException("a transaction holds at most " + MAX_WRITES + " writes");
        }
    }

    private record Increment(ItemId item, Map<String, Long> deltas, Map<String, AttributeValue> sets, String condition,
                             Map<String, AttributeValue> conditionValues, String conflictMessage) {

        TransactWriteItem toWrite() {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>(conditionValues);
            List<String> adds = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Long> delta : deltas.entrySet()) {
                names.put("#a" + i, delta.getKey());
                values.put(":a" + i, AttributeValue.fromN(Long.toString(delta.getValue())));
                adds.add("#a" + i + " :a" + i);
                i++;
            }
            List<String> assignments = new ArrayList<>();
            i = 0;
            for (Map.Entry<String, AttributeValue> set : sets.entrySet()) {
                names.put("#s" + i, set.getKey());
                values.put(":s" + i, set.getValue());
                assignments.add("#s" + i + " = :s" + i);
                i++;
            }
            String expression = "ADD " + String.join(", ", adds)
                    + (assignments.isEmpty() ? "" : " SET " + String.join(", ", assignments));
            Update.Builder update = Update.builder().tableName(item.table())
                    .key(Map.of(Keys.PK, AttributeValue.fromS(item.pk()), Keys.SK, AttributeValue.fromS(item.sk())))
                    .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values);
            if (condition != null) {
                update.conditionExpression(condition);
            }
            return TransactWriteItem.builder().update(update.build()).build();
        }
    }

    @Override
    public WriteTransaction idempotencyToken(String token) {
        if (token == null || token.isBlank() || token.length() > 36) {
            throw new IllegalArgumentException("an idempotency token is 1-36 characters");
        }
        this.idempotencyToken = token;
        return this;
    }

    @Override
    public int size() {
        return writes.size() + increments.size();
    }

    @Override
    public void commit() {
        if (committed) {
            throw new IllegalStateException("transaction already committed");
        }
        committed = true;
        for (Increment increment : increments.values()) {
            writes.add(increment.toWrite());
            conflictMessages.add(stored -> increment.conflictMessage());
        }
        if (!writes.isEmpty()) {
            try {
                dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(writes)
                        .clientRequestToken(idempotencyToken)
                        .build());
            } catch (TransactionCanceledException e) {
                throw conflictOrRethrow(e);
            } catch (IdempotentParameterMismatchException e) {
                throw new ConflictException("a transaction with the same idempotency token but different writes was already committed", e);
            }
        }
        afterCommit.forEach(Runnable::run);
    }

    @Override
    public void afterCommit(Runnable action) {
        afterCommit.add(Objects.requireNonNull(action, "action"));
    }

    /** Indexes (in enlist order) of writes whose condition failed; empty if the cancellation had other causes. */
    static List<Integer> failedConditions(TransactionCanceledException e) {
        List<Integer> failed = new ArrayList<>();
        List<CancellationReason> reasons = e.cancellationReasons();
        for (int i = 0; i < reasons.size(); i++) {
            if (CONDITION_FAILED.equals(reasons.get(i).code())) {
                failed.add(i);
            }
        }
        return failed;
    }

    private RuntimeException conflictOrRethrow(TransactionCanceledException e) {
        List<Integer> failed = failedConditions(e);
        if (failed.isEmpty()) {
            return new StoreBusyException("the transaction was cancelled without a failed condition (a concurrent "
                    + "transaction or throttling): " + e.getMessage(), e);
        }
        List<String> messages = new ArrayList<>();
        for (int index : failed) {
            Map<String, AttributeValue> stored = e.cancellationReasons().get(index).item();
            Optional<ItemReader> reader = stored == null || stored.isEmpty() ? Optional.empty() : Optional.of(new ItemReader(stored));
            messages.add(conflictMessages.get(index).apply(reader));
        }
        return new ConflictException(String.join("; ", messages), e);
    }

    private record ItemId(String table, String pk, String sk) {
        String id() {
            return table + "|" + pk + "|" + sk;
        }
    }

    private static ItemId itemId(TransactWriteItem write) {
        String table;
        Map<String, AttributeValue> key;
        if (write.put() != null) {
            table = write.put().tableName();
            key = Map.of(Keys.PK, write.put().item().get(Keys.PK), Keys.SK, write.put().item().get(Keys.SK));
        } else if (write.update() != null) {
            table = write.update().tableName();
            key = write.update().key();
        } else if (write.delete() != null) {
            table = write.delete().tableName();
            key = write.delete().key();
        } else if (write.conditionCheck() != null) {
            table = write.conditionCheck().tableName();
            key = write.conditionCheck().key();
        } else {
            throw new IllegalArgumentException("empty TransactWriteItem");
        }
        return new ItemId(table, key.get(Keys.PK).s(), key.get(Keys.SK).s());
    }
}
