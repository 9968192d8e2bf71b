package com.wispbill.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A Secrets Manager-compatible endpoint (AWS JSON 1.1, {@code X-Amz-Target: secretsmanager.<Op>}) for
 * what the functions and the local run use: {@code CreateSecret}, {@code GetSecretValue},
 * {@code PutSecretValue} (with {@code VersionStages}), {@code UpdateSecret}, {@code UpdateSecretVersionStage},
 * {@code DescribeSecret}, {@code DeleteSecret} and {@code ListSecrets}. Router passwords and provider keys live here in the local run exactly as they
 * would in AWS, so the real {@code SecretsManagerClient} (and Powertools parameters on top of it) is
 * what reads them.
 *
 * <p>Each secret keeps its versions; {@code AWSCURRENT} moves to the newest and the previous one
 * becomes {@code AWSPREVIOUS}, as in AWS. A version put with other {@code VersionStages} leaves {@code AWSCURRENT}
 * where it is; {@code UpdateSecretVersionStage} moves a label, and refuses (as AWS) to take it from a version other
 * than {@code RemoveFromVersionId}: the compare-and-swap the reseller API's provider keys rely on. Secret values are
 * never logged.
 */
public final class SecretsManagerEndpoint {

    /** A response ready to be written. */
    record Response(int status, byte[] body) {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final String CURRENT = "AWSCURRENT";
    private static final String PREVIOUS = "AWSPREVIOUS";
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final String region;
    private final String accountId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Secret> secretsByName = new LinkedHashMap<>();

    private static final class Secret {
        final String name;
        final String arn;
        final Instant createdAt;
        String description = "";
        final List<Version> versions = new ArrayList<>();
        Optional<Instant> deletedAt = Optional.empty();

        Secret(String name, String arn, Instant createdAt) {
            this.name = name;
            this.arn = arn;
            this.createdAt = createdAt;
        }

        Optional<Version> byStage(String stage) {
            return versions.stream().filter(v -> v.stages.contains(stage)).findFirst();
        }
    }

    private record Version(String id, String secretString, String secretBinary, Instant createdAt, List<String> stages) {}

    private static final class ApiError extends RuntimeException {
        final String type;

        ApiError(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    SecretsManagerEndpoint(String region, String accountId, Clock clock) {
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
    }

    /** Names of the secrets that exist (not deleted), for the stack summary. */
    public synchronized List<String> secretNames() {
        return secretsByName.values().stream().filter(s -> s.deletedAt.isEmpty()).map(s -> s.name).toList();
    }

    /**
     * Creates a template's {@code AWS::SecretsManager::Secret} (as CloudFormation would: a given value, or
     * one generated like {@code GenerateSecretString}) and returns its ARN, what {@code !Ref} answers.
     */
    synchronized String provision(String name, String description, String value) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("Name", name).put("Description", description)
                .put("SecretString", value);
        return create(request).get("ARN").asText();
    }

    /** A random value like {@code GenerateSecretString} with {@code ExcludePunctuation}: letters and digits. */
    String generatedValue(int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return value.toString();
    }

    Response handle(String target, byte[] body) {
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        try {
            JsonNode request = body.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
            if (request == null || !request.isObject()) {
                throw new ApiError("InvalidRequestException", "The request body must be a JSON object");
            }
            ObjectNode result;
            synchronized (this) {
                result = switch (operation) {
                    case "CreateSecret" -> create(request);
                    case "GetSecretValue" -> getValue(request);
                    case "PutSecretValue" -> putValue(request);
                    case "UpdateSecret" -> update(request);
                    case "UpdateSecretVersionStage" -> updateStage(request);
                    case "DescribeSecret" -> describe(request);
                    case "DeleteSecret" -> delete(request);
                    case "ListSecrets" -> list();
                    default -> throw new ApiError("InvalidAction", "The embedded Secrets Manager does not support '" + operation + "'");
                };
            }
            return new Response(200, Json.MAPPER.writeValueAsBytes(result));
        } catch (ApiError e) {
            return error(e.type, e.getMessage());
        } catch (IOException e) {
            return error("InvalidRequestException", "The request body is not valid JSON");
        }
    }

