package com.wispbill.payment.adapters;

import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.ProductionStage;
import com.wispbill.payment.provider.ProviderConfigurationException;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.UnknownIdCache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.wispbill.adapters.Json;
import com.wispbill.domain.PaymentProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * Credentials from Secrets Manager through Powertools parameters, cached for {@link #CACHE_FOR} per
 * secret so a burst of webhooks costs one GetSecretValue per reseller and provider. A rotated secret
 * is picked up within that time; Stripe's rotation overlap (both secrets valid) covers the gap. In
 * production a test-mode key is refused on every read ({@link ProductionStage}), so a key stored before the
 * switch is caught too. Secrets found missing are remembered for {@link UnknownIdCache#DEFAULT_TTL} too
 * (Powertools caches only values): a webhook or portal request naming a made-up reseller costs one call, not
 * one each time.
 */
public final class SecretsManagerCredentials implements CredentialsSource {
    static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final SecretsProvider secrets;
    private final UnknownIdCache missing = new UnknownIdCache(UnknownIdCache.DEFAULT_TTL, UnknownIdCache.DEFAULT_CAPACITY,
            Clock.systemUTC());
    private final ProductionStage stage;

    /** Outside production: test-mode keys are accepted. */
    public SecretsManagerCredentials(SecretsManagerClient client) {
        this(client, new ProductionStage("test"));
    }

    public SecretsManagerCredentials(SecretsManagerClient client, ProductionStage stage) {
        this.stage = stage;
        CacheManager cache = new CacheManager();
        cache.setDefaultExpirationTime(CACHE_FOR);
        this.secrets = SecretsProvider.builder().withClient(client).withCacheManager(cache).build();
    }

    @Override
    public Optional<ProviderCredentials> find(String resellerId, PaymentProvider provider) {
        String name = CredentialsSource.secretName(resellerId, provider);
        if (missing.isKnownUnknown(name)) {
            return Optional.empty();
        }
        String json;
        try {
            json = secrets.get(name);
        } catch (RuntimeException e) {
            if (isNotFound(e)) {
                missing.rememberUnknown(name);
                return Optional.empty();
            }
            throw e;
        }
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(stage.check(provider,
                    new ProviderCredentials(Json.LENIENT.readValue(json, new TypeReference<Map<String, String>>() { }))));
        } catch (IOException e) {
            throw new ProviderConfigurationException("secret " + CredentialsSource.secretName(resellerId, provider)
                    + " is not a JSON object of strings");
        }
    }

    private static boolean isNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ResourceNotFoundException) {
                return true;
            }
        }
        return false;
    }
}
