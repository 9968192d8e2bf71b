package com.wispbill.domain;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Voucher codes: random strings over Crockford's base32 alphabet ({@code 0-9 A-Z} without
 * {@code I L O U}), so codes read off a printed slip or a phone screen survive look-alike mistakes.
 * Each character carries 5 bits; the minimum length of 10 gives 50 bits, enough that guessing a live
 * code by trying logins is hopeless even across many routers.
 *
 * <p>Codes are bearer secrets: log {@link #mask} output only.
 */
public final class VoucherCodes {
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int BITS_PER_CHARACTER = 5;
    public static final int MIN_LENGTH = 10;
    public static final int DEFAULT_LENGTH = 10;
    public static final int MAX_LENGTH = 32;
    public static final int DEFAULT_GROUP_SIZE = 4;

    private final SecureRandom random;

    /** Uses a new {@link SecureRandom}; keep one instance per process, it is thread-safe. */
    public VoucherCodes() {
        this(new SecureRandom());
    }

    public VoucherCodes(SecureRandom random) {
        this.random = random;
    }

    /** A new canonical code of {@code length} characters (between {@link #MIN_LENGTH} and {@link #MAX_LENGTH}). */
    public String generate(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("voucher code length must be between " + MIN_LENGTH + " and "
                    + MAX_LENGTH + ", was " + length);
        }
        char[] code = new char[length];
        for (int i = 0; i < length; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /**
     * Bits of randomness in a generated code of {@code length} characters: every character is drawn
     * uniformly from the 32 symbols, so exactly {@value #BITS_PER_CHARACTER} bits each.
     */
    public static int entropyBits(int length) {
        return length * BITS_PER_CHARACTER;
    }

    /** True if {@code code} uses only the canonical alphabet (upper case, no separators). */
    public static boolean isCanonical(String code) {
        if (code == null || code.length() < MIN_LENGTH || code.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Turns what a customer typed into the canonical code: upper-cases, drops spaces and dashes, reads
     * {@code O} as {@code 0} and {@code I}/{@code L} as {@code 1}. Anything else (e.g. {@code U}, {@code *})
     * is a validation error that names the position but never echoes the code.
     */
    public static String normalize(String input) {
        if (input == null || input.isBlank()) {
            throw new ValidationException("code", "is required");
        }
        String upper = input.toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(upper.length());
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == ' ' || c == '-' || c == '\t') {
                continue;
            }
            char mapped = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(mapped) < 0) {
                throw new ValidationException("code", "character " + (i + 1)
                        + " is not used in voucher codes (codes use digits and letters except I, L, O, U)");
            }
            out.append(mapped);
        }
        if (out.length() < MIN_LENGTH || out.length() > MAX_LENGTH) {
            throw new ValidationException("code", "must have " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters, not counting spaces and dashes");
        }
        return out.toString();
    }

    /** "ABCDEFGHJK" → "ABCD-EFGH-JK". */
    public static String group(String code) {
        return group(code, DEFAULT_GROUP_SIZE);
    }

    public static String group(String code, int groupSize) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("group size must be positive");
        }
        StringBuilder out = new StringBuilder(code.length() + code.length() / groupSize);
        for (int i = 0; i < code.length(); i++) {
            if (i > 0 && i % groupSize == 0) {
                out.append('-');
            }
            out.append(code.charAt(i));
        }
        return out.toString();
    }

    /**
     * For logs: first and last two characters, the rest starred ("AB******JK"), enough to tell codes
     * apart in a support call but not to use one. Codes shorter than 8 are fully starred.
     */
    public static String mask(String code) {
        if (code == null) {
            return "null";
        }
        if (code.length() < 8) {
            return "*".repeat(code.length());
        }
        return code.substring(0, 2) + "*".repeat(code.length() - 4) + code.substring(code.length() - 2);
    }
}
