package com.wispbill.router.routeros;

import java.util.Objects;
import com.wispbill.domain.routercommand.RouterOsValues;

/**
 * The API user the driver logs in as. The user name is restricted to characters the API client can
 * put in its pre-6.43 challenge-response login line unquoted; the password is sent as raw bytes (or
 * only hashed, before 6.43) and may be anything. {@link #toString()} never shows the password.
 */
public record RouterOsCredentials(String username, String password) {
    public RouterOsCredentials {
        Objects.requireNonNull(password, "password");
        if (!RouterOsValues.isValidApiUser(username)) {
            throw new IllegalArgumentException("API user name " + RouterOsValues.API_USER_RULE);
        }
    }

    @Override
    public String toString() {
        return "RouterOsCredentials[username=" + username + ", password=****]";
    }
}
