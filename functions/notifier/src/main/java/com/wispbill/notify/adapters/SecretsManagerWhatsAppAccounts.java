package com.wispbill.notify.adapters;

import com.wispbill.adapters.WhatsAppSecretJson;
import com.wispbill.notify.WhatsAppAccount;
import com.wispbill.notify.WhatsAppAccounts;
import java.util.Optional;
import com.wispbill.adapters.aws.SecretsManagerApi;

/**
 * A reseller's number from the secret {@code <prefix><resellerId>} (JSON: {@code phoneNumberId},
 * {@code accessToken}, {@code appSecret}, {@code verifyToken}). No secret: no WhatsApp for that reseller.
 */
public final class SecretsManagerWhatsAppAccounts implements WhatsAppAccounts {
    private final SecretsManagerApi secrets;
    private final String prefix;

    public SecretsManagerWhatsAppAccounts(SecretsManagerApi secrets, String prefix) {
        this.secrets = secrets;
        this.prefix = prefix;
    }

    @Override
    public Optional<WhatsAppAccount> account(String resellerId) {
        Optional<SecretsManagerApi.SecretValue> stored = secrets.findSecretValue(prefix + resellerId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String json = stored.get().value().orElse(null);
        WhatsAppSecretJson.Fields secret;
        try {
            secret = WhatsAppSecretJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("WhatsApp secret of reseller " + resellerId + " is not a JSON object");
        }
        return secret.phoneNumberId().isEmpty() || secret.accessToken().isEmpty() || secret.appSecret().isEmpty()
                ? Optional.empty()
                : Optional.of(new WhatsAppAccount(secret.phoneNumberId(), secret.accessToken(), secret.appSecret(),
                        secret.verifyToken()));
    }
}
