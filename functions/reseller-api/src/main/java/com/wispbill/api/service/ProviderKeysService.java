package com.wispbill.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.wispbill.adapters.Json;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.payment.CallbackPathTokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reseller's payment-provider keys, write-only: checked against the provider, then stored in the secret the
 * payment functions read ({@link PaymentProvider#secretName}), with the reseller's webhook path token. The token is
 * answered when it is made (first connection, or a rotation) and never again; replacing the keys keeps it, so the
 * URL configured at the provider keeps working.
 *
 * <p>Writes are compare-and-swap ({@link ResellerSecrets#replace}): a connection is shown with its {@code version}
 * (the secret's current version id), new keys are stored only over the version the client sends back (none: only
 * if the provider is not connected), so of two people editing the keys the second is told (409, {@link StaleKeys})
 * instead of silently replacing the first one's keys; nothing is changed then.
 */
public final class ProviderKeysService {
    /** The fields each provider's adapter reads (payment-webhook's {@code *Adapter}); required unless listed optional. */
    private static final Map<PaymentProvider, List<String>> REQUIRED = Map.of(
            PaymentProvider.MPESA, List.of("consumerKey", "consumerSecret", "shortCode", "passkey"),
            PaymentProvider.PAYSTACK, List.of("secretKey"),
            PaymentProvider.STRIPE, List.of("secretKey", "webhookSecret"),
            PaymentProvider.MIDTRANS, List.of("serverKey"));
    private static final Map<PaymentProvider, List<String>> OPTIONAL = Map.of(
            PaymentProvider.MPESA, List.of("transactionType", "partyB"),
            PaymentProvider.PAYSTACK, List.of(),
            PaymentProvider.STRIPE, List.of(),
            PaymentProvider.MIDTRANS, List.of());
    private static final Pattern VALUE = Pattern.compile("[!-~]{1,512}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{5,7}");
    private static final Set<String> MPESA_TRANSACTION_TYPES = Set.of("CustomerPayBillOnline", "CustomerBuyGoodsOnline");

    private final ResellerSecrets secrets;
    private final ProviderCheck check;
    private final Clock clock;

    public ProviderKeysService(ResellerSecrets secrets, ProviderCheck check, Clock clock) {
        this.secrets = secrets;
        this.check = check;
        this.clock = clock;
    }

    /**
     * A provider's connection as shown: never a key. {@code webhookPath} only when its token was just made;
     * {@code version}: what an update must send back (empty when not connected).
     */
    public record Connection(PaymentProvider provider, boolean connected, Optional<String> webhookPath,
                             Optional<String> version) {
    }

    /** The keys are not at the version the update was based on: someone else changed them; nothing was stored. */
    public static final class StaleKeys extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Optional<String> currentVersion;

        StaleKeys(PaymentProvider provider, Optional<String> currentVersion) {
            super("the " + provider.slug() + " keys were changed since this version was read: read them again (GET "
                    + "/v1/providers) and send the version it shows" + (currentVersion.isEmpty() ? " (not connected: none)" : ""));
            this.currentVersion = currentVersion;
        }

        /** The version now stored (empty: not connected), to read again. */
        public Optional<String> currentVersion() {
            return currentVersion;
        }
    }

    public record CheckResult(PaymentProvider provider, boolean accepted, String detail, Instant checkedAt) {
    }

    public static PaymentProvider provider(String slug) {
        return PaymentProvider.fromSlug(slug);
    }

    /** The fields a provider's keys have: the required ones, then the optional ones. */
    public static List<String> fieldsOf(PaymentProvider provider) {
        List<String> all = new ArrayList<>(REQUIRED.get(provider));
        all.addAll(OPTIONAL.get(provider));
        return all;
    }

    /** Every provider, connected or not. */
    public List<Connection> list(Reseller reseller) {
        List<Connection> all = new ArrayList<>();
        for (PaymentProvider p : PaymentProvider.values()) {
            Optional<Stored> stored = stored(reseller, p);
            all.add(new Connection(p, stored.isPresent(), Optional.empty(), stored.map(Stored::version)));
        }
        return all;
    }

    /**
     * Checks {@code keys} with the provider and stores them over {@code expectedVersion} (the version the client read;
     * empty for a first connection). A refusal is a 400 on the key fields; a version that is no longer the stored one
     * is {@link StaleKeys}, found before the provider is asked and again when storing; both store nothing.
     */
    public Connection connect(Reseller reseller, PaymentProvider provider, Map<String, String> keys,
                              Optional<String> expectedVersion, List<FieldError> inputErrors) {
        Validation v = new Validation();
        v.addAll(inputErrors);
        validate(provider, keys, v);
        v.throwIfInvalid();
        Optional<Stored> before = stored(reseller, provider);
        requireVersion(provider, before, expectedVersion);
        refuseUnless(provider, check.check(provider, keys));
        Optional<String> token = before.map(b -> b.value().get(CALLBACK_PATH_TOKEN)).filter(t -> t != null && !t.isBlank());
        Map<String, String> value = new LinkedHashMap<>(keys);
        String kept = token.orElseGet(() -> CallbackPathTokens.newToken(reseller.id()));
        value.put(CALLBACK_PATH_TOKEN, kept);
        String version = store(reseller, provider, value, before);
        return new Connection(provider, true, token.isPresent() ? Optional.empty() : Optional.of(webhookPath(provider, kept)),
                Optional.of(version));
    }

    /** A new webhook path token (the old URL stops working at once): answered this once. */
    public Connection rotateWebhookToken(Reseller reseller, PaymentProvider provider) {
        Stored before = stored(reseller, provider).orElseThrow(() -> notConnected(provider));
        Map<String, String> value = new LinkedHashMap<>(before.value());
        String token = CallbackPathTokens.newToken(reseller.id());
        value.put(CALLBACK_PATH_TOKEN, token);
        // Over the version read: keys replaced meanwhile are not overwritten with the ones read here.
        String version = store(reseller, provider, value, Optional.of(before));
        return new Connection(provider, true, Optional.of(webhookPath(provider, token)), Optional.of(version));
    }

    /** Checks the stored keys again (e.g. after the reseller changed them at the provider). */
    public CheckResult test(Reseller reseller, PaymentProvider provider) {
        Map<String, String> keys = new LinkedHashMap<>(stored(reseller, provider).orElseThrow(() -> notConnected(provider)).value());
        keys.remove(CALLBACK_PATH_TOKEN);
        ProviderCheck.Outcome outcome = check.check(provider, keys);
        return new CheckResult(provider, outcome.accepted(), outcome.detail(), clock.instant());
    }

    /** Forgets the keys: the portal stops offering the provider at once (its catalogue reads the secret). */
    public void disconnect(Reseller reseller, PaymentProvider provider) {
        secrets.delete(provider.secretName(reseller.id()));
    }

    private static final String CALLBACK_PATH_TOKEN = "callbackPathToken";

    private static String webhookPath(PaymentProvider provider, String token) {
        return "/webhooks/" + provider.slug() + "/" + token;
    }

    private static NotFoundException notConnected(PaymentProvider provider) {
        return new NotFoundException("Provider connection", provider.slug());
    }

    private static void refuseUnless(PaymentProvider provider, ProviderCheck.Outcome outcome) {
        if (!outcome.accepted()) {
            throw new ValidationException(REQUIRED.get(provider).stream().map(f -> new FieldError(f,
                    provider.slug() + " refused these keys: " + outcome.detail())).toList());
        }
    }

    private static void validate(PaymentProvider provider, Map<String, String> keys, Validation v) {
        for (String field : REQUIRED.get(provider)) {
            String value = keys.get(field);
            if (value == null) {
                v.add(new FieldError(field, "is required for " + provider.slug()));
            }
        }
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String field = e.getKey();
            if (!REQUIRED.get(provider).contains(field) && !OPTIONAL.get(provider).contains(field)) {
                v.add(new FieldError(field, "is not a " + provider.slug() + " field; expected "
                        + REQUIRED.get(provider) + " and optionally " + OPTIONAL.get(provider)));
            } else if (!VALUE.matcher(e.getValue()).matches()) {
                v.add(new FieldError(field, "must be 1-512 printable characters without spaces"));
            }
        }
        if (provider == PaymentProvider.MPESA) {
            Optional.ofNullable(keys.get("shortCode")).ifPresent(s -> v.check(DIGITS.matcher(s).matches(), "shortCode",
                    "must be the 5-7 digit paybill or till number"));
            Optional.ofNullable(keys.get("transactionType")).ifPresent(t -> v.check(MPESA_TRANSACTION_TYPES.contains(t),
                    "transactionType", "must be one of " + MPESA_TRANSACTION_TYPES));
        }
    }

    /** The stored keys (with the webhook token) and the version they are. */
    private record Stored(Map<String, String> value, String version) {
    }

    private Optional<Stored> stored(Reseller reseller, PaymentProvider provider) {
        return secrets.readVersioned(provider.secretName(reseller.id())).filter(s -> !s.value().isBlank()).map(secret -> {
            try {
                return new Stored(Json.LENIENT.readValue(secret.value(), new TypeReference<Map<String, String>>() { }),
                        secret.version());
            } catch (IOException e) {
                throw new IllegalStateException("secret " + provider.secretName(reseller.id()) + " is not a JSON object of strings");
            }
        });
    }

    private static void requireVersion(PaymentProvider provider, Optional<Stored> stored, Optional<String> expected) {
        Optional<String> current = stored.map(Stored::version);
        if (!current.equals(expected)) {
            throw new StaleKeys(provider, current);
        }
    }

    private String store(Reseller reseller, PaymentProvider provider, Map<String, String> value, Optional<Stored> over) {
        try {
            return secrets.replace(provider.secretName(reseller.id()), reseller.id(), write(value), over.map(Stored::version));
        } catch (ResellerSecrets.StaleVersionException e) {
            throw new StaleKeys(provider, stored(reseller, provider).map(Stored::version));
        }
    }

    private static String write(Map<String, String> value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write provider keys", e);
        }
    }
}
