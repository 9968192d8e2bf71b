package com.wispbill.local.routeros;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of one {@code /ip/hotspot/user} item.
 *
 * @param id internal id, e.g. {@code *1A}
 * @param password empty if none is set
 * @param bytesIn bytes received from the user (upload) over all ended sessions
 * @param bytesOut bytes sent to the user (download) over all ended sessions
 * @param uptime time online over all ended sessions; like RouterOS, the totals grow when a session
 *     ends, the running session's usage is in {@link HotspotSession}
 */
public record HotspotUser(String id, String name, String password, String profile, Optional<Duration> limitUptime,
                          OptionalLong limitBytesTotal, Optional<String> comment, boolean disabled, long bytesIn,
                          long bytesOut, Duration uptime) {
}
