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

    /** A provider's connection as shown: never a key. {@code webhookPath} only when its token was just made. */
    public record Connection(PaymentProvider provider, boolean connected, Optional<String> webhookPath) {
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
            all.add(new Connection(p, stored(reseller, p).isPresent(), Optional.empty()));
        }
        return all;
    }

    /**
     * Checks {@code keys} with the provider and stores them. A refusal is a 400 on the key fields and stores nothing.
     */
    public Connection connect(Reseller reseller, PaymentProvider provider, Map<String, String> keys, List<FieldError> inputErrors) {
        Validation v = new Validation();
        v.addAll(inputErrors);
        validate(provider, keys, v);
        v.throwIfInvalid();
        refuseUnless(provider, check.check(provider, keys));
        Optional<Map<String, String>> before = stored(reseller, provider);
        Optional<String> token = before.map(b -> b.get(CALLBACK_PATH_TOKEN)).filter(t -> t != null && !t.isBlank());
        Map<String, String> value = new LinkedHashMap<>(keys);
        String kept = token.orElseGet(() -> CallbackPathTokens.newToken(reseller.id()));
        value.put(CALLBACK_PATH_TOKEN, kept);
        secrets.put(provider.secretName(reseller.id()), reseller.id(), write(value));
        return new Connection(provider, true, token.isPresent() ? Optional.empty() : Optional.of(webhookPath(provider, kept)));
    }

    /** A new webhook path token (the old URL stops working at once): answered this once. */
    public Connection rotateWebhookToken(Reseller reseller, PaymentProvider provider) {
        Map<String, String> value = new LinkedHashMap<>(stored(reseller, provider).orElseThrow(() -> notConnected(provider)));
        String token = CallbackPathTokens.newToken(reseller.id());
        value.put(CALLBACK_PATH_TOKEN, token);
        secrets.put(provider.secretName(reseller.id()), reseller.id(), write(value));
        return new Connection(provider, true, Optional.of(webhookPath(provider, token)));
    }

    /** Checks the stored keys again (e.g. after the reseller changed them at the provider). */
    public CheckResult test(Reseller reseller, PaymentProvider provider) {
        Map<String, String> keys = new LinkedHashMap<>(stored(reseller, provider).orElseThrow(() -> notConnected(provider)));
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

    private Optional<Map<String, String>> stored(Reseller reseller, PaymentProvider provider) {
        return secrets.read(provider.secretName(reseller.id())).filter(s -> !s.isBlank()).map(json -> {
            try {
                return Json.LENIENT.readValue(json, new TypeReference<Map<String, String>>() { });
            } catch (IOException e) {
                throw new IllegalStateException("secret " + provider.secretName(reseller.id()) + " is not a JSON object of strings");
            }
        });
    }

    private static String write(Map<String, String> value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write provider keys", e);
        }
    }
}
