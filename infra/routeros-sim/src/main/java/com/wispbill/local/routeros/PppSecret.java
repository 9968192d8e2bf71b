package com.wispbill.local.routeros;

import java.util.Optional;

/**
 * A snapshot of one {@code /ppp/secret} item.
 *
 * @param service {@code any}, {@code pppoe}, {@code pptp}, {@code l2tp}, {@code ovpn}, {@code sstp} or
 *     {@code async}
 * @param password empty if none is set
 * @param callerId the MAC address the secret is bound to, if any
 */
public record PppSecret(String id, String name, String password, String service, String profile,
                        Optional<String> remoteAddress, Optional<String> comment, boolean disabled,
                        Optional<String> callerId) {
}
