package com.wispbill.local.routeros;

/**
 * Why a hotspot web login failed, with the message RouterOS shows in the page's {@code $(error)}: the
 * keys and default texts of the hotspot directory's {@code errors.txt}.
 */
enum HotspotLoginError {
    INVALID_USERNAME("invalid-username", "invalid username or password"),
    CHAP_MISSING("chap-missing", "web browser did not send challenge response (try refreshing, then try again)"),
    UPTIME_LIMIT("uptime-limit", "user $(username) has reached uptime limit"),
    TRAFFIC_LIMIT("traffic-limit", "user $(username) has reached traffic limit"),
    USER_SESSION_LIMIT("user-session-limit", "no more sessions are allowed for user $(username)");

    private final String key;
    private final String text;

    HotspotLoginError(String key, String text) {
        this.key = key;
        this.text = text;
    }

    String key() {
        return key;
    }

    /** The message for {@code username}, as {@code errors.txt} words it. */
    String message(String username) {
        return text.replace("$(username)", username);
    }

    Refused refused() {
        return new Refused(this);
    }

    /** A refused login; carries the error, no stack trace (it is an answer, not a fault). */
    static final class Refused extends Exception {
        private final HotspotLoginError error;

        Refused(HotspotLoginError error) {
            super(error.key, null, false, false);
            this.error = error;
        }

        HotspotLoginError error() {
            return error;
        }
    }
}
