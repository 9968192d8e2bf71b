package com.wispbill.local.routeros;

import java.util.Optional;

/** A snapshot of one {@code /ppp/profile} item. */
public record PppProfile(String id, String name, Optional<String> rateLimit, Optional<String> localAddress,
                         Optional<String> remoteAddress) {
}
