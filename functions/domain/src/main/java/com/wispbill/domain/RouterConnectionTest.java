package com.wispbill.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last "test connection" of a router: the API stores it PENDING and queues the test for the router
 * driver (only the driver, attached to the VPN, can reach routers), which logs in, reads the identity,
 * the RouterOS version and whether the hotspot and PPP menus are there, and stores OK or FAILED with the
 * reason. {@code testId} ties a result to its request, so a late result of an older test never replaces a newer one.
 */
public record RouterConnectionTest(String resellerId, String routerId, String testId, Status status, Instant requestedAt,
                                   Optional<Instant> checkedAt, Optional<String> identity, Optional<String> routerOsVersion,
                                   Optional<Boolean> hotspotPresent, Optional<Boolean> pppPresent, Optional<String> error) {
    public enum Status { PENDING, OK, FAILED }

    public RouterConnectionTest {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
        checkedAt = Objects.requireNonNullElse(checkedAt, Optional.empty());
        identity = Objects.requireNonNullElse(identity, Optional.empty());
        routerOsVersion = Objects.requireNonNullElse(routerOsVersion, Optional.empty());
        hotspotPresent = Objects.requireNonNullElse(hotspotPresent, Optional.empty());
        pppPresent = Objects.requireNonNullElse(pppPresent, Optional.empty());
        error = Objects.requireNonNullElse(error, Optional.empty());
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.id(testId, "testId");
        v.throwIfInvalid();
    }

    public static RouterConnectionTest requested(String resellerId, String routerId, String testId, Instant at) {
        return new RouterConnectionTest(resellerId, routerId, testId, Status.PENDING, at, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public RouterConnectionTest succeeded(Instant at, String identity, String version, boolean hotspot, boolean ppp) {
        return new RouterConnectionTest(resellerId, routerId, testId, Status.OK, requestedAt, Optional.of(at),
                Optional.of(identity), Optional.of(version), Optional.of(hotspot), Optional.of(ppp), Optional.empty());
    }

    public RouterConnectionTest failed(Instant at, String reason) {
        return new RouterConnectionTest(resellerId, routerId, testId, Status.FAILED, requestedAt, Optional.of(at),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(reason.length() > 500 ? reason.substring(0, 500) : reason));
    }
}
