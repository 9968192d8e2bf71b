package com.wispbill.domain.routerdriver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The figures a successful poll reads besides those in {@link com.wispbill.domain.RouterHealth}, plus
 * the last reconcile's drift (kept across polls that do not reconcile). Stored on the router's health item.
 *
 * @param latency          time for the poll's first API round trip (after login)
 * @param cpuLoadPercent   CPU load, 0 to 100
 * @param freeMemoryBytes  free RAM
 * @param totalMemoryBytes total RAM
 * @param uptime           time since the router booted
 * @param identity         the router's {@code /system/identity}
 * @param lastDrift        the last reconcile's result, if the router was ever reconciled
 */
public record RouterVitals(Duration latency, int cpuLoadPercent, long freeMemoryBytes, long totalMemoryBytes,
                           Duration uptime, String identity, Optional<RouterDrift> lastDrift) {
    public RouterVitals {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(identity, "identity");
        lastDrift = Objects.requireNonNullElse(lastDrift, Optional.empty());
        if (cpuLoadPercent < 0 || cpuLoadPercent > 100) {
            throw new IllegalArgumentException("cpuLoadPercent must be 0-100");
        }
    }
}
