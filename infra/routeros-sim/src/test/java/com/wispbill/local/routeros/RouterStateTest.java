package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Java test API: state set-up, the simulated clock and usage limits. No sockets involved. */
class RouterStateTest {
    private final RouterState state = new RouterState("hs-1", "hAP", () -> RouterOsVersion.V7_19);

    @Test
    void javaApiValidatesLikeTheRouter() {
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> {
            state.addHotspotUser(Map.of("name", "v-1"));
            state.addHotspotUser(Map.of("name", "v-1"));
        });
        assertEquals("failure: already have user with this name for this server", duplicate.getMessage());
        assertEquals("input does not match any value of profile", assertThrows(IllegalArgumentException.class,
            () -> state.addHotspotUser(Map.of("name", "v-2", "profile", "missing"))).getMessage());
        assertThrows(NoSuchElementException.class, () -> state.removeHotspotUser("ghost"));
    }

    @Test
    void sessionsGrowOnlyWhenTheClockIsAdvanced() {
        state.addHotspotUser(Map.of("name", "v-1"));
        HotspotSession session = state.loginHotspotUser("v-1", "10.5.50.2", "02:00:00:00:00:02");
        assertEquals(Duration.ZERO, session.uptime());
        assertEquals(Optional.empty(), session.sessionTimeLeft());
        state.advance(Duration.ofSeconds(30), 100, 1_000);
        state.advance(Duration.ofSeconds(30), 100, 1_000);
        HotspotSession now = state.hotspotActive().getFirst();
        assertEquals(Duration.ofMinutes(1), now.uptime());
        assertEquals(6_000, now.bytesIn());
        assertEquals(60_000, now.bytesOut());
        assertEquals(Duration.ofMinutes(1), state.uptime());
        assertEquals(0, state.hotspotUser("v-1").orElseThrow().bytesOut(), "totals move at logout, as in RouterOS");
    }

    @Test
    void limitUptimeEndsTheSessionExactlyAtTheLimitAcrossSessions() {
        state.addHotspotUser(Map.of("name", "v-1", "limit-uptime", "1h"));
        state.loginHotspotUser("v-1", "10.5.50.2", "02:00:00:00:00:02");
        state.advance(Duration.ofMinutes(40), 10, 10);
        state.logoutHotspotUser("v-1");

        HotspotSession second = state.loginHotspotUser("v-1", "10.5.50.3", "02:00:00:00:00:03");
        assertEquals(Optional.of(Duration.ofMinutes(20)), second.sessionTimeLeft());
        state.advance(Duration.ofHours(2), 10, 10);
        assertEquals(List.of(), state.hotspotActive(), "the limit logged the user out");
        HotspotUser user = state.hotspotUser("v-1").orElseThrow();
        assertEquals(Duration.ofHours(1), user.uptime());
        assertEquals(36_000, user.bytesIn(), "traffic stops when the session ends: 3600 s at 10 B/s");
        IllegalStateException again = assertThrows(IllegalStateException.class,
            () -> state.loginHotspotUser("v-1", "10.5.50.3", "02:00:00:00:00:03"));
        assertEquals("hotspot user v-1 has reached its limit", again.getMessage());
    }

    @Test
    void limitBytesTotalEndsTheSessionWhenInPlusOutReachesIt() {
        state.addHotspotUser(Map.of("name", "v-1", "limit-bytes-total", "1M"));
        state.loginHotspotUser("v-1", "10.5.50.2", "02:00:00:00:00:02");
        state.advance(Duration.ofMinutes(10), 1_024, 3_072); // 4 KiB/s: 1 MiB after 256 s
        assertEquals(List.of(), state.hotspotActive());
        HotspotUser user = state.hotspotUser("v-1").orElseThrow();
        assertEquals(Duration.ofSeconds(256), user.uptime());
        assertEquals(1024 * 1024, user.bytesIn() + user.bytesOut());
    }

    @Test
    void trafficWithoutTimeAlsoCountsTowardsTheByteLimit() {
        state.addHotspotUser(Map.of("name", "v-1", "limit-bytes-total", "1000"));
        state.loginHotspotUser("v-1", "10.5.50.2", "02:00:00:00:00:02");
        HotspotSession session = state.addHotspotTraffic("v-1", 400, 500);
        assertEquals(900, session.bytesIn() + session.bytesOut());
        assertEquals(1, state.hotspotActive().size());
        state.addHotspotTraffic("v-1", 0, 100);
        assertEquals(List.of(), state.hotspotActive());
    }

    @Test
    void sharedUsersAndDisabledUsersAreEnforcedAtLogin() {
        state.addHotspotUserProfile(Map.of("name", "family", "shared-users", "2"));
        state.addHotspotUser(Map.of("name", "fam", "profile", "family"));
        state.addHotspotUser(Map.of("name", "solo"));
        state.addHotspotUser(Map.of("name", "off", "disabled", "yes"));
        state.loginHotspotUser("fam", "10.5.50.2", "02:00:00:00:00:02");
        state.loginHotspotUser("fam", "10.5.50.3", "02:00:00:00:00:03");
        assertThrows(IllegalStateException.class, () -> state.loginHotspotUser("fam", "10.5.50.4", "02:00:00:00:00:04"));
        state.loginHotspotUser("solo", "10.5.50.5", "02:00:00:00:00:05");
        assertThrows(IllegalStateException.class, () -> state.loginHotspotUser("solo", "10.5.50.6", "02:00:00:00:00:06"));
        assertThrows(IllegalStateException.class, () -> state.loginHotspotUser("off", "10.5.50.7", "02:00:00:00:00:07"));
        assertThrows(NoSuchElementException.class, () -> state.loginHotspotUser("nobody", "10.5.50.8", "02:00:00:00:00:08"));
        assertEquals(3, state.hotspotActive().size());
    }

    @Test
    void pppConnectionsCountTimeAndTraffic() {
        state.addPppProfile(Map.of("name", "10M", "rate-limit", "10M/10M"));
        state.addPppSecret(Map.of("name", "c-1", "password", "pw", "profile", "10M"));
        PppSession session = state.connectPpp("c-1", "10.9.0.1", "02:00:00:00:01:01");
        assertEquals("pppoe", session.service(), "a secret for any service connects as PPPoE");
        state.advance(Duration.ofSeconds(10), 5, 50);
        state.addPppTraffic("c-1", 1, 2);
        PppSession now = state.pppActive().getFirst();
        assertEquals(Duration.ofSeconds(10), now.uptime());
        assertEquals(51, now.bytesIn());
        assertEquals(502, now.bytesOut());
        state.setPppSecret("c-1", Map.of("disabled", "yes"));
        state.disconnectPpp("c-1");
        assertThrows(IllegalStateException.class, () -> state.connectPpp("c-1", "10.9.0.1", "02:00:00:00:01:01"));
    }

    @Test
    void rebootEndsSessionsAndRestartsUptimeButKeepsConfiguration() {
        state.addHotspotUser(Map.of("name", "v-1"));
        state.loginHotspotUser("v-1", "10.5.50.2", "02:00:00:00:00:02");
        state.advance(Duration.ofMinutes(5), 0, 100);
        state.reboot();
        assertEquals(Duration.ZERO, state.uptime());
        assertEquals(List.of(), state.hotspotActive());
        assertEquals(30_000, state.hotspotUser("v-1").orElseThrow().bytesOut());
    }

    @Test
    void resetReturnsToAFreshRouter() {
        state.addHotspotUserProfile(Map.of("name", "1h"));
        state.addHotspotUser(Map.of("name", "v-1", "profile", "1h"));
        state.addPppSecret(Map.of("name", "c-1"));
        state.setIdentity("renamed");
        state.reset();
        assertEquals(List.of(), state.hotspotUsers());
        assertEquals(List.of(), state.pppSecrets());
        assertEquals(List.of("default"), state.hotspotUserProfiles().stream().map(HotspotUserProfile::name).toList());
        assertEquals("hs-1", state.identity());
        assertEquals("*1", state.addHotspotUser(Map.of("name", "v-2")).id(), "ids start again");
    }

    @Test
    void clockCannotGoBackAndTrafficCannotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> state.advance(Duration.ofSeconds(-1), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> state.advance(Duration.ofSeconds(1), -1, 0));
    }
}
