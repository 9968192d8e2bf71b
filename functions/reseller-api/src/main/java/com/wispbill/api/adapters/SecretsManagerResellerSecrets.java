package com.wispbill.api.adapters;

import com.wispbill.api.service.ResellerSecrets;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Resellers' secrets in Secrets Manager. New secrets carry the tag {@code resellerId}, so a policy can also be
 * written on {@code secretsmanager:ResourceTag/resellerId}; the function's own policy limits it to the name prefixes.
 *
 * <p>{@link #replace} is a compare-and-swap on the version Secrets Manager labels {@code AWSCURRENT}: the new value
 * is put as a version labelled {@link #PROPOSED} only (readers keep reading {@code AWSCURRENT}), then
 * {@code UpdateSecretVersionStage} moves {@code AWSCURRENT} to it with {@code RemoveFromVersionId} = the expected
 * version, which Secrets Manager refuses when the label is on another version: of two writers that read the same
 * version, one wins, the other changes nothing (its proposed version is left unlabelled, for Secrets Manager to
 * clean up).
 */
public final class SecretsManagerResellerSecrets implements ResellerSecrets {
    public static final String RESELLER_TAG = "resellerId";
    /** The staging label of a value not (yet) current. */
    static final String PROPOSED = "WISPBILL_PROPOSED";
    private static final String CURRENT = "AWSCURRENT";

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
    public Optional<Versioned> readVersioned(String name) {
        try {
            GetSecretValueResponse current = secrets.getSecretValue(b -> b.secretId(name));
            return Optional.ofNullable(current.secretString()).map(value -> new Versioned(value, current.versionId()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public String replace(String name, String resellerId, String value, Optional<String> expectedVersion) {
        String version = UUID.randomUUID().toString();
        if (expectedVersion.isEmpty()) {
            try {
                secrets.createSecret(b -> b.name(name).secretString(value).clientRequestToken(version)
                        .description("of reseller " + resellerId).tags(Tag.builder().key(RESELLER_TAG).value(resellerId).build()));
                return version;
            } catch (ResourceExistsException e) {
                throw new StaleVersionException(name + " was created by another request");
            }
        }
        String expected = expectedVersion.get();
        try {
            secrets.putSecretValue(b -> b.secretId(name).secretString(value).clientRequestToken(version).versionStages(PROPOSED));
        } catch (ResourceNotFoundException e) {
            throw new StaleVersionException(name + " was deleted by another request");
        }
        try {
            secrets.updateSecretVersionStage(b -> b.secretId(name).versionStage(CURRENT).moveToVersionId(version)
                    .removeFromVersionId(expected));
            return version;
        } catch (SecretsManagerException e) {
            Optional<String> current = readVersioned(name).map(Versioned::version);
            if (current.isPresent() && current.get().equals(expected)) {
                throw e; // not the compare: the label is still where we expected it
            }
            try {
                secrets.updateSecretVersionStage(b -> b.secretId(name).versionStage(PROPOSED).removeFromVersionId(version));
            } catch (SecretsManagerException cleanup) {
                // Another writer's proposal took the label already; an unlabelled version is Secrets Manager's to remove.
            }
            throw new StaleVersionException(name + " is at version " + current.orElse("(deleted)") + ", not " + expected);
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
