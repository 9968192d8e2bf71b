package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.AwsClients;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.WebhookRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keys a reseller removed (the API writes {@link PaymentProvider#REMOVED_KEYS} over them: Secrets Manager cannot delete
 * conditionally) are no keys for the payment functions, exactly like keys never set: the portal does not offer the
 * provider and a webhook on the old path is refused as for a reseller without keys.
 */
class RemovedProviderKeysTest {
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void removedKeysAreNoKeysForThePortalAndTheWebhook() {
        PaymentFixture.Tenant t = f.kenyanTenant();
        String oldToken = t.token(PaymentProvider.PAYSTACK);
        String name = CredentialsSource.secretName(t.id(), PaymentProvider.PAYSTACK);
        f.secrets.putSecretValue(b -> b.secretId(name).secretString(PaymentProvider.REMOVED_KEYS));
        // Read fresh: the fixture's own adapter may hold the keys for its cache time, as a warm function would.
        SecretsManagerCredentials credentials = new SecretsManagerCredentials(AwsClients.newSecretsManager());

        assertTrue(credentials.find(t.id(), PaymentProvider.PAYSTACK).isEmpty());
        assertTrue(credentials.find(t.id(), PaymentProvider.MPESA).isPresent(), "the other providers' keys stay");
        List<String> offered = new PurchaseService(f.repos, f.adapters, credentials, f.api, f.generousPortalLimits(), f.clock)
                .catalogue(t.portalId()).providers();
        assertEquals(List.of("mpesa", "stripe", "midtrans"), offered);

        WebhookProcessor webhook = new WebhookProcessor(f.adapters, credentials, f.repos, f.settlement, f.security, f.clock);
        WebhookRequest callback = new WebhookRequest(Map.of(), "{}".getBytes());
        String neverSet = "reseller-without-keys." + "ab".repeat(32);
        assertEquals(webhook.handle("paystack", neverSet, callback), webhook.handle("paystack", oldToken, callback),
                "answered as for a reseller that never set keys");
    }
}
