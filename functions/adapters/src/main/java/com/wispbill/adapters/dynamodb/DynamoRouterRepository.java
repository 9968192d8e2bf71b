package com.wispbill.adapters.dynamodb;

import java.util.HashMap;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.network.TunnelPool;
import com.wispbill.domain.routerdriver.RouterDrift;
import com.wispbill.domain.routerdriver.RouterVitals;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Routers: {@code RESELLER#<id> / ROUTER#<routerId>}. ACTIVE routers also carry
 * {@code GSI2PK = ROUTERS#ACTIVE}, so the scheduled poll reads exactly the routers to poll from one
 * index partition (a sparse index: disabling a router drops it from the partition).
 *
 * <p>Routers reached through the hub hold their tunnel address in {@code TUNNELADDR#<address> / #} (one
 * router per address across all resellers); {@code TUNNELPOOL#<cidr> / #} counts the addresses handed out.
 *
 * <p>Health is a separate item, {@code RESELLER#<id> / HEALTH#<routerId>}: the poller writes it every
 * few minutes and must never overwrite configuration changes made through the API, nor cause index
 * writes.
 */
public final class DynamoRouterRepository extends DynamoSupport implements RouterRepository {
    /** Taken addresses are skipped; more than a few in a row means the pools overlap badly. */
    private static final int MAX_ALLOCATION_ATTEMPTS = 16;

    public DynamoRouterRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(Router router) {
        putNew(toItem(router), "router " + router.id() + " already exists");
    }

    @Override
    public Router createInTunnel(Router router, TunnelPool pool) {
        for (int attempt = 0; attempt < MAX_ALLOCATION_ATTEMPTS; attempt++) {
            long number = nextPoolNumber(pool);
            if (number >= pool.size()) {
                throw new ConflictException("the router tunnel network " + pool.network() + " is full ("
                        + pool.size() + " addresses); the operator must configure a larger one");
            }
            Router placed = router.toBuilder().tunnelAddress(pool.address(number).getHostAddress()).build();
            Map<String, AttributeValue> allocation = ItemBuilder.item("TUNNEL_ADDRESS",
                            Keys.tunnelAddress(placed.tunnelAddress().orElseThrow()), Keys.SINGLE)
                    .s("address", placed.tunnelAddress().orElseThrow()).s("pool", pool.network().toString())
                    .s("resellerId", placed.resellerId()).s("routerId", placed.id()).instant("createdAt", placed.createdAt())
                    .build();
            try {
                dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(putNewWrite(toItem(placed)), putNewWrite(allocation)).build());
                return placed;
            } catch (TransactionCanceledException e) {
                List<Integer> failed = DynamoWriteTransaction.failedConditions(e);
                if (failed.isEmpty()) {
                    throw e;
                }
                if (failed.contains(0)) {
                    throw new ConflictException("router " + router.id() + " already exists", e);
                }
                // The address is held already (given out from an overlapping pool configured earlier): the next one.
            }
        }
        throw new ConflictException("no free address found in the router tunnel network " + pool.network() + " after "
                + MAX_ALLOCATION_ATTEMPTS + " tries");
    }

    /** 0, 1, 2, ... across all callers: an atomic counter per pool, so concurrent registrations get distinct numbers. */
    private long nextPoolNumber(TunnelPool pool) {
        UpdateItemResponse response = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tables.entityTable())
                .key(key(Keys.tunnelPool(pool.network().toString()), Keys.SINGLE))
                .updateExpression("SET #type = :type ADD handedOut :one")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE))
                .expressionAttributeValues(Map.of(":type", ItemBuilder.s("TUNNEL_POOL"), ":one", ItemBuilder.n(1)))
                .returnValues(ReturnValue.UPDATED_NEW).build());
        return Long.parseLong(response.attributes().get("handedOut").n()) - 1;
    }

    @Override
    public void replace(Router current, Router next) {
        if (!current.id().equals(next.id()) || !current.resellerId().equals(next.resellerId())) {
            throw new IllegalArgumentException("next must be the same router as current");
        }
        Map<String, AttributeValue> read = toItem(current);
        Map<String, AttributeValue> written = toItem(next);
        // Compare-and-swap on the whole item as read: every attribute the read had, and none it did not have.
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> conditions = new ArrayList<>(List.of("attribute_exists(" + Keys.PK + ")"));
        int n = 0;
        for (Map.Entry<String, AttributeValue> e : read.entrySet()) {
            if (e.getKey().equals(Keys.PK) || e.getKey().equals(Keys.SK)) {
                continue;
            }
            names.put("#a" + n, e.getKey());
            values.put(":a" + n, e.getValue());
            conditions.add("#a" + n + " = :a" + n);
            n++;
        }
        for (String attribute : OPTIONAL_ATTRIBUTES) {
            if (!read.containsKey(attribute)) {
                names.put("#a" + n, attribute);
                conditions.add("attribute_not_exists(#a" + n + ")");
                n++;
            }
        }
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(written)
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names).expressionAttributeValues(values).build());
        } catch (ConditionalCheckFailedException e) {
            if (find(current.resellerId(), current.id()).isEmpty()) {
                throw new NotFoundException("Router", current.id());
            }
            throw new ConflictException("router " + current.id() + " was changed meanwhile: read it again");
        }
    }

    @Override
    public Optional<Router> find(String resellerId, String routerId) {
        return getEntity(Keys.reseller(resellerId), Keys.routerSk(routerId)).map(DynamoRouterRepository::fromItem);
    }

    @Override
    public Page<Router> list(String resellerId, PageRequest page) {
        String pk = Keys.reseller(resellerId);
        return queryPage(partitionQuery(null, Keys.PK, pk, Keys.SK, Keys.ROUTER_PREFIX), page, TABLE_KEYS, Keys.PK, pk,
                DynamoRouterRepository::fromItem);
    }

    @Override
    public Page<Router> listActiveForPolling(PageRequest page) {
        return queryPage(partitionQuery(Keys.GSI2, Keys.GSI2PK, Keys.ACTIVE_ROUTERS, null, null), page, GSI2_KEYS,
                Keys.GSI2PK, Keys.ACTIVE_ROUTERS, DynamoRouterRepository::fromItem);
    }

    @Override
    public boolean recordHealth(RouterHealth h) {
        return putHealth(healthItem(h).build());
    }

    @Override
    public boolean recordHealth(RouterHealth h, RouterVitals vitals) {
        ItemBuilder b = healthItem(h)
                .n("latencyMillis", vitals.latency().toMillis()).n("cpuLoadPercent", vitals.cpuLoadPercent())
                .n("freeMemoryBytes", vitals.freeMemoryBytes()).n("totalMemoryBytes", vitals.totalMemoryBytes())
                .n("uptimeSeconds", vitals.uptime().toSeconds()).s("identity", vitals.identity());
        vitals.lastDrift().ifPresent(d -> b.instant("reconciledAt", d.reconciledAt()).n("driftMissing", d.missing())
                .n("driftChanged", d.changed()).n("driftShouldBeDisabled", d.shouldBeDisabled())
                .n("driftShouldBeRemoved", d.shouldBeRemoved()).n("driftUnknown", d.unknown())
                .n("driftFailed", d.failed()));
        return putHealth(b.build());
    }

    private static ItemBuilder healthItem(RouterHealth h) {
        return ItemBuilder.item("ROUTER_HEALTH", Keys.reseller(h.resellerId()), Keys.healthSk(h.routerId()))
                .s("resellerId", h.resellerId()).s("routerId", h.routerId()).instant("checkedAt", h.checkedAt())
                .bool("reachable", h.reachable()).optInstant("lastSeenAt", h.lastSeenAt())
                .n("consecutiveFailures", h.consecutiveFailures()).optS("routerOsVersion", h.routerOsVersion())
                .optN("activeSessions", h.activeSessions().isPresent() ? Optional.of((long) h.activeSessions().getAsInt()) : Optional.empty())
                .optS("lastError", h.lastError());
    }

    private boolean putHealth(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(item)
                    // Fixed-width instants compare correctly as strings.
                    .conditionExpression("attribute_not_exists(PK) OR checkedAt < :checkedAt")
                    .expressionAttributeValues(Map.of(":checkedAt", item.get("checkedAt")))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<RouterVitals> findVitals(String resellerId, String routerId) {
        return getEntity(Keys.reseller(resellerId), Keys.healthSk(routerId))
                .filter(i -> i.has("latencyMillis"))
                .map(i -> i.map(() -> new RouterVitals(Duration.ofMillis(i.n("latencyMillis")), (int) i.n("cpuLoadPercent"),
                        i.n("freeMemoryBytes"), i.n("totalMemoryBytes"), Duration.ofSeconds(i.n("uptimeSeconds")),
                        i.s("identity"), i.optInstant("reconciledAt").map(at -> new RouterDrift((int) i.n("driftMissing"),
                                (int) i.n("driftChanged"), (int) i.n("driftShouldBeDisabled"),
                                (int) i.n("driftShouldBeRemoved"), (int) i.n("driftUnknown"), (int) i.n("driftFailed"), at)))));
    }

    @Override
    public Optional<RouterHealth> findHealth(String resellerId, String routerId) {
        return getEntity(Keys.reseller(resellerId), Keys.healthSk(routerId)).map(DynamoRouterRepository::healthFromItem);
    }

    @Override
    public List<RouterHealth> listHealth(String resellerId) {
        List<RouterHealth> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = partitionQuery(null, Keys.PK, Keys.reseller(resellerId), Keys.SK, Keys.HEALTH_PREFIX);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(q.build());
            page.items().forEach(item -> all.add(healthFromItem(new ItemReader(item))));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return all;
    }

    @Override
    public void requestConnectionTest(RouterConnectionTest test) {
        dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(testItem(test)).build());
    }

    @Override
    public boolean recordConnectionTest(RouterConnectionTest result) {
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(testItem(result))
                    .conditionExpression("testId = :testId")
                    .expressionAttributeValues(Map.of(":testId", ItemBuilder.s(result.testId()))).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<RouterConnectionTest> findConnectionTest(String resellerId, String routerId) {
        return getEntity(Keys.reseller(resellerId), Keys.routerTestSk(routerId)).map(i -> i.map(() -> new RouterConnectionTest(
                i.s("resellerId"), i.s("routerId"), i.s("testId"),
                i.enumValue("status", RouterConnectionTest.Status.class), i.instant("requestedAt"), i.optInstant("checkedAt"),
                i.optS("identity"), i.optS("routerOsVersion"), optBool(i, "hotspotPresent"), optBool(i, "pppPresent"),
                i.optS("error"))));
    }

    private static Optional<Boolean> optBool(ItemReader i, String name) {
        return i.has(name) ? Optional.of(i.bool(name)) : Optional.empty();
    }

    private static Map<String, AttributeValue> testItem(RouterConnectionTest t) {
        ItemBuilder b = ItemBuilder.item("ROUTER_TEST", Keys.reseller(t.resellerId()), Keys.routerTestSk(t.routerId()))
                .s("resellerId", t.resellerId()).s("routerId", t.routerId()).s("testId", t.testId())
                .s("status", t.status().name()).instant("requestedAt", t.requestedAt()).optInstant("checkedAt", t.checkedAt())
                .optS("identity", t.identity()).optS("routerOsVersion", t.routerOsVersion()).optS("error", t.error());
        t.hotspotPresent().ifPresent(h -> b.bool("hotspotPresent", h));
        t.pppPresent().ifPresent(p -> b.bool("pppPresent", p));
        return b.build();
    }

    @Override
    public void deleteRetired(Router router) {
        String pk = Keys.reseller(router.resellerId());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tables.entityTable())
                .key(key(pk, Keys.routerSk(router.id())))
                .conditionExpression("#status = :retired")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":retired", ItemBuilder.s(RouterStatus.RETIRED.name()))).build()).build());
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tables.entityTable())
                .key(key(pk, Keys.healthSk(router.id()))).build()).build());
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tables.entityTable())
                .key(key(pk, Keys.routerTestSk(router.id()))).build()).build());
        router.tunnelAddress().ifPresent(address -> writes.add(TransactWriteItem.builder().delete(Delete.builder()
                .tableName(tables.entityTable()).key(key(Keys.tunnelAddress(address), Keys.SINGLE))
                // Only this router's allocation: never another router's that reused the address.
                .conditionExpression("attribute_not_exists(PK) OR routerId = :routerId")
                .expressionAttributeValues(Map.of(":routerId", ItemBuilder.s(router.id()))).build()).build()));
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
        } catch (TransactionCanceledException e) {
            if (DynamoWriteTransaction.failedConditions(e).isEmpty()) {
                throw e;
            }
            throw new ConflictException("router " + router.id() + " is not retired (or changed meanwhile): retire it first", e);
        }
    }

    /** The attributes {@link #toItem} writes only for some routers: "none it did not have" covers these. */
    private static final List<String> OPTIONAL_ATTRIBUTES = List.of("hotspotServer", "site", "zone", "tunnelAddress",
            "wifiName", Keys.GSI2PK, Keys.GSI2SK);

    static Map<String, AttributeValue> toItem(Router r) {
        ItemBuilder b = ItemBuilder.item("ROUTER", Keys.reseller(r.resellerId()), Keys.routerSk(r.id()))
                .s("id", r.id()).s("resellerId", r.resellerId()).s("name", r.name()).s("host", r.host())
                .n("apiPort", r.apiPort()).bool("useTls", r.useTls()).bool("allowPlainApi", r.allowPlainApi())
                .optS("hotspotServer", r.hotspotServer()).optS("site", r.site()).optS("zone", r.zone().map(ZoneId::getId))
                .s("status", r.status().name()).instant("createdAt", r.createdAt()).optS("tunnelAddress", r.tunnelAddress())
                .optS("wifiName", r.wifiName());
        if (r.isActive()) {
            b.s(Keys.GSI2PK, Keys.ACTIVE_ROUTERS).s(Keys.GSI2SK, Keys.activeRouterSortKey(r.resellerId(), r.id()));
        }
        return b.build();
    }

    static Router fromItem(ItemReader i) {
        return i.map(() -> new Router(i.s("id"), i.s("resellerId"), i.s("name"), i.s("host"), (int) i.n("apiPort"),
                i.bool("useTls"), i.bool("allowPlainApi"), i.optS("hotspotServer"), i.optS("site"),
                i.optS("zone").map(ZoneId::of), i.enumValue("status", RouterStatus.class), i.instant("createdAt"),
                i.optS("tunnelAddress"), i.optS("wifiName")));
    }

    static RouterHealth healthFromItem(ItemReader i) {
        return i.map(() -> new RouterHealth(i.s("resellerId"), i.s("routerId"), i.instant("checkedAt"), i.bool("reachable"),
                i.optInstant("lastSeenAt"), (int) i.n("consecutiveFailures"), i.optS("routerOsVersion"),
                i.optN("activeSessions").map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty()),
                i.optS("lastError")));
    }
}
