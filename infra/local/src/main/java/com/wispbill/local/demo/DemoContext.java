package com.wispbill.local.demo;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.stack.EmbeddedStack;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What demo steps share: the running stack, its tables through the repositories, the simulated
 * routers, and the values earlier steps produced (ids, the demo API key) under names such as
 * {@link #RESELLER_ID}.
 */
public final class DemoContext {
    public static final String RESELLER_ID = "resellerId";
    public static final String API_KEY = "apiKey";

    private final EmbeddedStack stack;
    private final DynamoDbClient dynamoDb;
    private final DynamoStore store;
    private final SecretsManagerClient secrets;
    private final List<RouterOsSimulator> routers;
    private final Clock clock;
    private final PrintStream out;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public DemoContext(EmbeddedStack stack, DynamoDbClient dynamoDb, DynamoStore store, SecretsManagerClient secrets, List<RouterOsSimulator> routers,
                       Clock clock, PrintStream out) {
        this.stack = stack;
        this.dynamoDb = dynamoDb;
        this.store = store;
        this.secrets = secrets;
        this.routers = List.copyOf(routers);
        this.clock = clock;
        this.out = out;
    }

    public EmbeddedStack stack() {
        return stack;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoStore store() {
        return store;
    }

    public SecretsManagerClient secrets() {
        return secrets;
    }

    public List<RouterOsSimulator> routers() {
        return routers;
    }

    public Clock clock() {
        return clock;
    }

    public PrintStream out() {
        return out;
    }

    public void put(String name, Object value) {
        values.put(name, value);
    }

    public <T> T get(String name, Class<T> type) {
        Object value = values.get(name);
        if (value == null) {
            throw new NoSuchElementException("no demo value '" + name + "' yet; the step that makes it has not run: " + values.keySet());
        }
        return type.cast(value);
    }
}
