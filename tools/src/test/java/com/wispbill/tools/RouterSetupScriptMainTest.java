package com.wispbill.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.routersetup.WireGuardKeyPair;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RouterSetupScriptMainTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void printsTheScriptAndTheHubPeerEntry() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String hubKey = WireGuardKeyPair.generate().publicKey();

        int status = RouterSetupScriptMain.run(new String[] {"--router-id", "01JRTR1", "--router-name", "hs-1",
                "--hub-host", "203.0.113.10", "--hub-public-key", hubKey, "--router-tunnel-address", "10.41.0.7"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CLOCK);

        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String script = out.toString(StandardCharsets.UTF_8);
        assertTrue(script.startsWith("# WISPbill setup for router hs-1 (01JRTR1)"), script);
        assertTrue(script.contains("public-key=\"" + hubKey + "\""));
        assertTrue(script.contains("/ip service set api disabled=yes"));
        assertTrue(err.toString(StandardCharsets.UTF_8).matches("(?s)hub peer \\(SSM /wispbill/wireguard/peers/01JRTR1\\): "
                + "[A-Za-z0-9+/]{43}=,10\\.41\\.0\\.7/32\n.*"));
    }

    @Test
    void aPayPageAddsTheIsolationStep() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RouterSetupScriptMain.run(new String[] {"--router-id", "01JRTR1", "--router-name", "hs-1",
                "--hub-host", "203.0.113.10", "--hub-public-key", WireGuardKeyPair.generate().publicKey(),
                "--router-tunnel-address", "10.41.0.7", "--pay-page-url", "https://pay.example.com/portal/hs-1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CLOCK);

        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String script = out.toString(StandardCharsets.UTF_8);
        assertTrue(script.contains("/ip hotspot walled-garden add dst-host=pay.example.com action=allow"), script);
        assertTrue(script.contains("src-address-list=wispbill-expired protocol=tcp dst-port=80 action=redirect"), script);
    }

    @Test
    void badArgumentsAreAClearErrorWithStatus2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertEquals(2, RouterSetupScriptMain.run(new String[] {"--router-id", "01JRTR1", "--hub-host", "203.0.113.10"},
                out, errors, CLOCK));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("hubPublicKey"));
        assertEquals(2, RouterSetupScriptMain.run(new String[] {"--bogus"}, out, errors, CLOCK));
    }
}
