package com.wispbill.domain.payment;

import com.wispbill.domain.Ids;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret last segment of a reseller's webhook URL, {@code /webhooks/<provider>/<token>}:
 * {@code <reseller id as lowercase hex of its UTF-8 bytes>-<64 hex characters>} (256 random bits). The reseller id
 * lets the function find the reseller's credentials; the whole token must equal the one stored in them (compared in
 * constant time), so knowing a reseller id gives nothing.
 *
 * <p>The id is written in hex because its own alphabet (Crockford base32) can spell words Daraja refuses in paybill
 * URLs ({@link DarajaUrlWords}: EXE, EXEC, CMD, MPESA); lowercase hex and {@code -} cannot. Tokens made before are
 * {@code <resellerId>.<64 hex>} and are still read: they always hold a {@code '.'}, new ones never do.
 */
public final class CallbackPathTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final int SECRET_HEX = 64;

    private CallbackPathTokens() {
    }

    public static String newToken(String resellerId) {
        Ids.require(resellerId, "resellerId");
        byte[] secret = new byte[SECRET_HEX / 2];
        RANDOM.nextBytes(secret);
        return HEX.formatHex(resellerId.getBytes(StandardCharsets.UTF_8)) + "-" + HEX.formatHex(secret);
    }

    /** The reseller id a token names (either form); empty for anything not shaped like a token. */
    public static Optional<String> resellerOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        return token.indexOf('.') >= 0 ? resellerOfFormer(token) : resellerOfHex(token);
    }

    private static Optional<String> resellerOfHex(String token) {
        int dash = token.indexOf('-');
        if (dash <= 0 || token.length() - dash - 1 != SECRET_HEX || dash % 2 != 0
                || !lowerHex(token, 0, dash) || !lowerHex(token, dash + 1, token.length())) {
            return Optional.empty();
        }
        String resellerId = new String(HEX.parseHex(token, 0, dash), StandardCharsets.UTF_8);
        return Ids.isValid(resellerId) ? Optional.of(resellerId) : Optional.empty();
    }

    /** {@code <resellerId>.<64 hex>}, the form of tokens made before the hex one. */
    private static Optional<String> resellerOfFormer(String token) {
        int dot = token.lastIndexOf('.');
        if (dot <= 0 || token.length() - dot - 1 != SECRET_HEX) {
            return Optional.empty();
        }
        String resellerId = token.substring(0, dot);
        return Ids.isValid(resellerId) ? Optional.of(resellerId) : Optional.empty();
    }

    private static boolean lowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
