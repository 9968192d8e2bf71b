package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Router;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Two changes of one router at the same moment: whichever writes second does not undo the first. Another change is
 * made for real between a PATCH's read and its write (the DynamoDB client runs it just before the PATCH's put).
 */
class RouterConcurrentChangesTest {
    private static TestStack stack;
    private static ApiClient api;
    private static Seed seed;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        seed = Seed.create(stack, api, "Race Routers", "+254700620001", 1);
    }

    /** An API whose next router write is preceded by {@code meanwhile} (once). */
    private static ApiClient racingWith(AtomicReference<Runnable> meanwhile) {
        DynamoDbClient real = stack.dynamoDb;
        DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putItem") && args != null && args[0] instanceof PutItemRequest put
                            && AttributeValue.fromS("ROUTER").equals(put.item().get("type"))) {
                        Runnable other = meanwhile.getAndSet(null);
                        if (other != null) {
                            other.run();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC(), racing,
                stack.batchQueueUrl, stack.commandQueueUrl)));
    }

    private static boolean activeForPolling(String routerId) {
        PageRequest page = PageRequest.first(500);
        while (true) {
            Page<Router> active = stack.store.routers().listActiveForPolling(page);
            if (active.items().stream().anyMatch(r -> r.id().equals(routerId))) {
                return true;
            }
            if (active.nextCursor().isEmpty()) {
                return false;
            }
            page = page.next(active);
        }
    }

    private static JsonNode router(String routerId) {
        return api.call("GET", "/v1/routers/" + routerId, seed.key()).expect(200).json();
    }

    @Test
    void aPatchRacingARetireLeavesTheRouterRetiredWithTheChange() {
        String routerId = api.call("POST", "/v1/routers", seed.key(), "{\"name\": \"Hill top\"}").expect(201).json()
                .path("id").asText();
        AtomicReference<Runnable> retire = new AtomicReference<>(
                () -> api.call("POST", "/v1/routers/" + routerId + "/retire", seed.key(), "").expect(200));

        racingWith(retire).call("PATCH", "/v1/routers/" + routerId, seed.key(), "{\"name\": \"Hill top 2\"}").expect(200);

        JsonNode after = router(routerId);
        assertEquals("RETIRED", after.path("status").asText(), "the retire is not undone");
        assertEquals("Hill top 2", after.path("name").asText(), "and the PATCH is not lost");
        assertFalse(activeForPolling(routerId), "not polled again");
    }

    @Test
    void twoPatchesAtOnceKeepBothChanges() {
        String routerId = api.call("POST", "/v1/routers", seed.key(), "{\"name\": \"Valley\"}").expect(201).json()
                .path("id").asText();
        AtomicReference<Runnable> site = new AtomicReference<>(() -> api.call("PATCH", "/v1/routers/" + routerId,
                seed.key(), "{\"site\": \"Valley market\"}").expect(200));

        racingWith(site).call("PATCH", "/v1/routers/" + routerId, seed.key(), "{\"name\": \"Valley 2\"}").expect(200);

        JsonNode after = router(routerId);
        assertEquals("Valley 2", after.path("name").asText());
        assertEquals("Valley market", after.path("site").asText(), "the other PATCH is not lost");
        assertEquals("ACTIVE", after.path("status").asText());
    }
}
