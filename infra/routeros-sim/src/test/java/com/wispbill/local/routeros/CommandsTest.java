package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The menus' commands over the wire, with RouterOS's replies and error messages. */
class CommandsTest {
    private RouterOsSimulator router;
    private RawApiClient client;

    @BeforeEach
    void start() throws IOException {
        router = RouterOsSimulator.builder().identity("hs-test").boardName("RB951Ui-2HnD").version(RouterOsVersion.V6_49)
            .start();
        client = RawApiClient.loggedIn(router);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        router.close();
    }

    private static List<List<String>> trap(String message) {
        return List.of(List.of("!trap", "=message=" + message), List.of("!done"));
    }

    private static List<List<String>> argumentTrap(String message) {
        return List.of(List.of("!trap", "=category=1", "=message=" + message), List.of("!done"));
    }

    @Test
    void hotspotUserAddAnswersTheNewIdAndPrintShowsRouterOsFormattedValues() throws IOException {
        client.call("/ip/hotspot/user/profile/add", "=name=1h", "=rate-limit=2M/5M");
        assertEquals(List.of(List.of("!done", "=ret=*1")), client.call("/ip/hotspot/user/add", "=name=v-1001",
            "=password=4821", "=profile=1h", "=limit-uptime=01:00:00", "=limit-bytes-total=500M", "=comment=batch 7"));
        assertEquals(List.of(List.of("!done", "=ret=*2")), client.call("/ip/hotspot/user/add", "=name=v-1002"));

        List<Map<String, String>> rows = RawApiClient.rows(client.call("/ip/hotspot/user/print"));
        assertEquals(Map.ofEntries(
            Map.entry(".id", "*1"), Map.entry("server", "all"), Map.entry("name", "v-1001"),
            Map.entry("password", "4821"), Map.entry("profile", "1h"), Map.entry("limit-uptime", "1h"),
            Map.entry("limit-bytes-total", "524288000"), Map.entry("uptime", "0s"), Map.entry("bytes-in", "0"),
            Map.entry("bytes-out", "0"), Map.entry("dynamic", "false"), Map.entry("disabled", "false"),
            Map.entry("comment", "batch 7")), rows.getFirst());
        assertEquals("default", rows.get(1).get("profile"));
        assertFalse(rows.get(1).containsKey("limit-uptime"), "unset optional properties are left out");

        HotspotUser user = router.state().hotspotUser("v-1001").orElseThrow();
        assertEquals(Duration.ofHours(1), user.limitUptime().orElseThrow());
        assertEquals(OptionalLong.of(500L * 1024 * 1024), user.limitBytesTotal());
        assertEquals(2, router.stats().commandsApplied("/ip/hotspot/user/add"));
    }

    @Test
    void idsAreUpperCaseHexAndNeverReused() throws IOException {
        for (int i = 0; i < 26; i++) {
            client.call("/ip/hotspot/user/add", "=name=u" + i);
        }
        client.call("/ip/hotspot/user/remove", "=.id=*1A");
        assertEquals(List.of(List.of("!done", "=ret=*1B")), client.call("/ip/hotspot/user/add", "=name=again"));
    }

    @Test
    void duplicateHotspotUserIsRefusedWithRouterOsMessage() throws IOException {
        client.call("/ip/hotspot/user/add", "=name=v-1");
        assertEquals(trap("failure: already have user with this name for this server"),
            client.call("/ip/hotspot/user/add", "=name=v-1", "=password=x"));
        assertEquals(1, router.state().hotspotUsers().size());
        assertEquals(2, router.stats().commandsReceived("/ip/hotspot/user/add"));
        assertEquals(1, router.stats().commandsApplied("/ip/hotspot/user/add"));
    }

    @Test
    void argumentErrors() throws IOException {
        assertEquals(argumentTrap("input does not match any value of profile"),
            client.call("/ip/hotspot/user/add", "=name=v-1", "=profile=nope"));
        assertEquals(argumentTrap("invalid value for argument limit-uptime"),
            client.call("/ip/hotspot/user/add", "=name=v-1", "=limit-uptime=soon"));
        assertEquals(argumentTrap("missing value(s) of argument(s) name"),
            client.call("/ip/hotspot/user/add", "=password=x"));
        assertEquals(trap("unknown parameter"), client.call("/ip/hotspot/user/add", "=name=v-1", "=colour=blue"));
        assertEquals(trap("unknown parameter"), client.call("/ip/hotspot/user/add", "=name=v-1", "=bytes-in=5"),
            "read-only properties cannot be written");
        assertEquals(List.of(), router.state().hotspotUsers());
    }

    @Test
    void unknownCommandsAndMenus() throws IOException {
        assertEquals(trap("no such command prefix"), client.call("/ip/nothing/print"));
        assertEquals(trap("no such command"), client.call("/ip/hotspot/user/frobnicate"));
        assertEquals(trap("no such command"), client.call("/ip/hotspot/active/add", "=user=x"));
        assertEquals(trap("no such command"), client.call("/ip/hotspot/user/profile/enable", "=.id=*0"),
            "profiles have no disabled flag");
    }

