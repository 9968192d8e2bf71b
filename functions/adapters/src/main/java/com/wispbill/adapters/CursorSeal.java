package com.wispbill.adapters;

import com.wispbill.domain.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page cursors as clients see them: opaque and authenticated. A listing's own cursor (DynamoDB's last
 * key, which holds voucher codes, phone numbers...) is encrypted (AES-256-CTR, a random IV per cursor)
 * and then authenticated with HMAC-SHA256 over the version, IV, ciphertext and the {@code context} it
 * was issued in (the caller's reseller). Both keys are derived by HMAC from one secret read once per
 * execution environment. A cursor that was altered, forged, or issued to another reseller is a 400.
 *
 * <p>Layout, base64url without padding: {@code version(1) | iv(16) | ciphertext | tag(32)}.
 */
public final class CursorSeal {
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 16;
    private static final int TAG_BYTES = 32;
    private static final int MIN_SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec authenticationKey;

    public CursorSeal(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the cursor secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.encryptionKey = new SecretKeySpec(hmac(secret, "wispbill cursor encryption".getBytes(StandardCharsets.UTF_8)), "AES");
        this.authenticationKey = new SecretKeySpec(hmac(secret, "wispbill cursor authentication".getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
    }

    /** The secret named by {@code CURSOR_KEY_SECRET_ARN} in Secrets Manager, read now (once per execution environment). */
    public static CursorSeal fromEnvironment() {
        String secret = AwsClients.newSecretsManager(Duration.ofSeconds(10)).getSecretValue(Env.require("CURSOR_KEY_SECRET_ARN"))
                .value().orElse("");
        if (secret.isBlank()) {
            throw new MissingConfigurationException("CURSOR_KEY_SECRET_ARN");
        }
        return new CursorSeal(secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    public Optional<String> seal(Optional<String> cursor, String context) {
        return cursor.map(c -> seal(c, context));
    }

    public String seal(String cursor, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, iv, cursor.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out = ByteBuffer.allocate(1 + IV_BYTES + ciphertext.length + TAG_BYTES);
        out.put(VERSION).put(iv).put(ciphertext).put(tag(iv, ciphertext, context));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /** The listing's own cursor inside {@code sealed}, or a 400 for field {@code cursor}. */
    public String open(String sealed, String context) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(sealed.strip());
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length < 1 + IV_BYTES + 1 + TAG_BYTES || raw[0] != VERSION) {
            throw invalid();
        }
        byte[] iv = Arrays.copyOfRange(raw, 1, 1 + IV_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(raw, 1 + IV_BYTES, raw.length - TAG_BYTES);
        byte[] tag = Arrays.copyOfRange(raw, raw.length - TAG_BYTES, raw.length);
        if (!MessageDigest.isEqual(tag, tag(iv, ciphertext, context))) {
            throw invalid();
        }
        return new String(crypt(Cipher.DECRYPT_MODE, iv, ciphertext), StandardCharsets.UTF_8);
    }

    private byte[] tag(byte[] iv, byte[] ciphertext, String context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(authenticationKey);
            mac.update(VERSION);
            mac.update(iv);
            mac.update(ciphertext);
            mac.update(context.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private byte[] crypt(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, encryptionKey, new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is always available", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static ValidationException invalid() {
        return new ValidationException("cursor", "is not a cursor of this listing; start again without one");
    }
}
