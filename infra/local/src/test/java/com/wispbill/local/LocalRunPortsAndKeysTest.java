package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dev run}'s fixed ports and kept demo keys, in a JVM of its own (the functions' handlers keep
 * what the first stack of a JVM gave them, its ports included).
 */
class LocalRunPortsAndKeysTest {

    /**
     * A restart is a run that finds the previous run's key file: it prints the same key, which works,
     * and its URLs on the ports it was told. (A free block of ports is looked for, so the test never
     * depends on 4566 being free.)
     */
    @Test
    void aRunOnFixedPortsWithAKeptKeyPrintsThoseUrlsAndTheKeyWorksAgain(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("demo-keys.properties");
        String keptKey = "wbk_0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        String keptOwnerPassword = "kept owner password 1";
        Files.writeString(keys, "apiKey=" + keptKey + "\nownerPassword=" + keptOwnerPassword + "\n");
        int base = freeBlockOfPorts(10);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        try (LocalRun run = LocalRun.start(LocalRun.Options.parse("--routers", "1", "--exit-after-start",
                "--ports", Integer.toString(base), "--keys", keys.toString()), out)) {
            String printed = captured.toString(StandardCharsets.UTF_8);
            String api = "http://127.0.0.1:" + (base + 1);
            assertTrue(printed.contains("API base URL    " + api + "/v1/   e.g. curl -H 'Authorization: Bearer " + keptKey + "' "),
                    printed);
            assertTrue(printed.contains("Hotspot page    http://127.0.0.1:" + (base + 2) + "/login"), printed);
            assertTrue(printed.contains("M-Pesa phone    http://127.0.0.1:" + (base + 3) + "/mpesa/phone"), printed);
            assertTrue(printed.contains("AWS endpoint    http://127.0.0.1:" + base), printed);
            var plans = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/v1/plans"))
                    .header("Authorization", "Bearer " + keptKey).GET().build(), BodyHandlers.ofString());
            assertEquals(200, plans.statusCode(), plans.body());
            Properties kept = new Properties();
            try (var in = Files.newBufferedReader(keys)) {
                kept.load(in);
            }
            assertEquals(keptKey, kept.getProperty("apiKey"));
            assertTrue(ApiKeys.isSecret(kept.getProperty("operatorKey")), "the new operator key is kept for next time");
            // the demo owner signs in with the kept password; the cashier's new one is kept for next time
            assertEquals(keptOwnerPassword, kept.getProperty("ownerPassword"));
            var signIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/v1/auth/sign-in"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\": \"owner@demo.wispbill.local\", \"password\": \"" + keptOwnerPassword + "\"}"))
                    .build(), BodyHandlers.ofString());
            assertEquals(200, signIn.statusCode(), signIn.body());
            String cashierPassword = kept.getProperty("cashierPassword");
            assertTrue(cashierPassword != null && cashierPassword.length() >= 12, "the cashier's password is kept");
            var cashier = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/v1/auth/sign-in"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\": \"cashier@demo.wispbill.local\", \"password\": \"" + cashierPassword + "\"}"))
                    .build(), BodyHandlers.ofString());
            assertEquals(200, cashier.statusCode(), cashier.body());
            assertTrue(cashier.body().contains("\"role\":\"CASHIER\""), cashier.body());
        }
    }

    /** The first of {@code size} consecutive loopback ports that are free now. */
    private static int freeBlockOfPorts(int size) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                base = probe.getLocalPort();
            }
            if (base + size > 65535) {
                continue;
            }
            boolean free = true;
            for (int port = base; port < base + size && free; port++) {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                } catch (java.io.IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + size + " free ports");
    }

}
