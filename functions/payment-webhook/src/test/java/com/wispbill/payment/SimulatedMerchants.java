package com.wispbill.payment;

import com.wispbill.domain.payment.CallbackPathTokens;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.wispbill.adapters.Json;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderCredentials;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Gives a reseller a merchant account at a provider stand-in: fresh credentials, registered with the
 * simulator (with the reseller's webhook URL) and stored in Secrets Manager where the functions read
 * them. For tests, the benchmark and the local run; never for real providers.
 */
public final class SimulatedMerchants {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProviderSimulator simulator;
    private final SecretsManagerClient secrets;
    private final URI apiBase;

    /** @param apiBase the HTTP API's base URL (where {@code /webhooks/...} is served) */
    public SimulatedMerchants(ProviderSimulator simulator, SecretsManagerClient secrets, URI apiBase) {
        this.simulator = simulator;
        this.secrets = secrets;
        this.apiBase = apiBase;
    }

    /** The environment the payment functions need to call the stand-ins instead of the real providers. */
    public static Map<String, String> environmentFor(ProviderSimulator simulator) {
        Map<String, String> env = new LinkedHashMap<>();
        // The stand-ins take test-mode keys, which production refuses.
        env.put("STAGE", "local");
        env.put("MPESA_API_URL", simulator.mpesaBaseUrl().toString());
        env.put("PAYSTACK_API_URL", simulator.paystackBaseUrl().toString());
        env.put("STRIPE_API_URL", simulator.stripeBaseUrl().toString());
        env.put("MIDTRANS_SNAP_URL", simulator.midtransBaseUrl().toString());
        env.put("MIDTRANS_API_URL", simulator.midtransBaseUrl().toString());
        return env;
    }

    /** Endpoints of the stand-ins, for adapters built in-process. */
    public static ProviderAdapters.Endpoints endpointsOf(ProviderSimulator simulator) {
        return ProviderAdapters.Endpoints.under(simulator.mpesaBaseUrl(), simulator.paystackBaseUrl(),
                simulator.stripeBaseUrl(), simulator.midtransBaseUrl());
    }

    /** The reseller's webhook URL for {@code provider} with {@code token}. */
    public URI webhookUrl(PaymentProvider provider, String token) {
        String base = apiBase.toString().endsWith("/") ? apiBase.toString().substring(0, apiBase.toString().length() - 1) : apiBase.toString();
        return URI.create(base + "/webhooks/" + provider.slug() + "/" + token);
    }

    /** Creates the merchant account and stores its credentials (replacing earlier ones); returns them. */
    public ProviderCredentials open(String resellerId, PaymentProvider provider) {
        String token = CallbackPathTokens.newToken(resellerId);
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ProviderCredentials.CALLBACK_PATH_TOKEN, token);
        URI webhook = webhookUrl(provider, token);
        switch (provider) {
            case MPESA -> {
                values.put("consumerKey", "ck_" + random());
                values.put("consumerSecret", random());
                // A short code of its own, as every business has: C2B URLs are registered per short code.
                values.put("shortCode", Integer.toString(100_000 + RANDOM.nextInt(900_000)));
                values.put("passkey", random());
                simulator.mpesaMerchant(values.get("consumerKey"), values.get("consumerSecret"), values.get("shortCode"),
                        values.get("passkey"));
            }
            case PAYSTACK -> {
                values.put("secretKey", "sk_test_" + random());
                simulator.paystackMerchant(values.get("secretKey"), webhook);
            }
            case STRIPE -> {
                values.put("secretKey", "sk_test_" + random());
                values.put("webhookSecret", "whsec_" + random());
                simulator.stripeMerchant(values.get("secretKey"), webhook, values.get("webhookSecret"));
            }
            case MIDTRANS -> {
                values.put("serverKey", "SB-Mid-server-" + random());
                simulator.midtransMerchant(values.get("serverKey"), webhook);
            }
        }
        store(resellerId, provider, values);
        return new ProviderCredentials(values);
    }

    /** Stores {@code values} as the reseller's secret for {@code provider}. */
    public void store(String resellerId, PaymentProvider provider, Map<String, String> values) {
        String name = CredentialsSource.secretName(resellerId, provider);
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            secrets.createSecret(b -> b.name(name).secretString(json));
        } catch (ResourceExistsException e) {
            secrets.putSecretValue(b -> b.secretId(name).secretString(json));
        }
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
