package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.PaymentProvider;
import com.wispbill.payment.PaymentFixture.Tenant;
import com.wispbill.payment.provider.ProductionStage;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderConfigurationException;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code STAGE=production} the providers' test modes are refused with an error naming the field and
 * the prefix (never the key): test keys read from Secrets Manager, sandbox API hosts at start. Any other
 * stage accepts them (the stand-ins use test keys).
 */
class TestModeKeysTest {
    private final PaymentFixture f = PaymentFixture.get();

    private SecretsManagerCredentials credentials(String stage) {
        return new SecretsManagerCredentials(com.wispbill.adapters.AwsClients.newSecretsManager(), new ProductionStage(stage));
    }

    @Test
    void testModeKeysAreRefusedInProductionWithAClearErrorAndAcceptedInOtherStages() {
        Tenant t = f.kenyanTenant();
        SecretsManagerCredentials production = credentials("production");
        Map<PaymentProvider, String> expected = Map.of(PaymentProvider.PAYSTACK, "paystack secretKey is a test-mode key (sk_test_...)",
                PaymentProvider.STRIPE, "stripe secretKey is a test-mode key (sk_test_...)",
                PaymentProvider.MIDTRANS, "midtrans serverKey is a test-mode key (SB-Mid-server-...)");
        expected.forEach((provider, message) -> {
            ProviderConfigurationException refused = assertThrows(ProviderConfigurationException.class,
                    () -> production.find(t.id(), provider), provider.name());
            assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
            assertTrue(refused.getMessage().contains("STAGE is production"), refused.getMessage());
            String key = t.credentials().get(provider).optional("secretKey")
                    .orElseGet(() -> t.credentials().get(provider).require("serverKey"));
            assertFalse(refused.getMessage().contains(key.substring(key.length() - 8)), "the key is not in the message");
        });
        assertTrue(production.find(t.id(), PaymentProvider.MPESA).isPresent(), "Daraja keys show no mode; its host does");

        for (String stage : List.of("staging", "local")) {
            SecretsManagerCredentials other = credentials(stage);
            for (PaymentProvider provider : PaymentProvider.values()) {
                assertEquals(t.credentials().get(provider), other.find(t.id(), provider).orElseThrow(), stage + " " + provider);
            }
        }
    }

    @Test
    void liveKeysAreAcceptedInProduction() {
        Tenant t = f.kenyanTenant();
        f.merchants.store(t.id(), PaymentProvider.STRIPE, Map.of("callbackPathToken", t.token(PaymentProvider.STRIPE),
                "secretKey", "rk_live_51abc", "webhookSecret", "whsec_live"));
        f.merchants.store(t.id(), PaymentProvider.MIDTRANS, Map.of("callbackPathToken", t.token(PaymentProvider.MIDTRANS),
                "serverKey", "Mid-server-abc"));
        f.merchants.store(t.id(), PaymentProvider.PAYSTACK, Map.of("callbackPathToken", t.token(PaymentProvider.PAYSTACK),
                "secretKey", "rk_test_is_not_a_paystack_prefix"));
        SecretsManagerCredentials production = credentials("production");
        assertEquals("rk_live_51abc", production.find(t.id(), PaymentProvider.STRIPE).orElseThrow().require("secretKey"));
        assertEquals("Mid-server-abc", production.find(t.id(), PaymentProvider.MIDTRANS).orElseThrow().require("serverKey"));
        assertTrue(production.find(t.id(), PaymentProvider.PAYSTACK).isPresent());

        f.merchants.store(t.id(), PaymentProvider.STRIPE, Map.of("callbackPathToken", t.token(PaymentProvider.STRIPE),
                "secretKey", " rk_test_51abc", "webhookSecret", "whsec_live"));
        assertThrows(ProviderConfigurationException.class, () -> credentials("production").find(t.id(), PaymentProvider.STRIPE),
                "restricted test keys too, also behind a space (a new reader: secrets are cached)");
    }

    @Test
    void sandboxApiHostsStopAProductionFunctionFromStarting() {
        URI live = URI.create("https://api.paystack.co");
        ProviderAdapters.Endpoints darajaSandbox = new ProviderAdapters.Endpoints(URI.create("https://sandbox.safaricom.co.ke"),
                live, live, URI.create("https://app.midtrans.com"), URI.create("https://api.midtrans.com"));
        ProviderAdapters.Endpoints midtransSandbox = new ProviderAdapters.Endpoints(URI.create("https://api.safaricom.co.ke"),
                live, live, URI.create("https://app.sandbox.midtrans.com"), URI.create("https://api.sandbox.midtrans.com"));
        ProductionStage production = new ProductionStage("production");
        for (ProviderAdapters.Endpoints sandbox : List.of(darajaSandbox, midtransSandbox)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> production.check(sandbox));
            assertTrue(refused.getMessage().contains("sandbox"), refused.getMessage());
            assertEquals(sandbox, new ProductionStage("staging").check(sandbox));
        }
        ProviderAdapters.Endpoints liveHosts = new ProviderAdapters.Endpoints(URI.create("https://api.safaricom.co.ke"),
                live, URI.create("https://api.stripe.com"), URI.create("https://app.midtrans.com"), URI.create("https://api.midtrans.com"));
        assertEquals(liveHosts, production.check(liveHosts));
        assertThrows(IllegalArgumentException.class, () -> new ProductionStage("Production "), "a stage is a lower-case name");
    }
}
