package com.wispbill.notify.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.notify.WhatsAppAccount;
import com.wispbill.notify.WhatsAppAccounts;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * A reseller's number from the secret {@code <prefix><resellerId>} (JSON: {@code phoneNumberId},
 * {@code accessToken}, {@code appSecret}, {@code verifyToken}). No secret: no WhatsApp for that reseller.
 */
public final class SecretsManagerWhatsAppAccounts implements WhatsAppAccounts {
    private final SecretsManagerClient secrets;
    private final String prefix;

    public SecretsManagerWhatsAppAccounts(SecretsManagerClient secrets, String prefix) {
        this.secrets = secrets;
        this.prefix = prefix;
    }

    @Override
    public Optional<WhatsAppAccount> account(String resellerId) {
        String json;
        try {
            json = secrets.getSecretValue(b -> b.secretId(prefix + resellerId)).secretString();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            String id = root.path("phoneNumberId").asText("");
            String token = root.path("accessToken").asText("");
            String appSecret = root.path("appSecret").asText("");
            return id.isEmpty() || token.isEmpty() || appSecret.isEmpty() ? Optional.empty()
                    : Optional.of(new WhatsAppAccount(id, token, appSecret, root.path("verifyToken").asText("")));
        } catch (IOException e) {
            throw new IllegalStateException("WhatsApp secret of reseller " + resellerId + " is not JSON");
        }
    }
}
