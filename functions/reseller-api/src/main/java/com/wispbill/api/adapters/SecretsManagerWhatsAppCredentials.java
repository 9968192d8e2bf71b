package com.wispbill.api.adapters;

import com.wispbill.adapters.WhatsAppSecretJson;
import com.wispbill.api.service.WhatsAppConnection;
import com.wispbill.api.service.WhatsAppCredentials;
import com.wispbill.domain.Ids;
import com.wispbill.domain.ValidationException;
import java.util.Optional;
import com.wispbill.adapters.aws.SecretsManagerApi;

/**
 * The secret {@code <prefix><resellerId>}, JSON {@code phoneNumberId}, {@code accessToken}, {@code appSecret},
 * {@code verifyToken}: the form the notifier's {@code SecretsManagerWhatsAppAccounts} and the WhatsApp webhook read.
 */
public final class SecretsManagerWhatsAppCredentials implements WhatsAppCredentials {
    private final SecretsManagerApi secrets;
    private final String prefix;

    public SecretsManagerWhatsAppCredentials(SecretsManagerApi secrets, String prefix) {
        this.secrets = secrets;
        this.prefix = prefix;
    }

    @Override
    public void save(String resellerId, WhatsAppConnection connection) {
        String name = name(resellerId);
        String value = WhatsAppSecretJson.write(new WhatsAppSecretJson.Fields(connection.phoneNumberId(),
                connection.accessToken(), connection.appSecret(), connection.verifyToken()));
        new SecretsManagerResellerSecrets(secrets).put(name, resellerId, value);
    }

    @Override
    public Optional<String> phoneNumberId(String resellerId) {
        Optional<String> stored = new SecretsManagerResellerSecrets(secrets).read(name(resellerId));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String json = stored.get();
        try {
            String id = WhatsAppSecretJson.read(json).phoneNumberId();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String name(String resellerId) {
        if (!Ids.isValid(resellerId)) {
            throw new ValidationException("resellerId", "is not a valid id");
        }
        return prefix + resellerId;
    }
}
