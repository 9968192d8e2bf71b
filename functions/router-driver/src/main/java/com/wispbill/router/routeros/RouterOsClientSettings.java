package com.wispbill.router.routeros;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits for talking to a router. Both must stay well inside the Lambda timeout so a dead router
 * costs seconds, not the invocation: mikrotik-java's own defaults are 60 s each.
 *
 * @param connectTimeout limit for the TCP connect, and again for the TLS handshake
 * @param commandTimeout from sending a command (or the login) to its complete answer
 */
public record RouterOsClientSettings(Duration connectTimeout, Duration commandTimeout) {
    /** Declared before {@link #DEFAULT}, whose construction checks against it. */
    private static final Duration MAX = Duration.ofMinutes(5);

    public static final RouterOsClientSettings DEFAULT =
            new RouterOsClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(10));

    public RouterOsClientSettings {
        check(connectTimeout, "connectTimeout");
        check(commandTimeout, "commandTimeout");
    }

    private static void check(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.toMillis() < 1 || timeout.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + MAX.toMinutes() + " minutes");
        }
    }

    int connectTimeoutMillis() {
        return Math.toIntExact(connectTimeout.toMillis());
    }

    int commandTimeoutMillis() {
        return Math.toIntExact(commandTimeout.toMillis());
    }
}
