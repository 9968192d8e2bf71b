package com.wispbill.local.routeros;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of one {@code /ip/hotspot/active} entry: a logged-in hotspot user.
 *
 * @param bytesIn bytes received from the client in this session (upload)
 * @param bytesOut bytes sent to the client in this session (download)
 * @param sessionTimeLeft what is left of the user's {@code limit-uptime}; empty if the user has none
 */
public record HotspotSession(String id, String user, String address, String macAddress, String loginBy,
                             Duration uptime, long bytesIn, long bytesOut, Optional<Duration> sessionTimeLeft) {
}
