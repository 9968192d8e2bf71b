package com.wispbill.payment.provider;

import com.wispbill.domain.PaymentProvider;
import java.util.Optional;

/** Where each reseller's provider credentials live (Secrets Manager in AWS). */
public interface CredentialsSource {
    /** The reseller's credentials for {@code provider}; empty if the reseller has not set that provider up. */
    Optional<ProviderCredentials> find(String resellerId, PaymentProvider provider);

    /** The secret name for a reseller's provider: {@code wispbill/providers/<resellerId>/<provider>}. */
    static String secretName(String resellerId, PaymentProvider provider) {
        return provider.secretName(resellerId);
    }
}
