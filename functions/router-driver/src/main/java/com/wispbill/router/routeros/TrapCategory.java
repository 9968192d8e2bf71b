package com.wispbill.router.routeros;

/** The {@code =category=} of a RouterOS {@code !trap}, from the API manual; {@link #NONE} when the router sent none. */
public enum TrapCategory {
    MISSING_ITEM_OR_COMMAND(0, "missing item or command"),
    ARGUMENT_VALUE_FAILURE(1, "argument value failure"),
    EXECUTION_INTERRUPTED(2, "execution of command interrupted"),
    SCRIPTING_FAILURE(3, "scripting related failure"),
    GENERAL_FAILURE(4, "general failure"),
    API_FAILURE(5, "API related failure"),
    TTY_FAILURE(6, "TTY related failure"),
    RETURN_VALUE(7, "value generated with :return command"),
    NONE(-1, "no category");

    private final int code;
    private final String description;

    TrapCategory(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The category for the text of a {@code =category=} attribute; {@link #NONE} if absent or unknown. */
    public static TrapCategory fromAttribute(String value) {
        if (value == null) {
            return NONE;
        }
        for (TrapCategory category : values()) {
            if (category != NONE && Integer.toString(category.code).equals(value.strip())) {
                return category;
            }
        }
        return NONE;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }
}
