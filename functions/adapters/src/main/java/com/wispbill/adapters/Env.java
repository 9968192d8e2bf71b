package com.wispbill.adapters;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The only way function code reads configuration. Each value comes from the environment variable of
 * that name (what template.yaml sets in AWS), or else from the system property
 * {@code wispbill.env.<NAME>}, which the in-process local stack sets because one JVM hosts several
 * functions there. A build check greps handlers for {@code Env.require}/{@code Env.optional} calls
 * against the template, so always pass the variable name as a literal.
 *
 * <p>Blank values count as missing: an empty {@code ENTITY_TABLE} is a deployment error, not a table.
 */
public final class Env {
    public static final String SYSTEM_PROPERTY_PREFIX = "wispbill.env.";

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private Env() {
    }

    /** The value of {@code name}, or {@link MissingConfigurationException} naming it. */
    public static String require(String name) {
        return optional(name).orElseThrow(() -> new MissingConfigurationException(name));
    }

    /** The value of {@code name} if set and not blank. */
    public static Optional<String> optional(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("configuration names are UPPER_SNAKE_CASE, got '" + name + "'");
        }
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(SYSTEM_PROPERTY_PREFIX + name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