    @Test
    void setRemoveEnableDisableByIdNameAndNumbers() throws IOException {
        client.call("/ip/hotspot/user/add", "=name=a");
        client.call("/ip/hotspot/user/add", "=name=b");
        client.call("/ip/hotspot/user/add", "=name=c");
        assertEquals(List.of(List.of("!done")), client.call("/ip/hotspot/user/set", "=.id=*1", "=password=new",
            "=limit-uptime=2h"));
        assertEquals(List.of(List.of("!done")), client.call("/ip/hotspot/user/disable", "=numbers=b,*3"));
        assertTrue(router.state().hotspotUser("b").orElseThrow().disabled());
        assertTrue(router.state().hotspotUser("c").orElseThrow().disabled());
        assertEquals(List.of(List.of("!done")), client.call("/ip/hotspot/user/enable", "=.id=c"));
        assertFalse(router.state().hotspotUser("c").orElseThrow().disabled());
        assertEquals("new", router.state().hotspotUser("a").orElseThrow().password());

        assertEquals(List.of(List.of("!done")), client.call("/ip/hotspot/user/unset", "=.id=*1",
            "=value-name=limit-uptime"));
        assertTrue(router.state().hotspotUser("a").orElseThrow().limitUptime().isEmpty());

        assertEquals(List.of(List.of("!done")), client.call("/ip/hotspot/user/remove", "=.id=*1,*2"));
        assertEquals(List.of("c"), router.state().hotspotUsers().stream().map(HotspotUser::name).toList());
    }

    @Test
    void aListWithOneUnknownIdChangesNothing() throws IOException {
        client.call("/ip/hotspot/user/add", "=name=a");
        assertEquals(trap("no such item"), client.call("/ip/hotspot/user/remove", "=.id=*1,*9"));
        assertEquals(trap("no such item"), client.call("/ip/hotspot/user/set", "=.id=ghost", "=comment=x"));
        assertEquals(argumentTrap("missing value(s) of argument(s) .id"),
            client.call("/ip/hotspot/user/set", "=comment=x"));
        assertEquals(1, router.state().hotspotUsers().size());
    }

    @Test
    void renamingOntoAnotherUsersNameIsADuplicate() throws IOException {
        client.call("/ip/hotspot/user/add", "=name=a");
        client.call("/ip/hotspot/user/add", "=name=b");
        assertEquals(trap("failure: already have user with this name for this server"),
            client.call("/ip/hotspot/user/set", "=.id=*2", "=name=a"));
        assertEquals(List.of(List.of("!done")), client.call("/ip/hotspot/user/set", "=.id=*2", "=name=b"),
            "keeping one's own name is fine");
    }

    @Test
    void renamingAProfileKeepsItsUsersAttached() throws IOException {
        client.call("/ip/hotspot/user/profile/add", "=name=1h");
        client.call("/ip/hotspot/user/add", "=name=a", "=profile=1h");
        client.call("/ip/hotspot/user/profile/set", "=.id=1h", "=name=60min");
        assertEquals("60min", router.state().hotspotUser("a").orElseThrow().profile());
    }

    @Test
    void builtInProfilesExistAndCannotBeRemoved() throws IOException {
        assertEquals(List.of(Map.of(".id", "*0", "name", "default", "shared-users", "1")),
            RawApiClient.rows(client.call("/ip/hotspot/user/profile/print", "=.proplist=.id,name,shared-users")));
        assertEquals(List.of(Map.of(".id", "*0", "name", "default"),
                Map.of(".id", "*FFFFFFFE", "name", "default-encryption")),
            RawApiClient.rows(client.call("/ppp/profile/print", "=.proplist=.id,name")));
        assertEquals("!trap", client.call("/ppp/profile/remove", "=.id=*0").getFirst().getFirst());
    }

    @Test
    void proplistLimitsPropertiesAndMayAskForAbsentOnes() throws IOException {
        client.call("/ip/hotspot/user/add", "=name=a", "=comment=x");
        client.call("/ip/hotspot/user/add", "=name=b");
        assertEquals(List.of(Map.of("name", "a", "comment", "x"), Map.of("name", "b")),
            RawApiClient.rows(client.call("/ip/hotspot/user/print", "=.proplist=name,comment")));
        assertEquals(List.of(Map.of(".id", "*1"), Map.of(".id", "*2")),
            RawApiClient.rows(client.call("/ip/hotspot/user/print", ".proplist=.id")),
            ".proplist also works as an API attribute word");
        assertEquals(List.of(List.of("!done", "=ret=2")), client.call("/ip/hotspot/user/getall", "=count-only="));
    }

