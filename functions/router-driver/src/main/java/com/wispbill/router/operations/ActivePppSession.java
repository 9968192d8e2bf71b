package com.wispbill.router.operations;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * One connected PPP client ({@code /ppp/active}). RouterOS keeps a PPP session's byte counters on its
 * dynamic interface ({@code <pppoe-NAME>}), not in {@code /ppp/active}; they are joined in here and are
 * empty if the interface was not listed (the session ended between the two reads).
 *
 * @param sessionId the router's id of the session ({@code .id})
 * @param name      the PPP secret (account) name
 * @param service   {@code pppoe}, {@code l2tp}, ...
 * @param callerId  for PPPoE, the client's MAC address
 * @param address   the IP address given to the client
 * @param uptime    how long the session has been up
 * @param bytesIn   bytes from the client (upload), the interface's {@code rx-byte}
 * @param bytesOut  bytes to the client (download), the interface's {@code tx-byte}
 */
public record ActivePppSession(String sessionId, String name, String service, String callerId, String address,
                               Duration uptime, OptionalLong bytesIn, OptionalLong bytesOut) {
}
