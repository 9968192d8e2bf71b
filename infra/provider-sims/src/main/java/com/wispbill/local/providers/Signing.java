package com.wispbill.local.providers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How each provider signs its callbacks, as their documentation describes it. */
public final class Signing {
    private Signing() {
    }

    /** Paystack {@code x-paystack-signature}: hex HMAC-SHA512 of the raw body, keyed with the secret key. */
    public static String paystack(byte[] body, String secretKey) {
        return hmacHex("HmacSHA512", secretKey, body);
    }

    /** Stripe {@code v1}: hex HMAC-SHA256 of {@code "<t>.<raw body>"}, keyed with the endpoint secret. */
    public static String stripe(long timestamp, byte[] body, String webhookSecret) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(body, 0, payload, prefix.length, body.length);
        return hmacHex("HmacSHA256", webhookSecret, payload);
    }

    /** Midtrans {@code signature_key}: hex SHA-512 of order_id + status_code + gross_amount + server key. */
    public static String midtrans(String orderId, String statusCode, String grossAmount, String serverKey) {
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            return HexFormat.of().formatHex(sha512.digest((orderId + statusCode + grossAmount + serverKey)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Meta {@code X-Hub-Signature-256}: {@code "sha256="} and the hex HMAC-SHA256 of the raw body,
     * keyed with the app secret.
     */
    public static String whatsapp(byte[] body, String appSecret) {
        return "sha256=" + hmacHex("HmacSHA256", appSecret, body);
    }

    static String hmacHex(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