    @Test
    void pppSecretsProfilesAndRefusals() throws IOException {
        client.call("/ppp/profile/add", "=name=10M", "=rate-limit=10M/10M");
        assertEquals(List.of(List.of("!done", "=ret=*1")), client.call("/ppp/secret/add", "=name=c-17",
            "=password=pw", "=service=pppoe", "=profile=10M", "=remote-address=10.9.0.17"));
        assertEquals(trap("failure: secret with the same name already exists"),
            client.call("/ppp/secret/add", "=name=c-17"));
        assertEquals(argumentTrap("input does not match any value of service"),
            client.call("/ppp/secret/add", "=name=c-18", "=service=carrier-pigeon"));
        client.call("/ppp/secret/disable", "=.id=c-17");
        PppSecret secret = router.state().pppSecret("c-17").orElseThrow();
        assertEquals(new PppSecret("*1", "c-17", "pw", "pppoe", "10M", java.util.Optional.of("10.9.0.17"),
            java.util.Optional.empty(), true, java.util.Optional.empty()), secret);
        assertEquals(Map.of("name", "c-17", "disabled", "true"),
            RawApiClient.rows(client.call("/ppp/secret/print", "=.proplist=name,disabled")).getFirst());
    }

    @Test
    void systemResourceAndIdentity() throws IOException {
        Map<String, String> resource = RawApiClient.rows(client.call("/system/resource/print")).getFirst();
        assertEquals("6.49.10 (long-term)", resource.get("version"));
        assertEquals("RB951Ui-2HnD", resource.get("board-name"));
        assertEquals("0s", resource.get("uptime"));
        assertEquals("3", resource.get("cpu-load"));
        assertTrue(Long.parseLong(resource.get("free-memory")) < Long.parseLong(resource.get("total-memory")));
        assertFalse(resource.containsKey(".id"));

        assertEquals(List.of(Map.of("name", "hs-test")), RawApiClient.rows(client.call("/system/identity/print")));
        client.call("/system/identity/set", "=name=hs-renamed");
        assertEquals("hs-renamed", router.state().identity());
        router.state().setCpuLoad(87);
        router.advance(Duration.ofDays(9).plusHours(1).plusSeconds(5), 0, 0);
        resource = RawApiClient.rows(client.call("/system/resource/print", "=.proplist=uptime,cpu-load")).getFirst();
        assertEquals(Map.of("uptime", "1w2d1h5s", "cpu-load", "87"), resource);
    }

    @Test
    void hotspotActiveShowsSessionsAndRemoveKicks() throws IOException {
        router.state().addHotspotUser(Map.of("name", "v-1", "limit-uptime", "1h"));
        router.login("v-1", "10.5.50.10", "AA:BB:CC:00:11:22");
        router.advance(Duration.ofMinutes(10), 1_000, 10_000);

        Map<String, String> active = RawApiClient.rows(client.call("/ip/hotspot/active/print")).getFirst();
        assertEquals("*1", active.get(".id"));
        assertEquals("v-1", active.get("user"));
        assertEquals("10.5.50.10", active.get("address"));
        assertEquals("AA:BB:CC:00:11:22", active.get("mac-address"));
        assertEquals("10m", active.get("uptime"));
        assertEquals("50m", active.get("session-time-left"));
        assertEquals("600000", active.get("bytes-in"));
        assertEquals("6000000", active.get("bytes-out"));

        assertEquals(List.of(List.of("!done")), client.call("/ip/hotspot/active/remove", "=.id=*1"));
        assertEquals(List.of(), router.state().hotspotActive());
        HotspotUser user = router.state().hotspotUser("v-1").orElseThrow();
        assertEquals(Duration.ofMinutes(10), user.uptime(), "the user's totals grow when the session ends");
        assertEquals(600_000, user.bytesIn());
        assertEquals(6_000_000, user.bytesOut());
        assertEquals(trap("no such item"), client.call("/ip/hotspot/active/remove", "=.id=*1"));
        assertEquals(List.of(List.of("!done")), client.call("/ip/hotspot/user/reset-counters", "=.id=v-1"));
        assertEquals(0, router.state().hotspotUser("v-1").orElseThrow().bytesOut());
    }

    @Test
    void pppActiveAndItsDynamicInterface() throws IOException {
        router.state().addPppSecret(Map.of("name", "c-17", "password", "pw", "service", "pppoe"));
        router.state().connectPpp("c-17", "10.9.0.17", "AA:BB:CC:00:00:17");
        router.advance(Duration.ofSeconds(90), 2_000, 50_000);
        Map<String, String> active = RawApiClient.rows(client.call("/ppp/active/print")).getFirst();
        assertEquals(Map.of(".id", "*1", "name", "c-17", "service", "pppoe", "caller-id", "AA:BB:CC:00:00:17",
            "address", "10.9.0.17", "uptime", "1m30s", "session-id", "0x81000001", "radius", "false"), active);
        Map<String, String> pppoe = RawApiClient.rows(client.call("/interface/print", "?type=pppoe-in",
            "=.proplist=name,rx-byte,tx-byte")).getFirst();
        assertEquals(Map.of("name", "<pppoe-c-17>", "rx-byte", "180000", "tx-byte", "4500000"), pppoe);
        client.call("/ppp/active/remove", "=.id=*1");
        assertEquals(List.of(), router.state().pppActive());
        assertEquals(1, RawApiClient.rows(client.call("/interface/print")).size(), "the dynamic interface is gone");
    }
}
