package com.wispbill.adapters.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Secret values kept for their time, against the embedded Secrets Manager. */
class CachedSecretsTest {
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedStack.start(EmbeddedStack.options()
                .template(Path.of(CachedSecretsTest.class.getResource("/aws-calls-template.yaml").toURI())));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aValueIsKeptForItsTimeThenReadAgainAndForgettingItReadsAtOnce() {
        SecretsManagerApi api = SecretsManagerApi.create();
        String name = "wispbill/test/cached-" + System.nanoTime();
        api.createSecret(name, "v1", Optional.empty(), "cache", Map.of());
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
        CachedSecrets cached = new CachedSecrets(api, Duration.ofMinutes(5), clock);

        assertEquals(Optional.of("v1"), cached.get(name));
        api.putSecretValue(name, "v2", Optional.empty(), List.of());
        clock.advance(Duration.ofMinutes(4));
        assertEquals(Optional.of("v1"), cached.get(name), "within 5 minutes: the kept value");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.of("v2"), cached.get(name), "after 5 minutes: read again");

        api.putSecretValue(name, "v3", Optional.empty(), List.of());
        cached.forget(name);
        assertEquals(Optional.of("v3"), cached.get(name), "forgotten: read at once");
    }

    @Test
    void aMissingSecretIsNotKept() {
        SecretsManagerApi api = SecretsManagerApi.create();
        String name = "wispbill/test/later-" + System.nanoTime();
        CachedSecrets cached = new CachedSecrets(api, Duration.ofMinutes(5), new MutableClock(Instant.parse("2026-12-01T08:00:00Z")));

        AwsCallException missing = assertThrows(AwsCallException.class, () -> cached.get(name));
        assertEquals(SecretsManagerApi.RESOURCE_NOT_FOUND, missing.errorCode());
        api.createSecret(name, "now", Optional.empty(), "cache", Map.of());
        assertEquals(Optional.of("now"), cached.get(name));
    }
}
