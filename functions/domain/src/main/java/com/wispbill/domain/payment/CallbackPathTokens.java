package com.wispbill.domain.payment;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret last segment of a reseller's webhook URL, {@code /webhooks/<provider>/<token>}:
 * {@code <resellerId>.<64 hex characters>} (256 random bits). The reseller id lets the function find
 * the reseller's credentials; the whole token must equal the one stored in them (compared in constant
 * time), so knowing a reseller id gives nothing.
 */
public final class CallbackPathTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CallbackPathTokens() {
    }

    public static String newToken(String resellerId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return resellerId + "." + HexFormat.of().formatHex(secret);
    }

    /** The reseller id a token names; empty for anything not shaped like a token. */
    public static Optional<String> resellerOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0 || token.length() - dot - 1 != 64) {
            return Optional.empty();
        }
        String resellerId = token.substring(0, dot);
        return com.wispbill.domain.Ids.isValid(resellerId) ? Optional.of(resellerId) : Optional.empty();
    }
}
