package com.wispbill.domain.routercommand;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import com.wispbill.domain.Validation;

/**
 * What a value must look like to reach a RouterOS router unchanged through the API.
 *
 * <p>Object names (hotspot users, PPP secrets, profiles) are restricted to a conservative set:
 * letters, digits and {@code . _ @ + - :} (e-mail-like logins, phone numbers, MAC addresses), starting
 * with a letter, a digit or {@code +}. That excludes everything RouterOS or the API client give a
 * meaning to: {@code *} starts an internal item id, {@code =} separates attribute name and value,
 * {@code ?} and {@code !} start query and reply words, spaces and quotes are syntax in the client's
 * command language, line breaks split words in its reply parser.
 *
 * <p>Passwords and comments are free text in printable ASCII. Other encodings are not used: RouterOS
 * stores bytes and hotspot login pages, WinBox and the API do not agree on a character set. They may
 * contain spaces, {@code =} and one kind of quote, but not both {@code '} and {@code "}: the API
 * client (mikrotik-java) only accepts values through its own command language, which quotes a value
 * with one of the two and has no escape character.
 */
public final class RouterOsValues {
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_PASSWORD_LENGTH = 64;
    public static final int MAX_COMMENT_LENGTH = 255;

    static final String NAME_CHARACTERS = "letters, digits and . _ @ + - :";

    private RouterOsValues() {
    }

    /** True if {@code value} is a valid RouterOS object name by {@link #name}. */
    /**
     * The API user the router driver logs in as: characters the API client can put in its pre-6.43
     * challenge-response login line unquoted, and not one of the client's query keywords.
     */
    public static boolean isValidApiUser(String username) {
        return username != null && API_USER.matcher(username).matches()
                && !API_CLIENT_KEYWORDS.contains(username.toLowerCase(Locale.ROOT));
    }

    public static final String API_USER_RULE = "must be 1-64 letters, digits and . _ @ + - (and not one of "
            + "where, not, and, or, return)";
    private static final Pattern API_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._@+-]{0,63}");
    private static final Set<String> API_CLIENT_KEYWORDS = Set.of("where", "not", "and", "or", "return");

    public static boolean isValidName(String value) {
        Validation v = new Validation();
        name(v, value, "name");
        return v.isValid();
    }

    /** Checks a hotspot user, PPP secret or profile name; records one clear error on {@code v}. */
    public static void name(Validation v, String value, String field) {
        if (!v.notBlank(value, field)) {
            return;
        }
        if (!v.check(value.length() <= MAX_NAME_LENGTH, field,
                "must be at most " + MAX_NAME_LENGTH + " characters")) {
            return;
        }
        if (!v.check(value.chars().noneMatch(Character::isISOControl), field,
                "must not contain line breaks or control characters")) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isNameCharacter(c)) {
                v.check(false, field, "must not contain " + describe(c) + " (allowed: " + NAME_CHARACTERS + ")");
                return;
            }
        }
        char first = value.charAt(0);
        v.check(isAsciiLetterOrDigit(first) || first == '+', field,
                "must start with a letter, a digit or '+'");
    }

    /**
     * Checks a password: printable ASCII, at most {@link #MAX_PASSWORD_LENGTH} characters, no leading
     * or trailing space (RouterOS and login pages disagree on whether those count), and not both
     * quote characters. {@code emptyAllowed}: hotspot users may have no password (code-only vouchers).
     */
    public static void password(Validation v, String value, String field, boolean emptyAllowed) {
        if (!v.notNull(value, field)) {
            return;
        }
        if (value.isEmpty()) {
            v.check(emptyAllowed, field, "must not be empty");
            return;
        }
        if (!v.check(value.length() <= MAX_PASSWORD_LENGTH, field,
                "must be at most " + MAX_PASSWORD_LENGTH + " characters")) {
            return;
        }
        if (!freeText(v, value, field)) {
            return;
        }
        v.check(value.strip().equals(value), field, "must not start or end with a space");
    }

    /** Checks a comment: printable ASCII, at most {@link #MAX_COMMENT_LENGTH} characters; may be empty. */
    public static void comment(Validation v, String value, String field) {
        if (!v.notNull(value, field)) {
            return;
        }
        if (v.check(value.length() <= MAX_COMMENT_LENGTH, field,
                "must be at most " + MAX_COMMENT_LENGTH + " characters")) {
            freeText(v, value, field);
        }
    }

    private static boolean freeText(Validation v, String value, String field) {
        if (!v.check(value.chars().noneMatch(Character::isISOControl), field,
                "must not contain line breaks or control characters")) {
            return false;
        }
        if (!v.check(value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), field,
                "must contain only printable ASCII characters (letters, digits, punctuation, space)")) {
            return false;
        }
        return v.check(value.indexOf('\'') < 0 || value.indexOf('"') < 0, field,
                "must not contain both a single quote (') and a double quote (\"): the router API client "
                        + "cannot transmit such a value");
    }

    private static boolean isNameCharacter(char c) {
        return isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '@' || c == '+' || c == '-' || c == ':';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String describe(char c) {
        return switch (c) {
            case ' ' -> "spaces";
            case '"', '\'' -> "quotes";
            default -> c > 0x7e ? "non-ASCII characters" : "'" + c + "'";
        };
    }
}
