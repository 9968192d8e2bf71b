package com.wispbill.local.routeros;

/**
 * A command failed the way RouterOS reports it: {@code !trap =message=...} with an optional
 * {@code =category=} (0 missing item or command, 1 argument value failure, 2 interrupted, 3 scripting,
 * 4 general failure, 5 API failure, 6 TTY, 7 {@code :return} value), always followed by {@code !done}.
 *
 * <p>Messages are the ones RouterOS sends where they are known (from its manual and from client
 * libraries that match on them), because drivers match on them: "no such command prefix",
 * "no such item", "unknown parameter", "failure: already have user with this name for this server",
 * "input does not match any value of profile".
 */
final class ApiTrap extends Exception {
    private static final long serialVersionUID = 1L;

    static final int CATEGORY_NONE = -1;
    static final int CATEGORY_ARGUMENT = 1;
    static final int CATEGORY_INTERRUPTED = 2;

    private final int category;

    ApiTrap(String message) {
        this(CATEGORY_NONE, message);
    }

    ApiTrap(int category, String message) {
        super(message, null, false, false);
        this.category = category;
    }

    static ApiTrap noSuchItem() {
        return new ApiTrap("no such item");
    }

    static ApiTrap unknownParameter() {
        return new ApiTrap("unknown parameter");
    }

    static ApiTrap invalidValue(String property) {
        return new ApiTrap(CATEGORY_ARGUMENT, "invalid value for argument " + property);
    }

    static ApiTrap missingValue(String property) {
        return new ApiTrap(CATEGORY_ARGUMENT, "missing value(s) of argument(s) " + property);
    }

    static ApiTrap noMatchingValue(String property) {
        return new ApiTrap(CATEGORY_ARGUMENT, "input does not match any value of " + property);
    }

    /** The category to send, or {@link #CATEGORY_NONE}. */
    int category() {
        return category;
    }
}
