package com.wispbill.api.adapters;

import com.wispbill.api.service.ResellerSecrets;
import com.wispbill.adapters.aws.AwsCallException;
import com.wispbill.adapters.aws.SecretsManagerApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
 *
 * <p>{@link #remove} is that swap to a tombstone, after which the label {@code AWSPREVIOUS} (which Secrets Manager
 * moved to the removed value) is taken off it: no one can read it by stage any more. Secrets Manager keeps a version
 * without labels as deprecated, readable by its version id to whoever may read the secret, and removes deprecated
 * versions only when the secret has more than 100 versions (none younger than 24 hours): keys that must stop working
 * at once are rotated at the provider. A plain {@link #replace} keeps the previous value as {@code AWSPREVIOUS}.
 */
public final class SecretsManagerResellerSecrets implements ResellerSecrets {
    public static final String RESELLER_TAG = "resellerId";
    /** The staging label of a value not (yet) current. */
    static final String PROPOSED = "WISPBILL_PROPOSED";
    private static final String CURRENT = "AWSCURRENT";
    private static final String PREVIOUS = "AWSPREVIOUS";
    /** What Secrets Manager answers when a label is not on the version {@code RemoveFromVersionId} names. */
    private static final String INVALID_PARAMETER = "InvalidParameterException";

    private final SecretsManagerApi secrets;

    public SecretsManagerResellerSecrets(SecretsManagerApi secrets) {
        this.secrets = secrets;
    }

    @Override
    public void put(String name, String resellerId, String value) {
        try {
            secrets.putSecretValue(name, value, Optional.empty(), List.of());
        } catch (AwsCallException e) {
            if (!e.is(SecretsManagerApi.RESOURCE_NOT_FOUND)) {
                throw e;
            }
            try {
                secrets.createSecret(name, value, Optional.empty(), "of reseller " + resellerId, Map.of(RESELLER_TAG, resellerId));
            } catch (AwsCallException raced) {
                if (!raced.is(SecretsManagerApi.RESOURCE_EXISTS)) {
                    throw raced;
                }
                // Another request created it between the two calls: this one's value still wins.
                secrets.putSecretValue(name, value, Optional.empty(), List.of());
            }
        }
    }

    @Override
    public Optional<String> read(String name) {
        return readVersioned(name).map(Versioned::value);
    }

    @Override
    public Optional<Versioned> readVersioned(String name) {
        return secrets.findSecretValue(name)
                .flatMap(current -> current.value().map(value -> new Versioned(value, current.versionId())));
    }

    @Override
    public String replace(String name, String resellerId, String value, Optional<String> expectedVersion) {
        String version = UUID.randomUUID().toString();
        if (expectedVersion.isEmpty()) {
            try {
                secrets.createSecret(name, value, Optional.of(version), "of reseller " + resellerId, Map.of(RESELLER_TAG, resellerId));
                return version;
            } catch (AwsCallException e) {
                if (e.is(SecretsManagerApi.RESOURCE_EXISTS)) {
                    if (isCurrent(name, version)) {
                        return version; // ours: an earlier attempt created it and its answer was lost
                    }
                    throw new StaleVersionException(name + " was created by another request");
                }
                throw e;
            }
        }
        String expected = expectedVersion.get();
        try {
            secrets.putSecretValue(name, value, Optional.of(version), List.of(PROPOSED));
        } catch (AwsCallException e) {
            if (e.is(SecretsManagerApi.RESOURCE_NOT_FOUND)) {
                throw new StaleVersionException(name + " was deleted by another request");
            }
            throw e;
        }
        try {
            secrets.updateSecretVersionStage(name, CURRENT, Optional.of(version), Optional.of(expected));
            return version;
        } catch (AwsCallException e) {
            Optional<String> current = readVersioned(name).map(Versioned::version);
            if (current.isPresent() && current.get().equals(version)) {
                return version; // the move was made by an earlier attempt whose answer was lost; its retry found it done
            }
            if (current.isPresent() && current.get().equals(expected)) {
                throw e; // not the compare: the label is still where we expected it
            }
            try {
                secrets.updateSecretVersionStage(name, PROPOSED, Optional.empty(), Optional.of(version));
            } catch (AwsCallException cleanup) {
                // Another writer's proposal took the label already; an unlabelled version is Secrets Manager's to remove.
            }
            throw new StaleVersionException(name + " is at version " + current.orElse("(deleted)") + ", not " + expected);
        }
    }

    @Override
    public String remove(String name, String resellerId, String tombstone, String expectedVersion) {
        String version = replace(name, resellerId, tombstone, Optional.of(expectedVersion));
        // False: the label is not on the removed version (any more): a later write moved it on, or a retry of this
        // call whose first answer was lost already took it off. Either way the removed value has no label left.
        forgetPrevious(name, expectedVersion);
        return version;
    }

    @Override
    public Optional<Versioned> readPrevious(String name) {
        try {
            SecretsManagerApi.SecretValue previous = secrets.getSecretValue(name, PREVIOUS);
            return previous.value().map(value -> new Versioned(value, previous.versionId()));
        } catch (AwsCallException e) {
            if (e.is(SecretsManagerApi.RESOURCE_NOT_FOUND)) {
                return Optional.empty(); // no secret, or no version labelled previous
            }
            throw e;
        }
    }

    @Override
    public boolean forgetPrevious(String name, String removedVersion) {
        try {
            // RemoveFromVersionId makes it conditional: Secrets Manager refuses when the label is on another version.
            secrets.updateSecretVersionStage(name, PREVIOUS, Optional.empty(), Optional.of(removedVersion));
            return true;
        } catch (AwsCallException e) {
            if (!e.is(INVALID_PARAMETER)) {
                throw e;
            }
            return false;
        }
    }

    private boolean isCurrent(String name, String version) {
        return readVersioned(name).map(Versioned::version).filter(version::equals).isPresent();
    }

    @Override
    public void delete(String name) {
        try {
            secrets.deleteSecretWithoutRecovery(name);
        } catch (AwsCallException e) {
            if (!e.is(SecretsManagerApi.RESOURCE_NOT_FOUND)) {
                throw e;
            }
            // Nothing to delete.
        }
    }
}
