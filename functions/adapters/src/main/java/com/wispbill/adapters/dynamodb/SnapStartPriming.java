package com.wispbill.adapters.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * SnapStart priming. Lambda publishes a version by initialising one execution environment (the
 * handler's no-arg constructor, which builds every client at once) and snapshotting it; before the
 * snapshot it calls CRaC's {@code beforeCheckpoint}. Here that runs the shared code paths of a first
 * request that touch no data: one DynamoDB {@code GetItem} and one {@code Query} on a key no item has
 * (request marshalling, SigV4 signing, credentials, endpoint resolution, the HTTP client, response
 * parsing; SQS uses the same JSON protocol and pipeline, and SignedAwsClient (SNS, Secrets Manager, SES) the
 * same signer, credentials and HTTP client), and Jackson round trips
 * of a tree and of a record with an instant (what handlers do with their events, messages and answers).
 * Restored environments then start with those classes loaded and initialised instead of paying for
 * them on the first request. Nothing is written; a failure only logs, since a priming step that
 * failed must never keep a version from being published.
 *
 * <p>Outside Lambda (tests, the local run, a JDK without CRaC) registration is harmless and
 * {@code beforeCheckpoint} never runs unless called.
 */
public final class SnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    /** A partition no item ever has. */
    static final String PRIMING_KEY = Keys.SNAPSTART_PRIMING;
    /** CRaC's global context holds resources weakly; this keeps each registered one alive with the class. */
    private static final List<SnapStartPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final Class<?> handler;
    private final DynamoDbClient dynamoDb;
    private final TableNames tables;

    SnapStartPriming(Class<?> handler, DynamoDbClient dynamoDb, TableNames tables) {
        this.handler = handler;
        this.dynamoDb = dynamoDb;
        this.tables = tables;
    }

    /**
     * Registers priming for {@code handler}'s execution environment with the function's own DynamoDB
     * client and tables; called once from each handler's no-arg constructor.
     */
    public static SnapStartPriming register(Class<?> handler) {
        return register(new SnapStartPriming(handler, AwsClients.dynamoDb(), TableNames.fromEnvironment()));
    }

    static SnapStartPriming register(SnapStartPriming priming) {
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** The handler classes whose no-arg constructor registered priming in this JVM. */
    public static List<Class<?>> registeredHandlers() {
        return REGISTERED.stream().<Class<?>>map(p -> p.handler).toList();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: the SDK opens new connections when the snapshot's are gone.
    }

    static final int STEPS = 4;

    /** A message-shaped value for the JSON step. */
    record PrimingRecord(String id, Instant at, long amountMinor, List<String> tags) {
    }

    /** Runs every step; returns how many completed without an exception. */
    int prime() {
        int completed = 0;
        completed += step("dynamodb get", () -> readKeyNoItemHas(dynamoDb, tables.entityTable()));
        completed += step("dynamodb query", () -> dynamoDb.query(b -> b.tableName(tables.entityTable()).limit(1)
                .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PRIMING_KEY)))));
        completed += step("json", () -> {
            JsonNode node = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(Map.of("priming", List.of(1, "a", true))));
            return node.size();
        });
        // What a first call does with its messages and answers: records with instants through databind.
        completed += step("json record", () -> Json.LENIENT.readValue(
                Json.MAPPER.writeValueAsBytes(new PrimingRecord("priming", Instant.EPOCH, 1, List.of("a"))), PrimingRecord.class));
        LOG.info("SnapStart priming of {}: {} of {} steps done", handler.getSimpleName(), completed, STEPS);
        return completed;
    }

    /**
     * {@code GetItem} of the partition no item has ({@link #PRIMING_KEY}) in {@code table}: returns when the table
     * answers a read, throws otherwise; reads no data. Also the health check's probe of a table
     * (its role may read only this key): the code path every first request takes, which the priming has loaded.
     */
    public static GetItemResponse readKeyNoItemHas(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.getItem(b -> b.tableName(table)
                .key(Map.of("PK", AttributeValue.fromS(PRIMING_KEY), "SK", AttributeValue.fromS(PRIMING_KEY))));
    }

    private int step(String name, PrimingStep step) {
        try {
            step.run();
            return 1;
        } catch (Exception | LinkageError e) {
            LOG.warn("SnapStart priming step '{}' failed (the snapshot is taken anyway): {}", name, e.toString());
            return 0;
        }
    }

    @FunctionalInterface
    private interface PrimingStep {
        Object run() throws Exception;
    }
}
