package com.wispbill.router.routeros;

import java.util.Objects;

/**
 * The router refused a command with {@code !trap}. The session stays usable. {@link #trapMessage()} is
 * the router's own text (e.g. "input does not match any value of profile"), which operations match on
 * for the few traps that mean "already done".
 */
public final class RouterOsTrapException extends RouterOsException {
    private final String trapMessage;
    private final TrapCategory category;

    public RouterOsTrapException(String message, TrapCategory category) {
        this(null, message, category);
    }

    /** {@code context} (router and command path) is prepended to the message shown by {@link #getMessage()}. */
    public RouterOsTrapException(String context, String trapMessage, TrapCategory category) {
        super((context == null ? "" : context + ": ") + "router refused the command: " + trapMessage
                + (category == TrapCategory.NONE ? "" : " (category " + category.code() + ", " + category.description() + ")"));
        this.trapMessage = Objects.requireNonNull(trapMessage, "trapMessage");
        this.category = Objects.requireNonNull(category, "category");
    }

    /** The router's message, exactly as sent. */
    public String trapMessage() {
        return trapMessage;
    }

    public TrapCategory category() {
        return category;
    }
}
