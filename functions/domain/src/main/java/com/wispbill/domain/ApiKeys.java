package com.wispbill.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Issues and hashes API keys. Secrets are {@code "wbk_"} plus 32 Crockford base32 characters (160
 * random bits). With that much entropy a plain SHA-256 is the right hash: it makes lookups a single
 * key read, and a slow password hash would add nothing against guessing.
 */
public final class ApiKeys {
    public static final String SECRET_PREFIX = "wbk_";
    public static final int RANDOM_CHARACTERS = 32;
    public static final int VISIBLE_PREFIX_LENGTH = SECRET_PREFIX.length() + 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A newly issued key: the {@code secret} goes to the caller once, {@code key} is what gets stored. */
    public record Issued(String secret, ApiKey key) {
        @Override
        public String toString() {
            return "Issued[key=" + key + ", secret=<hidden>]";
        }
    }

    public static Issued issue(String resellerId, ApiKeyRole role, Clock clock) {
        return withSecret(resellerId, role, SECRET_PREFIX + randomSecret(), clock);
    }

    /** A bearer secret's random part: {@value #RANDOM_CHARACTERS} Crockford base32 characters (160 bits). */
    public static String randomSecret() {
        StringBuilder secret = new StringBuilder(RANDOM_CHARACTERS);
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            secret.append(Ids.CROCKFORD[RANDOM.nextInt(32)]);
        }
        return secret.toString();
    }

    /** The pattern of {@link #randomSecret()}. */
    public static final String RANDOM_SECRET_PATTERN = "[0-9A-HJKMNP-TV-Z]{" + RANDOM_CHARACTERS + "}";

    /** Whether {@code secret} has the form of an issued key ("wbk_" and 32 Crockford base32 characters). */
    public static boolean isSecret(String secret) {
        return secret != null && secret.matches(SECRET_PREFIX + RANDOM_SECRET_PATTERN);
    }

    /**
     * A key for a secret issued before, e.g. the local run's demo key kept across restarts so the
     * printed {@code curl} line keeps working (its store is in memory). Never for keys people choose.
     */
    public static Issued withSecret(String resellerId, ApiKeyRole role, String secret, Clock clock) {
        if (!isSecret(secret)) {
            throw new ValidationException("secret", "must be " + SECRET_PREFIX + " and " + RANDOM_CHARACTERS
                    + " Crockford base32 characters");
        }
        String s = secret;
        ApiKey key = new ApiKey(Ids.newId(clock), resellerId, role, s.substring(0, VISIBLE_PREFIX_LENGTH), hash(s),
                ApiKeyStatus.ACTIVE, clock.instant());
        return new Issued(s, key);
    }

    /** Lowercase hex SHA-256 of the secret as presented (no trimming: a key with a stray space is a wrong key). */
    public static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
