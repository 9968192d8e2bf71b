package com.wispbill.router.operations;

import java.time.Duration;

/**
 * A router's health at one moment ({@code /system/resource} and {@code /system/identity}).
 *
 * @param identity         the router's name ({@code /system/identity})
 * @param version          RouterOS version as the router reports it, e.g. {@code 7.19.1 (stable)}
 * @param boardName        hardware model, e.g. {@code hAP ac^2}; empty if not reported
 * @param uptime           time since the router booted
 * @param cpuLoadPercent   CPU load, 0 to 100
 * @param freeMemoryBytes  free RAM in bytes
 * @param totalMemoryBytes total RAM in bytes
 */
public record SystemResource(String identity, String version, String boardName, Duration uptime, int cpuLoadPercent,
                             long freeMemoryBytes, long totalMemoryBytes) {
}
