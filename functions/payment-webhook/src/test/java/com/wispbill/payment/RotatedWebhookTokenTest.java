package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.payment.CallbackPathTokens;
import com.wispbill.local.providers.Callback;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.WebhookRequest;
import org.junit.jupiter.api.Test;

/**
 * A provider callback on a webhook token rotated while a warm function still caches the former one is checked against
 * the keys read again, not refused (the provider would give up on it, the customer having paid).
 */
class RotatedWebhookTokenTest {
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void aPaystackCallbackOnATokenRotatedAfterTheKeysWereCachedSettlesThePayment() throws Exception {
        PaymentFixture.Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.PAYSTACK, "+254711000091");
        Callback genuine = f.simulator.pay(f.referenceOf(t, paymentId));
        // A warm webhook function: it read the keys with the token they had.
        SecretsManagerCredentials credentials = new SecretsManagerCredentials(AwsClients.newSecretsManager());
        assertEquals(t.token(PaymentProvider.PAYSTACK),
                credentials.find(t.id(), PaymentProvider.PAYSTACK).orElseThrow().callbackPathToken());

        // The reseller rotates the token (the API writes the keys with a new one).
        String rotated = CallbackPathTokens.newToken(t.id());
        String name = CredentialsSource.secretName(t.id(), PaymentProvider.PAYSTACK);
        ObjectNode keys = (ObjectNode) Json.MAPPER.readTree(f.secrets.getSecretValue(b -> b.secretId(name)).secretString());
        keys.put("callbackPathToken", rotated);
        f.secrets.putSecretValue(b -> b.secretId(name).secretString(keys.toString()));

        WebhookProcessor webhook = new WebhookProcessor(f.adapters, credentials, f.repos, f.settlement, f.security, f.clock);
        WebhookRequest callback = new WebhookRequest(genuine.headers(), genuine.body());
        assertEquals(200, webhook.handle("paystack", rotated, callback).status());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
        assertEquals(f.adapters.get(PaymentProvider.PAYSTACK).rejectedStatus(),
                webhook.handle("paystack", t.token(PaymentProvider.PAYSTACK), callback).status(), "the former token is refused");
    }
}
