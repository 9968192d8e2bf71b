package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.testing.DelegatingDynamoDb;
import com.wispbill.testing.FaultyDynamoDb;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tests' client decorators ({@link DelegatingDynamoDb}) answer every operation the repositories use, as the real
 * client does, instead of the interface's default that refuses.
 */
class DelegatingDynamoDbTest extends StoreTestSupport {

    /** The client operations {@code type} implements itself (not the interface's refusing defaults). */
    private static List<String> operationsOf(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .filter(DelegatingDynamoDbTest::isClientOperation)
                .map(m -> m.getName() + Arrays.toString(m.getParameterTypes()))
                .sorted().toList();
    }

    private static boolean isClientOperation(Method method) {
        try {
            DynamoDbClient.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void everyOperationTheFailureMappingOffersIsPassedThrough() {
        assertEquals(operationsOf(StoreFailureMapping.class), operationsOf(DelegatingDynamoDb.class));
    }

    @Test
    void anOutboxMessageIsDeletedThroughAWrappedClient() {
        OutboxMessage message = new OutboxMessage("msg-1", OutboxMessage.Destination.NOTIFICATIONS, "{}", START);
        WriteTransaction tx = store.begin();
        store.outbox().add(message, tx);
        tx.commit();
        DynamoOutboxRepository outbox = new DynamoOutboxRepository(new FaultyDynamoDb(LocalDynamoDb.client()), tables);
        assertEquals(List.of(message), outbox.pendingBefore(START.plusSeconds(1), 10));

        outbox.delete(message);

        assertEquals(List.of(), outbox.pendingBefore(START.plusSeconds(1), 10));
    }
}
