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
import com.wispbill.adapters.aws.AwsCallException;
import com.wispbill.adapters.aws.CachedSecrets;
import com.wispbill.adapters.aws.SecretsManagerApi;

/**
 * Credentials from Secrets Manager, cached ({@link CachedSecrets}) for {@link #CACHE_FOR} per
 * secret so a burst of webhooks costs one GetSecretValue per reseller and provider. A rotated secret
 * is picked up within that time; Stripe's rotation overlap (both secrets valid) covers the gap. In
 * production a test-mode key is refused on every read ({@link ProductionStage}), so a key stored before the
 * switch is caught too. Secrets found missing are remembered for {@link UnknownIdCache#DEFAULT_TTL} too
 * ({@link CachedSecrets} keeps only values): a webhook or portal request naming a made-up reseller costs one call, not
 * one each time. Keys the reseller removed ({@link PaymentProvider#REMOVED_KEYS}, a value like any other) are no keys,
 * as a missing secret is, and are cached like keys. A callback whose path token is not the cached one has the secret
 * read again ({@link #findUncached}) at most once per secret in {@link #READ_AGAIN_AT_MOST_EVERY}, so made-up tokens
 * cannot turn into a Secrets Manager call each; so does one of a reseller whose cached secret holds no keys (removed,
 * maybe reconnected since), while a secret found missing is not read again before its time.
 */
public final class SecretsManagerCredentials implements CredentialsSource {
    static final Duration CACHE_FOR = Duration.ofMinutes(5);
    public static final Duration READ_AGAIN_AT_MOST_EVERY = Duration.ofSeconds(10);

    private final CachedSecrets secrets;
    private final UnknownIdCache missing;
    /** Secrets read again lately (a bounded set whose entries expire, as the missing ones are kept). */
    private final UnknownIdCache readAgainLately;
    private final ProductionStage stage;

    /** Outside production: test-mode keys are accepted. */
    public SecretsManagerCredentials(SecretsManagerApi client) {
        this(client, new ProductionStage("test"));
    }

    public SecretsManagerCredentials(SecretsManagerApi client, ProductionStage stage) {
        this(client, stage, Clock.systemUTC());
    }

    public SecretsManagerCredentials(SecretsManagerApi client, ProductionStage stage, Clock clock) {
        this.stage = stage;
        this.secrets = new CachedSecrets(client, CACHE_FOR, clock);
        this.missing = new UnknownIdCache(UnknownIdCache.DEFAULT_TTL, UnknownIdCache.DEFAULT_CAPACITY, clock);
        this.readAgainLately = new UnknownIdCache(READ_AGAIN_AT_MOST_EVERY, UnknownIdCache.DEFAULT_CAPACITY, clock);
    }

    @Override
    public Optional<ProviderCredentials> findUncached(String resellerId, PaymentProvider provider) {
        String name = CredentialsSource.secretName(resellerId, provider);
        synchronized (readAgainLately) {
            if (!readAgainLately.isKnownUnknown(name)) {
                readAgainLately.rememberUnknown(name);
                secrets.forget(name);
            }
        }
        return find(resellerId, provider);
    }

    @Override
    public Optional<ProviderCredentials> findNow(String resellerId, PaymentProvider provider) {
        String name = CredentialsSource.secretName(resellerId, provider);
        missing.forget(name);
        secrets.forget(name);
        return find(resellerId, provider);
    }

    /** Secrets found missing are remembered ({@link #missing}); any other "no keys" is a stored value without keys. */
    @Override
    public boolean storedWithoutKeys(String resellerId, PaymentProvider provider) {
        return find(resellerId, provider).isEmpty()
                && !missing.isKnownUnknown(CredentialsSource.secretName(resellerId, provider));
    }

    @Override
    public Optional<ProviderCredentials> find(String resellerId, PaymentProvider provider) {
        String name = CredentialsSource.secretName(resellerId, provider);
        if (missing.isKnownUnknown(name)) {
            return Optional.empty();
        }
        String json;
        try {
            json = secrets.get(name).orElse(null);
        } catch (AwsCallException e) {
            if (e.is(SecretsManagerApi.RESOURCE_NOT_FOUND)) {
                missing.rememberUnknown(name);
                return Optional.empty();
            }
            throw e;
        }
        if (!PaymentProvider.holdsKeys(json)) {
            return Optional.empty(); // never set, or removed by the reseller
        }
        try {
            return Optional.of(stage.check(provider,
                    new ProviderCredentials(Json.LENIENT.readValue(json, new TypeReference<Map<String, String>>() { }))));
        } catch (IOException e) {
            throw new ProviderConfigurationException("secret " + CredentialsSource.secretName(resellerId, provider)
                    + " is not a JSON object of strings");
        }
    }
}