    private ObjectNode create(JsonNode request) {
        String name = requiredText(request, "Name");
        if (!NAME.matcher(name).matches()) {
            throw new ApiError("InvalidParameterException", "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
        }
        Secret existing = secretsByName.get(name);
        if (existing != null && existing.deletedAt.isEmpty()) {
            throw new ApiError("ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
        }
        Secret secret = new Secret(name, arn(name), clock.instant());
        secret.description = request.path("Description").asText("");
        secretsByName.put(name, secret);
        Version version = addVersion(secret, request);
        return identity(secret).put("VersionId", version.id());
    }

    private ObjectNode getValue(JsonNode request) {
        Secret secret = live(requiredText(request, "SecretId"));
        Version version;
        if (request.hasNonNull("VersionId")) {
            String id = request.get("VersionId").asText();
            version = secret.versions.stream().filter(v -> v.id().equals(id)).findFirst()
                    .orElseThrow(() -> notFound("version " + id + " of " + secret.name));
        } else {
            String stage = request.path("VersionStage").asText(CURRENT);
            version = secret.byStage(stage).orElseThrow(() -> notFound("stage " + stage + " of " + secret.name));
        }
        ObjectNode result = identity(secret).put("VersionId", version.id());
        if (version.secretString() != null) {
            result.put("SecretString", version.secretString());
        }
        if (version.secretBinary() != null) {
            result.put("SecretBinary", version.secretBinary());
        }
        ArrayNode stages = result.putArray("VersionStages");
        version.stages().forEach(stages::add);
        result.put("CreatedDate", epochSeconds(version.createdAt()));
        return result;
    }

    private ObjectNode putValue(JsonNode request) {
        Secret secret = live(requiredText(request, "SecretId"));
        Version version = addVersion(secret, request);
        ObjectNode result = identity(secret).put("VersionId", version.id());
        ArrayNode stages = result.putArray("VersionStages");
        version.stages().forEach(stages::add);
        return result;
    }

    private ObjectNode update(JsonNode request) {
        Secret secret = live(requiredText(request, "SecretId"));
        if (request.has("Description")) {
            secret.description = request.get("Description").asText("");
        }
        ObjectNode result = identity(secret);
        if (request.hasNonNull("SecretString") || request.hasNonNull("SecretBinary")) {
            result.put("VersionId", addVersion(secret, request).id());
        }
        return result;
    }

    private ObjectNode describe(JsonNode request) {
        Secret secret = find(requiredText(request, "SecretId"));
        ObjectNode result = identity(secret);
        result.put("Description", secret.description);
        result.put("CreatedDate", epochSeconds(secret.createdAt));
        secret.deletedAt.ifPresent(at -> result.put("DeletedDate", epochSeconds(at)));
        ObjectNode stages = result.putObject("VersionIdsToStages");
        for (Version v : secret.versions) {
            if (!v.stages().isEmpty()) {
                ArrayNode list = stages.putArray(v.id());
                v.stages().forEach(list::add);
            }
        }
        return result;
    }

    private ObjectNode delete(JsonNode request) {
        Secret secret = live(requiredText(request, "SecretId"));
        Instant now = clock.instant();
        if (request.path("ForceDeleteWithoutRecovery").asBoolean(false)) {
            secretsByName.remove(secret.name);
        } else {
            secret.deletedAt = Optional.of(now);
        }
        return identity(secret).put("DeletionDate", epochSeconds(now));
    }

    private ObjectNode list() {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("SecretList");
        for (Secret secret : secretsByName.values()) {
            if (secret.deletedAt.isEmpty()) {
                list.add(identity(secret).put("Description", secret.description).put("CreatedDate", epochSeconds(secret.createdAt)));
            }
        }
        return result;
    }

    private ObjectNode updateStage(JsonNode request) {
        Secret secret = live(requiredText(request, "SecretId"));
        String stage = requiredText(request, "VersionStage");
        Optional<String> moveTo = Optional.ofNullable(request.get("MoveToVersionId")).filter(JsonNode::isTextual).map(JsonNode::asText);
        Optional<String> removeFrom = Optional.ofNullable(request.get("RemoveFromVersionId")).filter(JsonNode::isTextual).map(JsonNode::asText);
        moveTo.ifPresent(id -> secret.versions.stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> notFound("version " + id + " of " + secret.name)));
        Optional<Version> holder = secret.byStage(stage);
        if (holder.isPresent() && !holder.get().id().equals(moveTo.orElse(null))
                && !holder.get().id().equals(removeFrom.orElse(null))) {
            throw new ApiError("InvalidParameterException", "The staging label " + stage + " is attached to version "
                    + holder.get().id() + ", not the RemoveFromVersionId " + removeFrom.orElse("(none)") + ".");
        }
        if (holder.isEmpty() && removeFrom.isPresent()) {
            throw new ApiError("InvalidParameterException", "The staging label " + stage + " is not attached to version "
                    + removeFrom.get() + ".");
        }
        boolean current = stage.equals(CURRENT) && moveTo.isPresent() && holder.isPresent()
                && !holder.get().id().equals(moveTo.get());
        List<Version> updated = new ArrayList<>();
        for (Version v : secret.versions) {
            List<String> stages = new ArrayList<>(v.stages());
            stages.remove(stage);
            if (current) {
                // As AWS: AWSPREVIOUS follows to the version AWSCURRENT left.
                stages.remove(PREVIOUS);
                if (v.id().equals(holder.get().id())) {
                    stages.add(PREVIOUS);
                }
            }
            if (moveTo.isPresent() && v.id().equals(moveTo.get())) {
                stages.add(stage);
            }
            updated.add(new Version(v.id(), v.secretString(), v.secretBinary(), v.createdAt(), List.copyOf(stages)));
        }
        secret.versions.clear();
        secret.versions.addAll(updated);
        return identity(secret);
    }

    private Version addVersion(Secret secret, JsonNode request) {
        boolean hasString = request.hasNonNull("SecretString");
        boolean hasBinary = request.hasNonNull("SecretBinary");
        if (hasString == hasBinary) {
            throw new ApiError("InvalidParameterException", "You must provide either SecretString or SecretBinary, not both or neither.");
        }
        String versionId = request.hasNonNull("ClientRequestToken") ? request.get("ClientRequestToken").asText() : UUID.randomUUID().toString();
        Optional<Version> sameToken = secret.versions.stream().filter(v -> v.id().equals(versionId)).findFirst();
        if (sameToken.isPresent()) {
            // An idempotent retry with the same token and value is a no-op; another value is an error, as in AWS.
            Version v = sameToken.get();
            boolean same = hasString ? request.get("SecretString").asText().equals(v.secretString())
                    : request.get("SecretBinary").asText().equals(v.secretBinary());
            if (!same) {
                throw new ApiError("ResourceExistsException", "A version with ClientRequestToken " + versionId + " already exists with a different value.");
            }
            return v;
        }
        List<String> newStages = new ArrayList<>();
        if (request.path("VersionStages").isArray() && !request.path("VersionStages").isEmpty()) {
            request.path("VersionStages").forEach(stage -> newStages.add(stage.asText()));
        } else {
            newStages.add(CURRENT);
        }
        boolean becomesCurrent = newStages.contains(CURRENT);
        List<Version> updated = new ArrayList<>();
        for (Version v : secret.versions) {
            List<String> stages = new ArrayList<>(v.stages());
            // A label is on one version at a time: the new version takes the ones it is put with.
            stages.removeIf(stage -> !stage.equals(CURRENT) && !stage.equals(PREVIOUS) && newStages.contains(stage));
            if (becomesCurrent) {
                stages.remove(PREVIOUS);
                if (stages.remove(CURRENT)) {
                    stages.add(PREVIOUS);
                }
            }
            updated.add(new Version(v.id(), v.secretString(), v.secretBinary(), v.createdAt(), List.copyOf(stages)));
        }
        Version version = new Version(versionId, hasString ? request.get("SecretString").asText() : null,
                hasBinary ? request.get("SecretBinary").asText() : null, clock.instant(), List.copyOf(newStages));
        updated.add(version);
        secret.versions.clear();
        secret.versions.addAll(updated);
        return version;
    }

    private Secret live(String secretId) {
        Secret secret = find(secretId);
        if (secret.deletedAt.isPresent()) {
            throw new ApiError("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.");
        }
        return secret;
    }

    private Secret find(String secretId) {
        Secret byName = secretsByName.get(secretId);
        if (byName != null) {
            return byName;
        }
        // A full ARN, or a partial one without the random six-character suffix, as AWS accepts.
        return secretsByName.values().stream()
                .filter(s -> s.arn.equals(secretId) || s.arn.equals(secretId + s.arn.substring(s.arn.length() - 7)))
                .findFirst()
                .orElseThrow(() -> notFound(secretId));
    }

    private static ApiError notFound(String what) {
        return new ApiError("ResourceNotFoundException", "Secrets Manager can't find the specified secret" + (what.isEmpty() ? "" : ": " + what) + ".");
    }

    private ObjectNode identity(Secret secret) {
        return Json.MAPPER.createObjectNode().put("ARN", secret.arn).put("Name", secret.name);
    }

    private String arn(String name) {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + suffix;
    }

    private static BigDecimal epochSeconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3);
    }

    private static String requiredText(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ApiError("InvalidParameterException", "The parameter " + field + " is required.");
        }
        return value.asText();
    }

    private static Response error(String type, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("__type", type).put("Message", message);
        try {
            return new Response(400, Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
