package com.wispbill.adapters.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.wispbill.adapters.Json;
import com.wispbill.domain.ValidationException;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Page cursors: DynamoDB's LastEvaluatedKey, encoded opaquely (base64url of a small JSON map).
 *
 * <p>A cursor comes back from a client, so it is untrusted. Decoding checks that it holds exactly the
 * key attributes of the listing and that its partition value is the one the listing queries: a cursor
 * from reseller A's listing cannot be replayed against B (the query's key condition would confine the
 * results to B anyway, but a bad cursor must be a clear 400, not a DynamoDB error).
 */
final class Cursors {
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private Cursors() {
    }

    static Optional<String> encode(Map<String, AttributeValue> lastEvaluatedKey) {
        return encode(lastEvaluatedKey, Map.of());
    }

    /** {@code extra}: listing state beyond the key (e.g. the current expiry bucket), stored under "~name". */
    static Optional<String> encode(Map<String, AttributeValue> lastEvaluatedKey, Map<String, String> extra) {
        if ((lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) && extra.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (lastEvaluatedKey != null) {
            lastEvaluatedKey.forEach((name, value) -> {
                if (value.s() != null) {
                    flat.put(name, "S:" + value.s());
                } else if (value.n() != null) {
                    flat.put(name, "N:" + value.n());
                } else {
                    throw new IllegalStateException("key attribute " + name + " is neither string nor number");
                }
            });
        }
        extra.forEach((name, value) -> flat.put("~" + name, value));
        try {
            return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(flat)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode cursor", e);
        }
    }

    /** A decoded cursor: the start key for the next query (may be empty) and the extra state. */
    record Decoded(Map<String, AttributeValue> startKey, Map<String, String> extra) {
        Optional<Map<String, AttributeValue>> startKeyIfAny() {
            return startKey.isEmpty() ? Optional.empty() : Optional.of(startKey);
        }
    }

    /**
     * Decodes {@code cursor} for a listing whose keys are {@code keyAttributes} and whose partition
     * attribute {@code partitionAttribute} has the value {@code partitionValue} (null: checked by the caller).
     */
    static Decoded decode(String cursor, Set<String> keyAttributes, String partitionAttribute, String partitionValue) {
        Map<String, String> flat;
        try {
            flat = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), MAP);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : flat.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (value == null) {
                throw invalid();
            }
            if (name.startsWith("~")) {
                extra.put(name.substring(1), value);
            } else if (value.startsWith("S:")) {
                key.put(name, AttributeValue.fromS(value.substring(2)));
            } else if (value.startsWith("N:") && value.substring(2).matches("-?\\d{1,38}")) {
                key.put(name, AttributeValue.fromN(value.substring(2)));
            } else {
                throw invalid();
            }
        }
        if (!key.isEmpty()) {
            if (!key.keySet().equals(keyAttributes)) {
                throw invalid();
            }
            AttributeValue partition = key.get(partitionAttribute);
            if (partitionValue != null && (partition == null || !partitionValue.equals(partition.s()))) {
                throw invalid();
            }
        }
        return new Decoded(Map.copyOf(key), Map.copyOf(extra));
    }

    static ValidationException invalid() {
        return new ValidationException("cursor", "is not a cursor of this listing; start again without one");
    }
}
