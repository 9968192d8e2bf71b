package com.wispbill.local.routeros;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A snapshot of one {@code /ip/hotspot/user/profile} item.
 *
 * @param rateLimit e.g. {@code 2M/5M} (rx/tx from the router's side), empty if unlimited
 * @param sharedUsers how many sessions one user may have at once; empty means {@code unlimited}
 */
public record HotspotUserProfile(String id, String name, Optional<String> rateLimit, OptionalInt sharedUsers) {
}
