package com.wispbill.router.operations;

import com.wispbill.domain.routercommand.LogSafe;
import java.time.Duration;

/**
 * One logged-in hotspot client ({@code /ip/hotspot/active}). Counters are cumulative for this session
 * and start at zero when a new session starts (with a new {@code sessionId}).
 *
 * @param sessionId  the router's id of the session ({@code .id}, e.g. {@code *1A})
 * @param user       the hotspot user (for vouchers, the code: masked in {@code toString()})
 * @param address    the client's IP address
 * @param macAddress the client's MAC address
 * @param uptime     how long the session has been up
 * @param bytesIn    bytes from the client (upload) in this session
 * @param bytesOut   bytes to the client (download) in this session
 */
public record ActiveHotspotSession(String sessionId, String user, String address, String macAddress,
                                   Duration uptime, long bytesIn, long bytesOut) {
    @Override
    public String toString() {
        return "ActiveHotspotSession[sessionId=" + sessionId + ", user=" + LogSafe.maskCode(user) + ", address="
                + address + ", macAddress=" + macAddress + ", uptime=" + uptime + ", bytesIn=" + bytesIn
                + ", bytesOut=" + bytesOut + "]";
    }
}
