package com.wispbill.payment.provider;

import java.util.Map;
import java.util.Optional;

/**
 * One reseller's merchant credentials for one provider (the JSON object stored in Secrets Manager as
 * {@code wispbill/providers/<resellerId>/<provider>}). Every provider's object has
 * {@code callbackPathToken}: the secret last segment of the reseller's webhook URL.
 */
public record ProviderCredentials(Map<String, String> values) {
    public static final String CALLBACK_PATH_TOKEN = "callbackPathToken";

    public ProviderCredentials {
        values = Map.copyOf(values);
    }

    /** A required field; a missing one is a configuration error of this reseller's secret. */
    public String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new ProviderConfigurationException("the provider credentials have no '" + name + "'");
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    public String callbackPathToken() {
        return require(CALLBACK_PATH_TOKEN);
    }

    /** Secrets: show which fields exist, never their values. */
    @Override
    public String toString() {
        return "ProviderCredentials" + values.keySet();
    }
}
