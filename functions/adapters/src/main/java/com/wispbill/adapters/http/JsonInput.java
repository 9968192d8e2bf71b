package com.wispbill.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Reads a JSON request body field by field, collecting every type error as a {@link FieldError}
 * (instead of failing on the first like data binding does), so a client learns all that is wrong with
 * one request. {@link #finish()} also reports fields the request does not have, a typo like
 * {@code "prise"} being an error rather than silently ignored. {@code resellerId} is the exception: the
 * tenant always comes from the API key, so a {@code resellerId} in a body is ignored, not honoured.
 */
public final class JsonInput {
    /** Ignored wherever it appears: the tenant comes from the key. */
    public static final String IGNORED_TENANT_FIELD = "resellerId";

    private static final ObjectMapper CANONICAL = Json.MAPPER.copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final ObjectNode node;
    private final String prefix;
    private final Validation validation;
    private final Set<String> read = new HashSet<>();
    private final List<JsonInput> children = new ArrayList<>();
    private boolean unknownCollected;

    private JsonInput(ObjectNode node, String prefix, Validation validation) {
        this.node = node;
        this.prefix = prefix;
        this.validation = validation;
    }

    /** Parses a request body that must be one JSON object; an empty body reads as {@code {}}. */
    public static JsonInput parse(byte[] body) {
        if (body.length == 0) {
            return new JsonInput(Json.MAPPER.createObjectNode(), "", new Validation());
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ValidationException("body", "is not valid JSON" + where);
        } catch (IOException e) {
            throw new ValidationException("body", "could not be read");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new ValidationException("body", "must be a JSON object");
        }
        return new JsonInput((ObjectNode) parsed, "", new Validation());
    }

    /**
     * SHA-256 (hex) of the body in a canonical form (object keys sorted, no whitespace), so a retry that
     * re-serialises the same request hashes alike and any other request does not.
     */
    public String canonicalHash() {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(node, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a parsed JSON body", e);
        }
    }

    private String path(String name) {
        return prefix + name;
    }

    private Optional<JsonNode> value(String name) {
        read.add(name);
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    public Optional<String> optionalString(String name) {
        Optional<JsonNode> v = value(name);
        if (v.isPresent() && !v.get().isTextual()) {
            validation.add(new FieldError(path(name), "must be a string"));
            return Optional.empty();
        }
        return v.map(JsonNode::asText);
    }

    /** A required string; missing reads as null with an error recorded. */
    public String string(String name) {
        return required(name, optionalString(name));
    }

    /** {@code value}, or null with "is required" recorded unless the field already has an error. */
    private <T> T required(String name, Optional<T> value) {
        if (value.isEmpty() && !hasErrorFor(name)) {
            validation.add(new FieldError(path(name), "is required"));
        }
        return value.orElse(null);
    }

    public Optional<Long> optionalLong(String name) {
        Optional<JsonNode> v = value(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = v.get();
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            validation.add(new FieldError(path(name), n.isNumber()
                    ? "must be a whole number" : "must be a number, not " + n.getNodeType().name().toLowerCase()));
            return Optional.empty();
        }
        return Optional.of(n.longValue());
    }

    public Long longValue(String name) {
        return required(name, optionalLong(name));
    }

    public Optional<Integer> optionalInt(String name) {
        return optionalLong(name).flatMap(l -> {
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                validation.add(new FieldError(path(name), "is out of range"));
                return Optional.empty();
            }
            return Optional.of(l.intValue());
        });
    }

    public Integer intValue(String name) {
        return required(name, optionalInt(name));
    }

    public Optional<Boolean> optionalBoolean(String name) {
        Optional<JsonNode> v = value(name);
        if (v.isPresent() && !v.get().isBoolean()) {
            validation.add(new FieldError(path(name), "must be true or false"));
            return Optional.empty();
        }
        return v.map(JsonNode::booleanValue);
    }

    /** A required array of strings. */
    public List<String> stringList(String name) {
        Optional<JsonNode> v = value(name);
        if (v.isEmpty()) {
            validation.add(new FieldError(path(name), "is required"));
            return null;
        }
        if (!v.get().isArray()) {
            validation.add(new FieldError(path(name), "must be an array of strings"));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.get().size(); i++) {
            JsonNode item = v.get().get(i);
            if (!item.isTextual()) {
                validation.add(new FieldError(path(name) + "[" + i + "]", "must be a string"));
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    /** A nested object; its fields are reported as {@code name.field}. */
    public Optional<JsonInput> optionalObject(String name) {
        Optional<JsonNode> v = value(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!v.get().isObject()) {
            validation.add(new FieldError(path(name), "must be an object"));
            return Optional.empty();
        }
        JsonInput child = new JsonInput((ObjectNode) v.get(), path(name) + ".", validation);
        children.add(child);
        return Optional.of(child);
    }

    /** Records a problem found while interpreting a field's value. */
    public void error(String name, String message) {
        validation.add(new FieldError(path(name), message));
    }

    /** The errors of a domain check, renamed into this request's field names. */
    public void addAll(ValidationException e) {
        e.errors().forEach(err -> validation.add(new FieldError(path(err.field()), err.message())));
    }

    public boolean hasErrorFor(String name) {
        return validation.hasErrorFor(path(name));
    }

    public boolean isValid() {
        return validation.isValid();
    }

    /**
     * Every error found so far, fields the request does not have included, without throwing: for a
     * command that carries them to the service, which answers them together with its own checks.
     */
    public List<FieldError> errors() {
        collectUnknown();
        return validation.errors();
    }

    /** Reports unknown fields and throws one {@link ValidationException} with every error, if any. */
    public void finish() {
        collectUnknown();
        validation.throwIfInvalid();
    }

    /**
     * Builds the domain object from what was read and returns it, or throws one
     * {@link ValidationException} with the request's errors, unknown fields and the domain's own errors
     * (renamed to request fields by {@code apiField}; a field already reported is not reported twice).
     */
    public <T> T finish(Supplier<T> build, UnaryOperator<String> apiField) {
        collectUnknown();
        return validation.build(build, apiField);
    }

    private void collectUnknown() {
        if (unknownCollected) {
            return;
        }
        unknownCollected = true;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name) && !(prefix.isEmpty() && IGNORED_TENANT_FIELD.equals(name))) {
                validation.add(new FieldError(path(name), "is not a field of this request"));
            }
        }
        children.forEach(JsonInput::collectUnknown);
    }
}
