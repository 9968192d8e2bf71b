package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterOsSimulatorMainTest {

    @Test
    void parsesEveryOption() {
        RouterOsSimulatorMain.Options options = RouterOsSimulatorMain.parse(new String[] {
            "--routers", "3", "--base-port", "20000", "--tls-base-port", "21000", "--version", "6.40.9",
            "--user", "api", "--password", "s", "--identity-prefix", "hs", "--traffic", "100/2000"});
        assertEquals(new RouterOsSimulatorMain.Options(3, 20000, 21000, RouterOsVersion.V6_40, "api", "s",
            "hs", 100, 2000), options);
        assertEquals(RouterOsVersion.V7_19, RouterOsSimulatorMain.parse(new String[0]).version());
    }

    @Test
    void refusesBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> RouterOsSimulatorMain.parse(new String[] {"--routers"}));
        assertThrows(IllegalArgumentException.class, () -> RouterOsSimulatorMain.parse(new String[] {"--routers", "0"}));
        assertThrows(IllegalArgumentException.class, () -> RouterOsSimulatorMain.parse(new String[] {"--colour", "x"}));
        assertThrows(IllegalArgumentException.class, () -> RouterOsSimulatorMain.parse(new String[] {"--traffic", "5"}));
        assertThrows(IllegalArgumentException.class,
            () -> RouterOsSimulatorMain.parse(new String[] {"--routers", "10", "--base-port", "65530"}));
    }

    @Test
    void startsTheRoutersAndSaysWhereTheyListen() throws IOException {
        RouterOsSimulatorMain.Options options = RouterOsSimulatorMain.parse(new String[] {
            "--routers", "2", "--base-port", "0", "--tls-base-port", "0", "--user", "api", "--password", "s"});
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<RouterOsSimulator> routers =
            RouterOsSimulatorMain.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, routers.size());
            String output = printed.toString(StandardCharsets.UTF_8);
            for (int i = 0; i < 2; i++) {
                RouterOsSimulator router = routers.get(i);
                assertEquals("sim-router-" + (i + 1), router.state().identity());
                assertTrue(output.contains("api 127.0.0.1:" + router.port()), output);
                assertTrue(output.contains("api-ssl 127.0.0.1:" + router.tlsPort()), output);
                try (RawApiClient client = RawApiClient.loggedIn(router)) {
                    assertEquals("sim-router-" + (i + 1),
                        RawApiClient.rows(client.call("/system/identity/print")).getFirst().get("name"));
                }
            }
        } finally {
            routers.forEach(RouterOsSimulator::close);
        }
    }
}
