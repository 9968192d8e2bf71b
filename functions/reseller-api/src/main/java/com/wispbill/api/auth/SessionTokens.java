package com.wispbill.api.auth;

import com.wispbill.domain.ApiKeys;
import com.wispbill.domain.Ids;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bearer tokens of staff sessions and one-time sign-in links. A session token is
 * {@code wbs_<resellerId>~<staffId>~<secret>} and a link token {@code wbl_<secret>}, the secret 160 random
 * bits (32 base32 characters). Clients treat both as opaque. The ids in a session token are not secret (the
 * holder reads them from {@code /v1/me} anyway); they let one BatchGetItem read the reseller, the account and
 * the session; {@code ~} separates them because ids never hold it and RFC 6750's token characters include it.
 * Only the SHA-256 of a token is stored, which is enough for 160 random bits (as for API keys).
 */
public final class SessionTokens {
    public static final String SESSION_PREFIX = "wbs_";
    public static final String LINK_PREFIX = "wbl_";
    private static final String SECRET = ApiKeys.RANDOM_SECRET_PATTERN;
    private static final String ID = "([A-Za-z0-9][A-Za-z0-9_.-]{0,63})";
    private static final Pattern SESSION = Pattern.compile("wbs_" + ID + "~" + ID + "~" + SECRET);
    private static final Pattern LINK = Pattern.compile("wbl_" + SECRET);

    private SessionTokens() {
    }

    /** Where a session token's items are. */
    public record SessionRef(String resellerId, String staffId, String tokenHash) {
    }

    public static String newSession(String resellerId, String staffId) {
        if (!Ids.isValid(resellerId) || !Ids.isValid(staffId)) {
            throw new IllegalArgumentException("ids must be valid ids");
        }
        return SESSION_PREFIX + resellerId + "~" + staffId + "~" + secret();
    }

    public static String newLink() {
        return LINK_PREFIX + secret();
    }

    public static boolean isSession(String token) {
        return token != null && token.startsWith(SESSION_PREFIX);
    }

    /** The session a well-formed token names; empty for anything else. */
    public static Optional<SessionRef> parseSession(String token) {
        Matcher m = SESSION.matcher(token == null ? "" : token);
        return m.matches() ? Optional.of(new SessionRef(m.group(1), m.group(2), hash(token))) : Optional.empty();
    }

    /** The hash of a well-formed link token; empty for anything else. */
    public static Optional<String> linkHash(String token) {
        return token != null && LINK.matcher(token).matches() ? Optional.of(hash(token)) : Optional.empty();
    }

    public static String hash(String token) {
        return ApiKeys.hash(token);
    }

    private static String secret() {
        return ApiKeys.randomSecret();
    }
}
