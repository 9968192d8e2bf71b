package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.domain.ApiKeyRole;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a router may be: a router's own host is never our infrastructure (loopback, link-local and the
 * metadata address, multicast, unspecified, the VPC and the tunnel network, AWS names, names resolving
 * there), and routers reached through the hub get a tunnel address billing allocates, unique across
 * resellers also when they are registered at the same moment.
 */
class RouterAddressTest {
    private static TestStack stack;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
    }

    private static ApiClient.Reply register(String key, String body) {
        return api.call("POST", "/v1/routers", key, body);
    }

    private static JsonNode hubRouter(String key, String name) {
        return register(key, "{\"name\": \"" + name + "\"}").expect(201).json();
    }

    @Test
    void ourOwnAddressesAndAnotherTenantsTunnelAddressAreRefusedWithAFieldErrorAndNothingIsWritten() {
        String victim = stack.onboard("Victim Hotspots", ApiKeyRole.RESELLER).key();
        String victimsAddress = hubRouter(victim, "Victim AP").path("tunnelAddress").asText();
        String attacker = stack.onboard("Mallory Hotspots", ApiKeyRole.RESELLER).key();

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("169.254.169.254", "instance metadata");
        refused.put("127.0.0.1", "loopback");
        refused.put("::1", "loopback");
        refused.put("::ffff:169.254.169.254", "instance metadata");
        refused.put("fd00:ec2::254", "AWS instance service");
        refused.put("fe80::1", "link-local");
        refused.put("169.254.10.1", "link-local");
        refused.put("224.0.0.1", "multicast");
        refused.put("ff02::1", "multicast");
        refused.put("0.0.0.0", "unspecified");
        refused.put("::", "unspecified");
        refused.put("255.255.255.255", "broadcast");
        refused.put("10.40.3.4", "the VPC's range 10.40.0.0/16");
        refused.put("10.41.0.1", "the router tunnel network");
        refused.put("10.41.250.9", "the router tunnel network");
        refused.put(victimsAddress, "the router tunnel network");
        refused.put("dynamodb.eu-west-1.amazonaws.com", "AWS endpoint");
        refused.put("secretsmanager.eu-west-1.api.aws", "AWS endpoint");
        refused.put("ip-10-40-1-5.ec2.internal", "AWS endpoint");
        refused.put("LOCALHOST", "resolves to 127.0.0.1 (a loopback address)");
        refused.put("router.invalid", "does not resolve");

        TestStack.Snapshot before = stack.snapshot();
        for (Map.Entry<String, String> host : refused.entrySet()) {
            ApiClient.Reply reply = register(attacker, "{\"name\": \"AP\", \"host\": \"" + host.getKey() + "\"}").expect(400);
            assertEquals(List.of("host"), reply.errorFields(), host.getKey());
            assertTrue(reply.body().contains(host.getValue()), host.getKey() + ": " + reply.body());
        }
        ApiClient.Reply all = register(attacker, "{\"name\": \"\", \"host\": \"169.254.169.254\", \"apiPort\": 0}").expect(400);
        assertEquals(Set.of("name", "host", "apiPort"), Set.copyOf(all.errorFields()), "every bad field at once");
        assertEquals(before, stack.snapshot(), "nothing written, no tunnel address used up");

        JsonNode direct = register(attacker, "{\"name\": \"Direct\", \"host\": \"198.51.100.7\"}").expect(201).json();
        assertEquals("198.51.100.7", direct.path("host").asText(), "a router may be reached at a public address");
        assertTrue(direct.path("tunnelAddress").isNull());
    }

    @Test
    void routersOfTwoResellersGetDistinctTunnelAddressesAlsoWhenRegisteredAtOnce() throws Exception {
        List<String> keys = List.of(stack.onboard("Alpha Net", ApiKeyRole.RESELLER).key(),
                stack.onboard("Bravo Net", ApiKeyRole.RESELLER).key());
        int perReseller = 12;
        List<Callable<JsonNode>> registrations = new ArrayList<>();
        for (String key : keys) {
            for (int i = 0; i < perReseller; i++) {
                String name = "AP " + i;
                registrations.add(() -> hubRouter(key, name));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<JsonNode> routers = new ArrayList<>();
        try {
            for (Future<JsonNode> f : pool.invokeAll(registrations)) {
                routers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> addresses = new HashSet<>();
        for (JsonNode router : routers) {
            String address = router.path("tunnelAddress").asText();
            assertTrue(address.matches("10\\.41\\.\\d+\\.\\d+") && !address.equals("10.41.0.1") && !address.equals("10.41.0.0"),
                    address);
            assertEquals(address, router.path("host").asText());
            addresses.add(address);
        }
        assertEquals(keys.size() * perReseller, addresses.size(), "no two routers share a tunnel address: " + addresses);
        for (int k = 0; k < keys.size(); k++) {
            JsonNode listed = api.call("GET", "/v1/routers", keys.get(k), null, Map.of("limit", "100")).expect(200).json();
            assertEquals(perReseller, listed.path("items").size());
        }
    }
}
