package com.wispbill.router.adapters;

import com.wispbill.router.credentials.RouterCredentialsException;
import com.wispbill.router.credentials.RouterCredentialsSource;
import com.wispbill.router.credentials.RouterSecret;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.Router;
import com.wispbill.router.routeros.RouterOsCredentials;
import java.io.IOException;
import com.wispbill.adapters.aws.CachedSecrets;
import com.wispbill.adapters.aws.SecretsManagerApi;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Router credentials from Secrets Manager ({@code <prefix><resellerId>/<routerId>}, JSON, see
 * {@link RouterSecret}), cached for {@link #CACHE_FOR} per execution environment. A forced refresh
 * forgets the cached value, so the read goes to Secrets Manager and caches the new value.
 */
public final class SecretsManagerRouterCredentials implements RouterCredentialsSource {
    static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final CachedSecrets secrets;
    private final String prefix;

    public SecretsManagerRouterCredentials(SecretsManagerApi client, String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.secrets = new CachedSecrets(client, CACHE_FOR, Clock.systemUTC());
    }

    /** The secret's name for a router. */
    public String secretName(Router router) {
        return prefix + router.resellerId() + "/" + router.id();
    }

    @Override
    public RouterSecret credentials(Router router) {
        return read(router);
    }

    @Override
    public RouterSecret refreshedCredentials(Router router) {
        secrets.forget(secretName(router));
        return read(router);
    }

    private RouterSecret read(Router router) {
        String name = secretName(router);
        String json;
        try {
            json = secrets.get(name).orElse(null);
        } catch (RuntimeException e) {
            throw new RouterCredentialsException("cannot read router credentials secret " + name + ": "
                    + e.getClass().getSimpleName(), e);
        }
        return parse(name, json);
    }

    static RouterSecret parse(String name, String json) {
        JsonNode root;
        try {
            root = json == null ? null : Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new RouterCredentialsException("secret " + name + " is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new RouterCredentialsException("secret " + name + " must be a JSON object with username and password");
        }
        JsonNode username = root.get("username");
        JsonNode password = root.get("password");
        if (username == null || !username.isTextual() || password == null || !password.isTextual()) {
            throw new RouterCredentialsException("secret " + name + " must have string fields username and password");
        }
        JsonNode ca = root.get("caCertificatePem");
        try {
            return new RouterSecret(new RouterOsCredentials(username.asText(), password.asText()),
                    ca != null && ca.isTextual() ? Optional.of(ca.asText()) : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new RouterCredentialsException("secret " + name + ": " + e.getMessage());
        }
    }
}
