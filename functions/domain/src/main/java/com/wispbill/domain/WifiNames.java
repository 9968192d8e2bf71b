package com.wispbill.domain;

import java.nio.charset.StandardCharsets;

/**
 * A Wi-Fi network name (SSID) as printed on cards and shown on the login page: what an 802.11 SSID
 * can be (1 to 32 bytes), printable, without leading or trailing spaces people could not see.
 */
public final class WifiNames {
    public static final String RULE = "must be 1-32 bytes of printable text without leading or trailing spaces";

    private WifiNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || !name.equals(name.strip())) {
            return false;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= 32 && name.codePoints().noneMatch(Character::isISOControl);
    }
}
