package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.ApiKey;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.ApiKeys;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerStatus;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.ValidityStart;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Resellers, API keys, plans and routers: round trips, paging, uniqueness and tenant isolation. */
class CatalogRepositoriesTest extends StoreTestSupport {

    @Test
    void resellersRoundTripAndListForTheOperator() {
        store.resellers().create(reseller(A));
        store.resellers().create(reseller(B));
        assertEquals(reseller(A), store.resellers().get(A));
        assertThrows(ConflictException.class, () -> store.resellers().create(reseller(A)));

        Reseller suspended = reseller(A).withStatus(ResellerStatus.SUSPENDED);
        store.resellers().update(suspended);
        assertEquals(ResellerStatus.SUSPENDED, store.resellers().get(A).status());
        assertThrows(NotFoundException.class, () -> store.resellers().update(reseller("nobody")));
        assertThrows(NotFoundException.class, () -> store.resellers().get("nobody"));

        Page<Reseller> first = store.resellers().list(PageRequest.first(1));
        assertEquals(1, first.items().size());
        Page<Reseller> second = store.resellers().list(PageRequest.first(1).next(first));
        assertEquals(List.of(A, B), List.of(first.items().get(0).id(), second.items().get(0).id()));
    }

    @Test
    void apiKeysAreFoundByHashAndRevokedOnlyByTheirOwner() {
        ApiKeys.Issued issued = ApiKeys.issue(A, ApiKeyRole.RESELLER, clock);
        store.apiKeys().create(issued.key());

        ApiKey found = store.apiKeys().findByHash(ApiKeys.hash(issued.secret())).orElseThrow();
        assertEquals(A, found.resellerId());
        assertTrue(found.isActive());
        assertEquals(Optional.empty(), store.apiKeys().findByHash(ApiKeys.hash(issued.secret() + "x")));
        assertEquals(Optional.empty(), store.apiKeys().findByHash("not-a-hash"));

        assertThrows(NotFoundException.class, () -> store.apiKeys().revoke(B, found.keyId()));
        assertTrue(store.apiKeys().findByHash(found.keyHash()).orElseThrow().isActive());

        store.apiKeys().revoke(A, found.keyId());
        assertFalse(store.apiKeys().findByHash(found.keyHash()).orElseThrow().isActive());
        assertEquals(List.of(found.keyId()), store.apiKeys().listForReseller(A).stream().map(ApiKey::keyId).toList());
        assertEquals(List.of(), store.apiKeys().listForReseller(B));
    }

    @Test
    void plansRoundTripWithEveryOptionalField() {
        Plan full = plan(A, "plan-week").validityUntilEndOfDay(7).validityStart(ValidityStart.AT_FIRST_USE)
                .timeLimit(Duration.ofHours(30).plusNanos(1)).dataLimit(DataSize.parse("5GiB")).sharedUsers(3).build();
        Plan minimal = plan(A, "plan-min").rateLimit((String) null).build();
        store.plans().create(full);
        store.plans().create(minimal);
        assertEquals(full, store.plans().get(A, "plan-week"));
        assertEquals(minimal, store.plans().get(A, "plan-min"));
        assertThrows(ConflictException.class, () -> store.plans().create(full));

        store.plans().update(full.deactivated());
        assertFalse(store.plans().get(A, "plan-week").active());
        assertThrows(NotFoundException.class, () -> store.plans().update(plan(A, "missing").build()));
    }

    @Test
    void plansArePagedAndConfinedToTheirReseller() {
        for (int i = 0; i < 5; i++) {
            store.plans().create(plan(A, "plan-" + i).build());
        }
        store.plans().create(plan(B, "plan-b").build());

        List<String> ids = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        Page<Plan> page;
        int pages = 0;
        do {
            page = store.plans().list(A, request);
            page.items().forEach(p -> ids.add(p.id()));
            request = request.next(page);
            pages++;
        } while (page.hasMore());
        assertEquals(List.of("plan-0", "plan-1", "plan-2", "plan-3", "plan-4"), ids);
        assertTrue(pages >= 3);

        // B cannot see A's plan, neither directly nor by replaying A's cursor.
        assertEquals(Optional.empty(), store.plans().find(B, "plan-0"));
        Page<Plan> firstOfA = store.plans().list(A, PageRequest.first(2));
        var e = assertThrows(ValidationException.class,
                () -> store.plans().list(B, PageRequest.first(2).next(firstOfA)));
        assertTrue(e.hasErrorFor("cursor"));
        assertThrows(ValidationException.class,
                () -> store.plans().list(A, new PageRequest(2, Optional.of("garbage!"))));
    }

    @Test
    void onlyActiveRoutersAreListedForPolling() {
        store.routers().create(router(A, "router-1"));
        store.routers().create(router(A, "router-2"));
        Router other = Router.builder().id("router-9").resellerId(B).name("Lagos").host("gw.example.ng")
                .useTls(false).allowPlainApi(true).hotspotServer("hs1").site("Yaba").zone(ZoneId.of("Africa/Lagos"))
                .createdAt(START).build();
        store.routers().create(other);
        assertEquals(other, store.routers().get(B, "router-9"));
        assertEquals(Optional.empty(), store.routers().find(A, "router-9"));

        Router second = store.routers().get(A, "router-2");
        store.routers().replace(second, second.toBuilder().status(RouterStatus.DISABLED).build());

        List<String> polled = new ArrayList<>();
        PageRequest request = PageRequest.first(1);
        Page<Router> page;
        do {
            page = store.routers().listActiveForPolling(request);
            page.items().forEach(r -> polled.add(r.resellerId() + "/" + r.id()));
            request = request.next(page);
        } while (page.hasMore());
        assertEquals(List.of("reseller-a/router-1", "reseller-b/router-9"), polled.stream().sorted().toList());

        assertEquals(List.of("router-1", "router-2"),
                store.routers().list(A, PageRequest.firstPage()).items().stream().map(Router::id).toList());
    }

    @Test
    void newerHealthWinsAndHealthNeverTouchesRouterConfiguration() {
        Router router = router(A, "router-1");
        store.routers().create(router);
        RouterHealth ok = RouterHealth.reachable(A, "router-1", START, "7.16.1", 12);
        RouterHealth down = RouterHealth.unreachable(A, "router-1", START.plusSeconds(120), "timeout", Optional.of(ok));

        assertTrue(store.routers().recordHealth(down));
        // An older poll finishing late must not overwrite the newer result.
        assertFalse(store.routers().recordHealth(ok));
        assertEquals(down, store.routers().findHealth(A, "router-1").orElseThrow());
        assertEquals(router, store.routers().get(A, "router-1"));

        store.routers().recordHealth(RouterHealth.reachable(A, "router-2", START, "7.15", 3));
        store.routers().recordHealth(RouterHealth.reachable(B, "router-9", START, "7.15", 3));
        assertEquals(List.of("router-1", "router-2"),
                store.routers().listHealth(A).stream().map(RouterHealth::routerId).collect(Collectors.toList()));
    }
}
