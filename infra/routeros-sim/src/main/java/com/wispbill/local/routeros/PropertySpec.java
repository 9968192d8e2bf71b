package com.wispbill.local.routeros;

import java.util.Set;

/**
 * One property of a configuration menu.
 *
 * @param defaultValue stored at add time if the command does not set it; null: absent until set
 *     (RouterOS leaves unset optional properties out of print replies)
 * @param allowedValues if not empty, the only values accepted ("input does not match any value of")
 */
record PropertySpec(String name, ValueKind kind, Access access, String defaultValue, Set<String> allowedValues) {

    enum Access {
        /** Must be given on add, cannot be unset. */
        REQUIRED,
        /** May be given on add and set. */
        WRITABLE,
        /** Computed by the router; printed, never written by commands. */
        READ_ONLY
    }

    static PropertySpec required(String name, ValueKind kind) {
        return new PropertySpec(name, kind, Access.REQUIRED, null, Set.of());
    }

    static PropertySpec optional(String name, ValueKind kind) {
        return new PropertySpec(name, kind, Access.WRITABLE, null, Set.of());
    }

    static PropertySpec withDefault(String name, ValueKind kind, String defaultValue) {
        return new PropertySpec(name, kind, Access.WRITABLE, defaultValue, Set.of());
    }

    static PropertySpec oneOf(String name, String defaultValue, Set<String> allowedValues) {
        return new PropertySpec(name, ValueKind.TEXT, Access.WRITABLE, defaultValue, allowedValues);
    }

    static PropertySpec readOnly(String name, ValueKind kind) {
        return new PropertySpec(name, kind, Access.READ_ONLY, null, Set.of());
    }

    /**
     * The stored form of a value given in a command.
     *
     * @return null if the value unsets the property (an empty optional text such as a comment)
     */
    String canonical(String input) throws ApiTrap {
        if (input.isEmpty() && kind == ValueKind.TEXT && access == Access.WRITABLE && defaultValue == null) {
            return null;
        }
        if (input.isEmpty() && access == Access.REQUIRED) {
            throw ApiTrap.missingValue(name);
        }
        if (!allowedValues.isEmpty()) {
            if (!allowedValues.contains(input)) {
                throw ApiTrap.noMatchingValue(name);
            }
            return input;
        }
        try {
            return kind.canonical(input);
        } catch (IllegalArgumentException e) {
            throw ApiTrap.invalidValue(name);
        }
    }
}
