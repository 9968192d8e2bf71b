package com.wispbill.domain.routersetup;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A WireGuard (Curve25519) key pair in WireGuard's text form: 32 raw bytes, base64. {@link #toString()}
 * never shows the private key.
 */
public record WireGuardKeyPair(String privateKey, String publicKey) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=");
    /** X.509 SubjectPublicKeyInfo / PKCS#8 prefixes of X25519 keys; the raw 32 key bytes follow them. */
    private static final int RAW_KEY_LENGTH = 32;

    public WireGuardKeyPair {
        requireKey(privateKey, "privateKey");
        requireKey(publicKey, "publicKey");
    }

    /** A new key pair from the JDK's X25519 implementation. */
    public static WireGuardKeyPair generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            return new WireGuardKeyPair(rawKey(pair.getPrivate().getEncoded()), rawKey(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate X25519 keys", e);
        }
    }

    /** True for a WireGuard key: 32 bytes in base64. */
    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    static void requireKey(String key, String field) {
        Objects.requireNonNull(key, field);
        if (!isKey(key)) {
            throw new IllegalArgumentException(field + " must be a WireGuard key (32 bytes, base64)");
        }
    }

    private static String rawKey(byte[] encoded) {
        // Both encodings end with the raw key (PKCS#8 wraps it in an OCTET STRING, X.509 in a BIT STRING).
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_LENGTH, encoded.length));
    }

    @Override
    public String toString() {
        return "WireGuardKeyPair[publicKey=" + publicKey + ", privateKey=****]";
    }
}
