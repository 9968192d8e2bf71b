package com.wispbill.payment.provider;

import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Signatures;
import java.util.Optional;

/** Where each reseller's provider credentials live (Secrets Manager in AWS). */
public interface CredentialsSource {
    /** The reseller's credentials for {@code provider}; empty if the reseller has not set that provider up. */
    Optional<ProviderCredentials> find(String resellerId, PaymentProvider provider);

    /**
     * As {@link #find}, but read past any cache the source keeps (a source may refuse to do that more than once in a
     * while and answer from its cache). Without a cache: {@link #find}.
     */
    default Optional<ProviderCredentials> findUncached(String resellerId, PaymentProvider provider) {
        return find(resellerId, provider);
    }

    /**
     * The credentials to check a callback's {@code pathToken} with: those {@link #find} gives, or, when their path
     * token is another one, those read again ({@link #findUncached}). A token rotated while a cached read still holds
     * the former one (the reseller rotated it, or registering the paybill did) must not make the provider's callbacks
     * to the new URL refused: a refused paybill confirmation is a customer's money with nothing recorded.
     */
    default Optional<ProviderCredentials> findForPathToken(String resellerId, PaymentProvider provider, String pathToken) {
        Optional<ProviderCredentials> found = find(resellerId, provider);
        if (found.isEmpty() || Signatures.textEquals(found.get().callbackPathToken(), pathToken)) {
            return found;
        }
        return findUncached(resellerId, provider);
    }

    /** The secret name for a reseller's provider: {@code wispbill/providers/<resellerId>/<provider>}. */
    static String secretName(String resellerId, PaymentProvider provider) {
        return provider.secretName(resellerId);
    }
}
