package com.wispbill.router.routeros;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API user the driver logs in as. The user name is restricted to characters the API client can
 * put in its pre-6.43 challenge-response login line unquoted; the password is sent as raw bytes (or
 * only hashed, before 6.43) and may be anything. {@link #toString()} never shows the password.
 */
public record RouterOsCredentials(String username, String password) {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._@+-]{0,63}");
    private static final Set<String> CLIENT_KEYWORDS = Set.of("where", "not", "and", "or", "return");

    public RouterOsCredentials {
        Objects.requireNonNull(password, "password");
        if (username == null || !USERNAME.matcher(username).matches()
                || CLIENT_KEYWORDS.contains(username.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("API user name must be 1-64 letters, digits and . _ @ + - "
                    + "(and not one of " + CLIENT_KEYWORDS + ")");
        }
    }

    @Override
    public String toString() {
        return "RouterOsCredentials[username=" + username + ", password=****]";
    }
}
