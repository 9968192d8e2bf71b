package com.wispbill.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the last poll of a router found. {@code lastSeenAt} is the last successful contact and survives
 * failed polls, so "offline since" can be shown; {@code consecutiveFailures} drives alerting.
 */
public record RouterHealth(
        String resellerId,
        String routerId,
        Instant checkedAt,
        boolean reachable,
        Optional<Instant> lastSeenAt,
        int consecutiveFailures,
        Optional<String> routerOsVersion,
        OptionalInt activeSessions,
        Optional<String> lastError) {

    public RouterHealth {
        lastSeenAt = Objects.requireNonNullElse(lastSeenAt, Optional.empty());
        routerOsVersion = Objects.requireNonNullElse(routerOsVersion, Optional.empty());
        activeSessions = Objects.requireNonNullElse(activeSessions, OptionalInt.empty());
        lastError = Objects.requireNonNullElse(lastError, Optional.empty());
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.notNull(checkedAt, "checkedAt");
        v.check(consecutiveFailures >= 0, "consecutiveFailures", "must not be negative");
        v.check(!reachable || lastSeenAt.isPresent(), "lastSeenAt", "is required when the router is reachable");
        v.check(!reachable || consecutiveFailures == 0, "consecutiveFailures", "must be 0 when the router is reachable");
        v.check(reachable || lastError.isPresent(), "lastError", "is required when the router is unreachable");
        v.throwIfInvalid();
    }

    /** A successful poll at {@code at}. */
    public static RouterHealth reachable(String resellerId, String routerId, Instant at, String routerOsVersion,
                                         int activeSessions) {
        return new RouterHealth(resellerId, routerId, at, true, Optional.of(at), 0,
                Optional.ofNullable(routerOsVersion), OptionalInt.of(activeSessions), Optional.empty());
    }

    /** A failed poll at {@code at}; keeps what {@code previous} knew about the last good contact. */
    public static RouterHealth unreachable(String resellerId, String routerId, Instant at, String error,
                                           Optional<RouterHealth> previous) {
        return new RouterHealth(resellerId, routerId, at, false,
                previous.flatMap(RouterHealth::lastSeenAt),
                previous.map(p -> p.consecutiveFailures() + 1).orElse(1),
                previous.flatMap(RouterHealth::routerOsVersion), OptionalInt.empty(),
                Optional.of(error == null || error.isBlank() ? "unreachable" : error));
    }
}
