package com.wispbill.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The Secrets Manager operations WISPbill calls (awsJson1.1, target prefix {@code secretsmanager}). */
public final class SecretsManagerApi {
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    public static final String RESOURCE_EXISTS = "ResourceExistsException";

    /** A secret's value as GetSecretValue answered it ({@code value} empty for a binary secret). */
    public record SecretValue(Optional<String> value, String versionId) {}

    private final SignedAwsClient client;

    public SecretsManagerApi(SignedAwsClient client) {
        this.client = client;
    }

    /** With the default read limit. */
    public static SecretsManagerApi create() {
        return new SecretsManagerApi(new SignedAwsClient(AwsService.SECRETS_MANAGER, SignedAwsClient.Options.standard()));
    }

    public static SecretsManagerApi create(SignedAwsClient.Options options) {
        return new SecretsManagerApi(new SignedAwsClient(AwsService.SECRETS_MANAGER, options));
    }

    /** The {@code AWSCURRENT} value; an {@link AwsCallException} {@value #RESOURCE_NOT_FOUND} when there is none. */
    public SecretValue getSecretValue(String secretId) {
        return secretValue(body().put("SecretId", secretId));
    }

    /** The {@code AWSCURRENT} value, or empty when the secret does not exist ({@value #RESOURCE_NOT_FOUND}). */
    public Optional<SecretValue> findSecretValue(String secretId) {
        try {
            return Optional.of(getSecretValue(secretId));
        } catch (AwsCallException e) {
            if (e.is(RESOURCE_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The value labelled {@code versionStage}; {@value #RESOURCE_NOT_FOUND} when no version carries it. */
    public SecretValue getSecretValue(String secretId, String versionStage) {
        return secretValue(body().put("SecretId", secretId).put("VersionStage", versionStage));
    }

    private SecretValue secretValue(ObjectNode request) {
        JsonNode answer = call("GetSecretValue", request);
        JsonNode value = answer.get("SecretString");
        return new SecretValue(value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText()),
                answer.path("VersionId").asText(null));
    }

    /**
     * A new version; {@code versionStages} empty: it becomes {@code AWSCURRENT}. Answers the version id. Without a token
     * of the caller's one is drawn here, once per call: a retry after a lost answer then repeats the same version
     * instead of writing a second one (the SDK's generated client does the same).
     */
    public String putSecretValue(String secretId, String value, Optional<String> clientRequestToken, List<String> versionStages) {
        ObjectNode body = body().put("SecretId", secretId).put("SecretString", value)
                .put("ClientRequestToken", clientRequestToken.orElseGet(SecretsManagerApi::newRequestToken));
        if (!versionStages.isEmpty()) {
            versionStages.forEach(body.putArray("VersionStages")::add);
        }
        return call("PutSecretValue", body).path("VersionId").asText(null);
    }

    public void createSecret(String name, String value, Optional<String> clientRequestToken, String description, Map<String, String> tags) {
        ObjectNode body = body().put("Name", name).put("SecretString", value).put("Description", description)
                .put("ClientRequestToken", clientRequestToken.orElseGet(SecretsManagerApi::newRequestToken));
        if (!tags.isEmpty()) {
            var array = body.putArray("Tags");
            tags.forEach((key, tagValue) -> array.addObject().put("Key", key).put("Value", tagValue));
        }
        call("CreateSecret", body);
    }

    /** Moves {@code stage} to {@code moveToVersionId} (if given), taking it from {@code removeFromVersionId} (if given). */
    public void updateSecretVersionStage(String secretId, String stage, Optional<String> moveToVersionId,
            Optional<String> removeFromVersionId) {
        ObjectNode body = body().put("SecretId", secretId).put("VersionStage", stage);
        moveToVersionId.ifPresent(id -> body.put("MoveToVersionId", id));
        removeFromVersionId.ifPresent(id -> body.put("RemoveFromVersionId", id));
        call("UpdateSecretVersionStage", body);
    }

    public void describeSecret(String secretId) {
        call("DescribeSecret", body().put("SecretId", secretId));
    }

    public void deleteSecretWithoutRecovery(String secretId) {
        call("DeleteSecret", body().put("SecretId", secretId).put("ForceDeleteWithoutRecovery", true));
    }

    /** Secrets Manager takes 32 to 64 characters; a random UUID is what the SDK sends. */
    private static String newRequestToken() {
        return UUID.randomUUID().toString();
    }

    private JsonNode call(String operation, ObjectNode body) {
        return client.awsJson("secretsmanager", operation, body);
    }

    private static ObjectNode body() {
        return Json.LENIENT.createObjectNode();
    }
}
