package com.wispbill.adapters;

/** A required configuration value is not set: a deployment mistake, reported with the variable's name. */
public final class MissingConfigurationException extends IllegalStateException {
    private final String variable;

    public MissingConfigurationException(String variable) {
        super("Missing configuration: environment variable " + variable + " is not set (locally: system property "
                + Env.SYSTEM_PROPERTY_PREFIX + variable + ")");
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
