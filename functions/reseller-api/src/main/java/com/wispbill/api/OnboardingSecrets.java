package com.wispbill.api;

import com.wispbill.api.service.ProviderCheck;
import com.wispbill.api.service.ResellerSecrets;

/**
 * Where the API keeps resellers' router logins ({@code routerSecretsPrefix}, the router driver's
 * {@code ROUTER_SECRETS_PREFIX}) and provider keys, and how it checks provider keys.
 */
public record OnboardingSecrets(ResellerSecrets secrets, String routerSecretsPrefix, ProviderCheck providerCheck) {
}
