package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {

    private Router.Builder router() {
        return Router.builder().id("router-1").resellerId(Fixtures.RESELLER).name("Kibera AP").host("10.8.0.2")
                .createdAt(Fixtures.NOW);
    }

    @Test
    void defaultsToApiSslOn8729() {
        Router r = router().build();
        assertTrue(r.useTls());
        assertEquals(8729, r.apiPort());
        assertTrue(r.isActive());
    }

    @Test
    void plainApiNeedsExplicitPermissionAndDefaultsTo8728() {
        var e = assertThrows(ValidationException.class, () -> router().useTls(false).build());
        assertTrue(e.hasErrorFor("useTls"));
        Router plain = router().useTls(false).allowPlainApi(true).build();
        assertEquals(8728, plain.apiPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.8.0.2", "router1.example.net", "hap-ac2", "fd00::2", "2001:db8::1"})
    void acceptsHostnamesAndAddresses(String host) {
        assertEquals(host, router().host(host).build().host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "10.0.0", "-bad.example", "has space", "a_b.example", "http://x"})
    void rejectsBadHosts(String host) {
        assertTrue(assertThrows(ValidationException.class, () -> router().host(host).build()).hasErrorFor("host"));
    }

    @Test
    void reportsAllErrorsAtOnce() {
        var e = assertThrows(ValidationException.class, () -> Router.builder().id("r#1").resellerId("")
                .name("").host("").apiPort(70000).hotspotServer("bad\"name").site(" ").createdAt(null).build());
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("id", "resellerId", "name", "host", "apiPort", "hotspotServer", "site", "createdAt"), fields);
    }

    @Test
    void zoneFallsBackToTheResellers() {
        Reseller reseller = new Reseller(Fixtures.RESELLER, "A", ZoneId.of("Africa/Nairobi"),
                Currency.getInstance("KES"), ResellerStatus.ACTIVE, 10, Fixtures.NOW);
        assertEquals(ZoneId.of("Africa/Nairobi"), router().build().effectiveZone(reseller));
        assertEquals(ZoneId.of("Africa/Kampala"), router().zone(ZoneId.of("Africa/Kampala")).build().effectiveZone(reseller));
        Router copy = router().hotspotServer("hotspot1").site("Block C roof").build();
        assertEquals(copy, copy.toBuilder().build());
    }

    @Test
    void healthKeepsLastSeenAcrossFailures() {
        RouterHealth ok = RouterHealth.reachable(Fixtures.RESELLER, "router-1", Fixtures.NOW, "7.16", 12);
        RouterHealth down = RouterHealth.unreachable(Fixtures.RESELLER, "router-1", Fixtures.NOW.plusSeconds(60),
                "connect timed out", Optional.of(ok));
        RouterHealth stillDown = RouterHealth.unreachable(Fixtures.RESELLER, "router-1", Fixtures.NOW.plusSeconds(120),
                "connect timed out", Optional.of(down));
        assertEquals(Optional.of(Fixtures.NOW), stillDown.lastSeenAt());
        assertEquals(2, stillDown.consecutiveFailures());
        assertFalse(stillDown.reachable());
        assertEquals(Optional.of("7.16"), stillDown.routerOsVersion());
        assertEquals(OptionalInt.empty(), stillDown.activeSessions());
        RouterHealth neverSeen = RouterHealth.unreachable(Fixtures.RESELLER, "router-1", Fixtures.NOW, null, Optional.empty());
        assertEquals(Optional.empty(), neverSeen.lastSeenAt());
        assertEquals(1, neverSeen.consecutiveFailures());
    }
}
