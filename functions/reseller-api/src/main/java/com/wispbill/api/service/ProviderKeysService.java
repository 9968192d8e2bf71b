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
import java.util.function.Supplier;
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
 * instead of silently replacing the first one's keys; nothing is changed then. A removal is such a write too: Secrets
 * Manager cannot delete conditionally, so the keys are replaced by {@link PaymentProvider#REMOVED_KEYS} over the
 * version read ({@link ResellerSecrets#remove}: the removed keys are not kept as the previous version, so no stage reads them), and every
 * reader takes that value for "not connected" ({@link PaymentProvider#holdsKeys}). The next
 * connection is then a first one again (no version), stored over the removal's own version.
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
            Optional<Stored> stored = current(reseller, p).keys();
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
        Current before = current(reseller, provider);
        requireVersion(provider, before, expectedVersion);
        refuseUnless(provider, check.check(provider, keys));
        Optional<String> token = before.keys().map(b -> b.value().get(CALLBACK_PATH_TOKEN)).filter(t -> t != null && !t.isBlank());
        Map<String, String> value = new LinkedHashMap<>(keys);
        String kept = token.orElseGet(() -> CallbackPathTokens.newToken(reseller.id()));
        value.put(CALLBACK_PATH_TOKEN, kept);
        String version = store(reseller, provider, write(value), before);
        return new Connection(provider, true, token.isPresent() ? Optional.empty() : Optional.of(webhookPath(provider, kept)),
                Optional.of(version));
    }

    /** A new webhook path token (the old URL stops working at once): answered this once. */
    public Connection rotateWebhookToken(Reseller reseller, PaymentProvider provider) {
        Current before = current(reseller, provider);
        Map<String, String> value = new LinkedHashMap<>(before.keys().orElseThrow(() -> notConnected(provider)).value());
        String token = CallbackPathTokens.newToken(reseller.id());
        value.put(CALLBACK_PATH_TOKEN, token);
        // Over the version read: keys replaced meanwhile are not overwritten with the ones read here.
        String version = store(reseller, provider, write(value), before);
        return new Connection(provider, true, Optional.of(webhookPath(provider, token)), Optional.of(version));
    }

    /** Checks the stored keys again (e.g. after the reseller changed them at the provider). */
    public CheckResult test(Reseller reseller, PaymentProvider provider) {
        Map<String, String> keys = new LinkedHashMap<>(current(reseller, provider).keys().orElseThrow(() -> notConnected(provider)).value());
        keys.remove(CALLBACK_PATH_TOKEN);
        ProviderCheck.Outcome outcome = check.check(provider, keys);
        return new CheckResult(provider, outcome.accepted(), outcome.detail(), clock.instant());
    }

    /**
     * Removes the keys while they are still at {@code expectedVersion} (the version the client read; empty: it read
     * "not connected", and then there is nothing to remove), else {@link StaleKeys} and the keys stay. The payment
     * functions (portal catalogue, webhooks) take the keys as gone once their cached read of the secret expires.
     */
    public void disconnect(Reseller reseller, PaymentProvider provider, Optional<String> expectedVersion) {
        Current before = current(reseller, provider);
        if (finishesRemoval(reseller, provider, before, expectedVersion)) {
            return;
        }
        requireVersion(provider, before, expectedVersion);
        if (before.keys().isPresent()) {
            // Removed keys are not kept as the previous version: a reseller removing leaked keys expects no reader to find them by stage.
            overVersionRead(reseller, provider, () -> secrets.remove(provider.secretName(reseller.id()), reseller.id(),
                    PaymentProvider.REMOVED_KEYS, before.keys().get().version()));
        }
    }

    /**
     * The retry of a removal whose first step (the tombstone) was made and whose second (taking the previous-version
     * label off the removed keys) failed: the client sends the version it read, which is now the previous one, still
     * holding keys. Finishing the second step is the removal it asked for; any other version is stale, as before.
     */
    private boolean finishesRemoval(Reseller reseller, PaymentProvider provider, Current before, Optional<String> expectedVersion) {
        if (before.keys().isPresent() || before.secretVersion().isEmpty() || expectedVersion.isEmpty()) {
            return false;
        }
        String name = provider.secretName(reseller.id());
        boolean removedKeysStillPrevious = secrets.readPrevious(name)
                .filter(previous -> previous.version().equals(expectedVersion.get()) && PaymentProvider.holdsKeys(previous.value()))
                .isPresent();
        return removedKeysStillPrevious && secrets.forgetPrevious(name, expectedVersion.get());
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

    /**
     * The secret as read: its keys, if it holds some, and the version of whatever it holds (keys or
     * {@link PaymentProvider#REMOVED_KEYS}; empty: no secret), which a write replaces. Clients see only the keys'
     * version: removed keys are "not connected", as if never set.
     */
    private record Current(Optional<Stored> keys, Optional<String> secretVersion) {
        Optional<String> shownVersion() {
            return keys.map(Stored::version);
        }
    }

    private Current current(Reseller reseller, PaymentProvider provider) {
        Optional<ResellerSecrets.Versioned> secret = secrets.readVersioned(provider.secretName(reseller.id()));
        Optional<Stored> keys = secret.filter(s -> PaymentProvider.holdsKeys(s.value())).map(s -> {
            try {
                return new Stored(Json.LENIENT.readValue(s.value(), new TypeReference<Map<String, String>>() { }), s.version());
            } catch (IOException e) {
                throw new IllegalStateException("secret " + provider.secretName(reseller.id()) + " is not a JSON object of strings");
            }
        });
        return new Current(keys, secret.map(ResellerSecrets.Versioned::version));
    }

    private static void requireVersion(PaymentProvider provider, Current current, Optional<String> expected) {
        if (!current.shownVersion().equals(expected)) {
            throw new StaleKeys(provider, current.shownVersion());
        }
    }

    private String store(Reseller reseller, PaymentProvider provider, String value, Current over) {
        return overVersionRead(reseller, provider,
                () -> secrets.replace(provider.secretName(reseller.id()), reseller.id(), value, over.secretVersion()));
    }

    /** A compare-and-swap write of the secret; another writer's change since the read is {@link StaleKeys}. */
    private String overVersionRead(Reseller reseller, PaymentProvider provider, Supplier<String> write) {
        try {
            return write.get();
        } catch (ResellerSecrets.StaleVersionException e) {
            throw new StaleKeys(provider, current(reseller, provider).shownVersion());
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
