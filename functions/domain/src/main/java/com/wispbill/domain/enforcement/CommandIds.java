package com.wispbill.domain.enforcement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids for what enforcement sends (router commands, SMS): derived from what is acted on
 * and why, so a retried batch, a sweep run twice or two sweeps at once produce the same id, which the
 * FIFO queue deduplicates and the router driver and notifier recognise as already done.
 */
public final class CommandIds {
    private CommandIds() {
    }

    /** A valid {@link com.wispbill.domain.Ids id} (41 characters) hashed from {@code parts}, in order. */
    public static String derive(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
                sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha256.update((byte) ':');
                sha256.update(bytes);
            }
            return "e" + HexFormat.of().formatHex(sha256.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
