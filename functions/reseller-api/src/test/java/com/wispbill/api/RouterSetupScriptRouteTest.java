package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.api.service.RouterSetupService;
import com.wispbill.domain.routersetup.WireGuardKeyPair;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/routers/{routerId}/setup-script}: the RouterOS script for one of the caller's routers,
 * from the router record (its allocated tunnel address), the configured tunnel network and the hub parameters
 * of the query; a new key pair and password every time, stored nowhere; bad parameters are field errors named
 * as in the query; other resellers' routers are missing; a router reached at its own host has none.
 */
class RouterSetupScriptRouteTest {
    private static final String HUB_KEY = WireGuardKeyPair.generate().publicKey();
    private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]+)\"");
    private static final Pattern PRIVATE_KEY = Pattern.compile("private-key=\"([^\"]+)\"");

    private static TestStack stack;
    private static ApiClient api;
    private static Seed seed;

    @BeforeAll
    static void seedARouter() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        seed = Seed.create(stack, api, "Tango Routers", "+254700700001", 1);
    }

    private static String tunnelAddress(String routerId, String key) {
        return api.call("GET", "/v1/routers/" + routerId, key, null).expect(200).json().path("tunnelAddress").asText();
    }

    private static ApiClient.Reply script(String routerId, String key, Map<String, String> query) {
        return api.call("GET", "/v1/routers/" + routerId + "/setup-script", key, null, query);
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> q = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], pairs[i + 1]);
        }
        return q;
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern.pattern());
        return m.group(1);
    }

    @Test
    void withAPayPageTheScriptIsolatesLapsedUsersAndASimulatedRouterAcceptsIt() throws Exception {
        ApiClient.Reply reply = script(seed.routerId(), seed.key(), query("hubEndpoint", "203.0.113.10",
                "hubPublicKey", HUB_KEY, "payPageUrl", "https://pay.example.com/portal/tango")).expect(200);
        String s = reply.body();
        assertTrue(s.contains("/ip firewall nat add chain=dstnat src-address-list=wispbill-expired protocol=tcp dst-port=80"
                + " action=redirect"), s);
        assertTrue(s.contains("/ip hotspot walled-garden add dst-host=pay.example.com action=allow"), s);
        assertTrue(s.contains("redirect-to=\"https://pay.example.com/portal/tango\""), s);
        assertTrue(s.indexOf("# 5. Lapsed users") < s.indexOf(":log info \"WISPbill setup: done\""));

        try (var router = com.wispbill.local.routeros.RouterOsSimulator.builder().identity("tango").start()) {
            List<String> skipped = router.state().runScript(s);
            // Only what the simulator does not model: tunnel, address, API user, certificates, services.
            for (String line : skipped) {
                assertTrue(List.of("/interface wireguard ", "/ip address ", "/user ", "/certificate ", "/ip service ")
                        .stream().anyMatch(line::startsWith), line);
            }
            assertEquals("wispbill-expired", router.state().hotspotUserProfiles().stream()
                    .filter(p -> p.name().equals("wispbill-expired")).findFirst().orElseThrow().name());
            assertTrue(router.state().print("/ip/hotspot/walled-garden").stream()
                    .anyMatch(w -> "checkout.stripe.com".equals(w.get("dst-host"))));
            assertEquals("true", router.state().print("/ip/proxy").getFirst().get("enabled"));
            router.state().runScript(s);   // run again: the same state, no duplicates
            assertEquals(1, router.state().print("/ip/firewall/nat").size());
            assertEquals(1, router.state().print("/ip/proxy/access").stream()
                    .filter(a -> "redirect".equals(a.get("action"))).count());
        }

        ApiClient.Reply bad = script(seed.routerId(), seed.key(), query("hubEndpoint", "203.0.113.10",
                "hubPublicKey", HUB_KEY, "payPageUrl", "javascript:alert(1)")).expect(400);
        assertEquals(List.of("payPageUrl"), bad.errorFields(), bad.body());
    }

    @Test
    void theScriptConnectsTheRouterToTheHubAndHoldsFreshSecretsThatAreStoredNowhere() {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = script(seed.routerId(), seed.key(),
                query("hubEndpoint", "203.0.113.10:51821", "hubPublicKey", HUB_KEY)).expect(200);
        assertEquals("text/plain; charset=utf-8", reply.contentType());
        assertEquals("no-store", reply.headers().get("cache-control"));
        String s = reply.body();
        String address = tunnelAddress(seed.routerId(), seed.key());
        assertTrue(address.startsWith("10.41."), address);
        assertTrue(s.contains("(" + seed.routerId() + ")"));
        assertTrue(s.contains("public-key=\"" + HUB_KEY + "\" endpoint-address=203.0.113.10 endpoint-port=51821"
                + " allowed-address=10.41.0.1/32"), s);
        assertTrue(s.contains("/ip address add address=" + address + "/16 interface=wg-wispbill"), "the allocated address");
        assertTrue(s.contains("/user add name=\"wispbill\" group=wispbill-api"));
        assertTrue(s.contains("/ip service set api disabled=yes"), "the router record does not allow the plain API");
        String password = group(PASSWORD, s);
        assertEquals(32, password.length());
        String privateKey = group(PRIVATE_KEY, s);
        assertTrue(WireGuardKeyPair.isKey(privateKey));
        String[] peer = reply.headers().get("x-hub-peer").split(",");
        assertTrue(WireGuardKeyPair.isKey(peer[0]));
        assertNotEquals(privateKey, peer[0]);
        assertEquals(address + "/32", peer[1]);
        assertTrue(s.contains(peer[0]), "the script prints the router's public key");
        assertEquals("wispbill", reply.headers().get("x-router-api-username"));

        assertEquals(before, stack.snapshot(), "neither the password nor the private key is stored");
        String again = script(seed.routerId(), seed.key(), query("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_KEY))
                .expect(200).body();
        assertNotEquals(password, group(PASSWORD, again));
        assertNotEquals(privateKey, group(PRIVATE_KEY, again));
        assertTrue(again.contains("endpoint-port=51820"), "the default WireGuard port");
    }

    @Test
    void badParametersAreFieldErrorsNamedAsInTheQueryAllAtOnceAndWriteNothing() {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply none = script(seed.routerId(), seed.key(), Map.of()).expect(400);
        assertEquals(HttpResponse.PROBLEM_JSON, none.contentType());
        assertEquals(List.of("hubEndpoint", "hubPublicKey"), none.errorFields());
        ApiClient.Reply all = script(seed.routerId(), seed.key(), query("hubEndpoint", "203.0.113.10:99999",
                "hubPublicKey", "not-a-key", "routerTunnelAddress", "10.8.0.9", "hubTunnelAddress", "10.41.0",
                "tunnelPrefix", "40", "apiUser", "bad user")).expect(400);
        assertEquals(Set.of("hubEndpoint", "hubPublicKey", "routerTunnelAddress", "hubTunnelAddress", "tunnelPrefix",
                "apiUser"), Set.copyOf(all.errorFields()));
        assertEquals(6, all.errorFields().size(), "one message per field: " + all.body());
        assertEquals(List.of("tunnelPrefix"), script(seed.routerId(), seed.key(), query("hubEndpoint", "hub.example.net",
                "hubPublicKey", HUB_KEY, "tunnelPrefix", "sixteen")).expect(400).errorFields());
        assertEquals(before, stack.snapshot());
    }

    @Test
    void aKeyWhosePlusSignsArrivedAsSpacesIsRead() {
        String key = "A+".repeat(21) + "A=";
        String s = script(seed.routerId(), seed.key(), query("hubEndpoint", "203.0.113.10", "hubPublicKey",
                key.replace('+', ' '))).expect(200).body();
        assertTrue(s.contains("public-key=\"" + key + "\""));
    }

    @Test
    void theScriptUsesOnlyTheAllocatedAddressAndPlainApiRoutersGetItHubOnly() {
        JsonNode router = api.call("POST", "/v1/routers", seed.key(), """
                {"name": "Uniform café", "allowPlainApi": true}""").expect(201).json();
        String routerId = router.path("id").asText();
        String address = router.path("tunnelAddress").asText();
        assertEquals(address, router.path("host").asText(), "the driver reaches it at its tunnel address");
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply claimed = script(routerId, seed.key(), query("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_KEY,
                "routerTunnelAddress", "10.41.0.77", "hubTunnelAddress", "10.41.9.9", "tunnelPrefix", "24")).expect(400);
        assertEquals(Set.of("routerTunnelAddress", "hubTunnelAddress", "tunnelPrefix"), Set.copyOf(claimed.errorFields()));
        assertTrue(claimed.body().contains(address), "names the allocated address: " + claimed.body());
        assertEquals(before, stack.snapshot());

        String s = script(routerId, seed.key(), query("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_KEY,
                "routerTunnelAddress", address, "hubTunnelAddress", "10.41.0.1", "tunnelPrefix", "16", "apiUser", "billing"))
                .expect(200).body();
        assertTrue(s.contains("/ip address add address=" + address + "/16"), "the same values as billing's are accepted");
        assertTrue(s.contains("/ip service set api disabled=no port=8728 address=10.41.0.1/32"));
        assertTrue(s.contains("/user add name=\"billing\""));
        assertTrue(s.contains("router Uniform caf_ (" + routerId + ")"), "names are kept to what RouterOS accepts");
    }

    @Test
    void aRouterReachedAtItsOwnHostHasNoScript() {
        String routerId = api.call("POST", "/v1/routers", seed.key(), """
                {"name": "Direct", "host": "198.51.100.7"}""").expect(201).json().path("id").asText();
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = script(routerId, seed.key(), query("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_KEY,
                "routerTunnelAddress", "198.51.100.7")).expect(409);
        assertTrue(reply.json().path("detail").asText().contains("not through the hub"), reply.body());
        assertEquals(before, stack.snapshot());
    }

    @Test
    void anotherResellersRouterIsNotFoundLikeAMissingOneAndNothingIsWritten() {
        Seed other = Seed.create(stack, api, "Victor Other", "+254700700002", 1);
        TestStack.Snapshot before = stack.snapshot();
        Map<String, String> valid = query("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_KEY);
        JsonNode foreign = script(seed.routerId(), other.key(), valid).expect(404).json();
        JsonNode absent = script("01KZZZZZZZZZZZZZZZZZZZZZZZ", other.key(), valid).expect(404).json();
        assertEquals(absent.path("title"), foreign.path("title"));
        assertEquals(absent.path("detail").asText().replace("01KZZZZZZZZZZZZZZZZZZZZZZZ", "<id>"),
                foreign.path("detail").asText().replace(seed.routerId(), "<id>"));
        assertFalse(foreign.toString().contains("password"));
        assertEquals(before, stack.snapshot());
    }

    @Test
    void theGeneratedScriptNeverPrintsItselfWhereItCouldBeLogged() {
        String text = script(seed.routerId(), seed.key(), query("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_KEY))
                .expect(200).body();
        var setup = new RouterSetupService.SetupScript(text, "wispbill", "peer");
        assertFalse(setup.toString().contains(group(PASSWORD, text)));
        assertFalse(setup.toString().contains(group(PRIVATE_KEY, text)));
    }

    @Test
    void theSampleEventGetsAScript() {
        ApiClient.Reply reply = api.send("reseller-api-router-setup-script.json", seed.key(),
                Map.of("ROUTER_ID", seed.routerId())).expect(200);
        assertTrue(reply.body().startsWith("# WISPbill setup for router "));
    }

    @Test
    void theScriptWritesTheLoginPagesConfigNamingThePortalAndTheApiAndASimulatedRouterServesIt() throws Exception {
        ApiClient deployed = new ApiClient(new ResellerApiHandler(stack.api(
                TestStack.roomySettings().withPublicApiBaseUrl(java.net.URI.create("https://api.tango.example/")),
                Clock.systemUTC())));
        Seed seed = Seed.create(stack, api, "Tango Page", "+254700700003", 1);
        // The router's only portal, named by the script without being asked for.
        String s = deployed.call("GET", "/v1/routers/" + seed.routerId() + "/setup-script", seed.key(), null,
                query("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_KEY)).expect(200).body();
        assertTrue(s.contains("# 6. The hotspot login page sells portal " + seed.portalId() + " through https://api.tango.example"), s);
        assertTrue(s.contains("/file add name=\"hotspot/config.js\" contents=\"var WISPBILL_API = \\\"https://api.tango.example\\\";"
                + " var PORTAL_ID = \\\"" + seed.portalId() + "\\\";"), s);
        assertTrue(s.contains("/ip hotspot walled-garden add dst-host=api.tango.example action=allow"), s);

        try (var router = com.wispbill.local.routeros.RouterOsSimulator.builder().identity("tango-page").start()) {
            for (String line : router.state().runScript(s)) {
                assertTrue(List.of("/interface wireguard ", "/ip address ", "/user ", "/certificate ", "/ip service ")
                        .stream().anyMatch(line::startsWith), line);
            }
            router.state().runScript(s);   // again: one config, one walled-garden entry
            String config = router.state().file("hotspot/config.js").orElseThrow();
            assertTrue(config.startsWith("var WISPBILL_API = \"https://api.tango.example\"; var PORTAL_ID = \""
                    + seed.portalId() + "\"; var WISPBILL_PAGE = {language: \"en\", wifiName: \"MainStreet-WiFi\"};"), config);
            assertEquals(1, router.state().print("/file").size());
            assertEquals(1, router.state().print("/ip/hotspot/walled-garden").stream()
                    .filter(w -> "api.tango.example".equals(w.get("dst-host"))).count());
        }

        // A portal of another router, or a second portal left unnamed: the caller is told which to name.
        String otherRouter = api.call("POST", "/v1/routers", seed.key(), "{\"name\": \"Back street\"}").expect(201).json()
                .path("id").asText();
        String otherPortal = api.call("POST", "/v1/portals", seed.key(), "{\"routerId\": \"" + otherRouter + "\"}")
                .expect(201).json().path("id").asText();
        Map<String, String> naming = query("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_KEY, "portalId", otherPortal);
        assertEquals(List.of("portalId"), deployed.call("GET", "/v1/routers/" + seed.routerId() + "/setup-script", seed.key(),
                null, naming).expect(400).errorFields());
        api.call("POST", "/v1/portals", seed.key(), "{\"routerId\": \"" + seed.routerId() + "\"}").expect(201);
        assertEquals(List.of("portalId"), deployed.call("GET", "/v1/routers/" + seed.routerId() + "/setup-script", seed.key(),
                null, query("hubEndpoint", "203.0.113.10", "hubPublicKey", HUB_KEY)).expect(400).errorFields());
        naming.put("portalId", seed.portalId());
        assertTrue(deployed.call("GET", "/v1/routers/" + seed.routerId() + "/setup-script", seed.key(), null, naming)
                .expect(200).body().contains("PORTAL_ID = \\\"" + seed.portalId()));
    }
}
