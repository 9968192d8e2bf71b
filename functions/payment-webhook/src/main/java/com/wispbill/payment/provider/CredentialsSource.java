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
     * As {@link #find}, read past every cache now, with no bound: for a rare authenticated call that must act on the
     * keys as stored this moment (registering the paybill's URLs). Without a cache: {@link #find}.
     */
    default Optional<ProviderCredentials> findNow(String resellerId, PaymentProvider provider) {
        return find(resellerId, provider);
    }

    /**
     * The credentials to check a callback's {@code pathToken} with: those {@link #find} gives, or, when their path
     * token is another one, those read again ({@link #findUncached}). A token rotated while a cached read still holds
     * the former one (the reseller rotated it, or registering the paybill did) must not make the provider's callbacks
     * to the new URL refused: a refused paybill confirmation is a customer's money with nothing recorded. "No keys"
     * is read again too when the secret exists ({@link #storedWithoutKeys}: keys removed, then maybe reconnected and
     * the paybill registered since), not when there is no secret at all, so made-up reseller ids stay cheap.
     */
    default Optional<ProviderCredentials> findForPathToken(String resellerId, PaymentProvider provider, String pathToken) {
        Optional<ProviderCredentials> found = find(resellerId, provider);
        boolean readAgain = found.isPresent()
                ? !Signatures.textEquals(found.get().callbackPathToken(), pathToken)
                : storedWithoutKeys(resellerId, provider);
        return readAgain ? findUncached(resellerId, provider) : found;
    }

    /**
     * Whether {@link #find} answers "no keys" for a secret that exists (the keys were removed): such an answer may be
     * out of date in a cache. A source without a cache, whose {@link #find} is always current: false.
     */
    default boolean storedWithoutKeys(String resellerId, PaymentProvider provider) {
        return false;
    }

    /** The secret name for a reseller's provider: {@code wispbill/providers/<resellerId>/<provider>}. */
    static String secretName(String resellerId, PaymentProvider provider) {
        return provider.secretName(resellerId);
    }
}
