package com.wispbill.api.adapters;

import com.wispbill.api.service.ResellerSecrets;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Resellers' secrets in Secrets Manager. New secrets carry the tag {@code resellerId}, so a policy can also be
 * written on {@code secretsmanager:ResourceTag/resellerId}; the function's own policy limits it to the name prefixes.
 */
public final class SecretsManagerResellerSecrets implements ResellerSecrets {
    public static final String RESELLER_TAG = "resellerId";

    private final SecretsManagerClient secrets;

    public SecretsManagerResellerSecrets(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    @Override
    public void put(String name, String resellerId, String value) {
        try {
            secrets.putSecretValue(b -> b.secretId(name).secretString(value));
        } catch (ResourceNotFoundException e) {
            try {
                secrets.createSecret(b -> b.name(name).secretString(value).description("of reseller " + resellerId)
                        .tags(Tag.builder().key(RESELLER_TAG).value(resellerId).build()));
            } catch (ResourceExistsException raced) {
                // Another request created it between the two calls: this one's value still wins.
                secrets.putSecretValue(b -> b.secretId(name).secretString(value));
            }
        }
    }

    @Override
    public Optional<String> read(String name) {
        try {
            return Optional.ofNullable(secrets.getSecretValue(b -> b.secretId(name)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String name) {
        try {
            secrets.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
        } catch (ResourceNotFoundException e) {
            // Nothing to delete.
        }
    }
}
