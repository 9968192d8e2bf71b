package com.wispbill.payment.provider;

import com.wispbill.domain.PaymentProvider;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the deployment runs ({@code STAGE}): in {@code production} the providers' test modes are refused,
 * because a test-mode key takes "payments" that move no money while the platform still grants access and
 * sends SMS. Test mode shows in the key (Paystack and Stripe {@code sk_test_}/{@code rk_test_}, Midtrans
 * {@code SB-Mid-server-}) or, for Daraja and Midtrans, in the API host ({@code sandbox.safaricom.co.ke},
 * {@code *.sandbox.midtrans.com}). Any other stage accepts both.
 */
public record ProductionStage(String stage) {
    public static final String PRODUCTION = "production";

    /** Key prefixes that mark a test-mode key, per provider and credential field. */
    private static final Map<PaymentProvider, Map<String, List<String>>> TEST_KEY_PREFIXES = Map.of(
            PaymentProvider.PAYSTACK, Map.of("secretKey", List.of("sk_test_")),
            PaymentProvider.STRIPE, Map.of("secretKey", List.of("sk_test_", "rk_test_")),
            PaymentProvider.MIDTRANS, Map.of("serverKey", List.of("SB-Mid-server-")));
    private static final List<String> SANDBOX_HOSTS = List.of("sandbox.safaricom.co.ke", ".sandbox.midtrans.com");

    public ProductionStage {
        if (stage == null || !stage.strip().matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("STAGE must be a lower-case name such as production, staging or local, was "
                    + stage);
        }
        stage = stage.strip();
    }

    public boolean isProduction() {
        return stage.equals(PRODUCTION);
    }

    /** Refuses a reseller's test-mode key in production: a configuration error of that reseller's secret. */
    public ProviderCredentials check(PaymentProvider provider, ProviderCredentials credentials) {
        if (!isProduction()) {
            return credentials;
        }
        TEST_KEY_PREFIXES.getOrDefault(provider, Map.of()).forEach((field, prefixes) -> {
            String value = credentials.optional(field).map(String::strip).orElse("");
            prefixes.stream().filter(value::startsWith).findFirst().ifPresent(prefix -> {
                // The prefix only: the rest of the key is a secret.
                throw new ProviderConfigurationException(provider.slug() + " " + field + " is a test-mode key (" + prefix
                        + "...): refused because STAGE is production; store the live key");
            });
        });
        return credentials;
    }

    /** Refuses sandbox API hosts in production; the deployment is misconfigured, so the function does not start. */
    public ProviderAdapters.Endpoints check(ProviderAdapters.Endpoints endpoints) {
        if (isProduction()) {
            for (URI uri : List.of(endpoints.mpesa(), endpoints.paystack(), endpoints.stripe(), endpoints.midtransSnap(),
                    endpoints.midtransApi())) {
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                if (SANDBOX_HOSTS.stream().anyMatch(s -> host.equals(s) || (s.startsWith(".") && host.endsWith(s)))) {
                    throw new IllegalStateException("provider API " + uri + " is a sandbox: refused because STAGE is production");
                }
            }
        }
        return endpoints;
    }
}
