package com.wispbill.payment.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wispbill.adapters.Json;
import com.wispbill.local.providers.ProviderSimulator;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provider HTTP calls against the local stand-ins: answers as answers, failures to connect as never sent, the client built when needed. */
class ProviderHttpTest {
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void aKeyRefusedOnAPostIsTheProvidersAnswerWithItsBody() {
        ProviderHttp.Response response = new ProviderHttp().postJson(ProviderHttp.join(sim.paystackBaseUrl(), "/transaction/initialize"),
                Map.of("Authorization", "Bearer sk_test_nobody"), Json.MAPPER.createObjectNode().put("email", "a@example.com"));

        assertEquals(401, response.status());
        assertEquals("Invalid key", response.body().path("message").asText());
    }

    @Test
    void noConnectionMeansTheRequestNeverReachedTheProvider() {
        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
                () -> new ProviderHttp().postForm(URI.create("http://127.0.0.1:9/oauth"), Map.of(), Map.of("a", "b")));

        assertFalse(e.mayHaveReachedProvider(), e.getMessage());
    }

    /**
     * A function builds its provider calls in its constructor, and most of its requests never call a provider:
     * the client is built by the first call, or by SnapStart's priming before the snapshot.
     */
    @Test
    void theClientIsBuiltByTheFirstCallOrBeforeTheSnapshotNotWithTheAdapter() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        ProviderHttp http = new ProviderHttp();
        assertEquals(Set.of(), startedSince(before), "threads started by building " + http);

        http.beforeCheckpoint(null);
        assertEquals(1, startedSince(before).stream().filter(name -> name.endsWith("SelectorManager")).count(), startedSince(before).toString());
    }

    private static Set<String> startedSince(Set<Thread> before) {
        Set<String> started = new HashSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).forEach(t -> started.add(t.getName()));
        return started;
    }
}
