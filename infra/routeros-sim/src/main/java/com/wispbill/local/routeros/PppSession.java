package com.wispbill.local.routeros;

import java.time.Duration;

/**
 * A snapshot of one {@code /ppp/active} entry. RouterOS does not print byte counters in
 * {@code /ppp/active}; they are on the session's dynamic interface ({@code <pppoe-NAME>} in
 * {@code /interface}, {@code rx-byte}/{@code tx-byte}), which the simulator lists too.
 *
 * @param bytesIn bytes received from the client (upload), the interface's {@code rx-byte}
 * @param bytesOut bytes sent to the client (download), the interface's {@code tx-byte}
 */
public record PppSession(String id, String name, String service, String address, String callerId, Duration uptime,
                         long bytesIn, long bytesOut) {
}
