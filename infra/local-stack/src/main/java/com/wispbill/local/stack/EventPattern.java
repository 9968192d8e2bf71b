package com.wispbill.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The pattern language shared by SNS subscription filter policies and Lambda event filtering
 * (EventBridge-style): a JSON object whose leaves are arrays of conditions. Supported conditions:
 * exact strings, numbers, booleans and null; {@code prefix}, {@code suffix},
 * {@code equals-ignore-case}, {@code anything-but} (value, list or {@code {"prefix": ...}}),
 * {@code numeric} comparisons and {@code exists}; nested objects and {@code $or}. Anything else is
 * rejected when the pattern is parsed, so an unsupported filter never silently matches everything.
 */
final class EventPattern {

    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    /** Validates and wraps a pattern; {@link IllegalArgumentException} says what is wrong. */
    static EventPattern parse(JsonNode pattern) {
        if (pattern == null || !pattern.isObject()) {
            throw new IllegalArgumentException("a filter pattern must be a JSON object");
        }
        validateObject(pattern, "");
        return new EventPattern(pattern);
    }

    boolean matches(JsonNode document) {
        return matchesObject(pattern, document);
    }

    private static void validateObject(JsonNode object, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode value = field.getValue();
            if (field.getKey().equals("$or")) {
                if (!value.isArray() || value.size() < 2) {
                    throw new IllegalArgumentException(where + ": $or needs a list of at least two patterns");
                }
                value.forEach(alternative -> {
                    if (!alternative.isObject()) {
                        throw new IllegalArgumentException(where + ": each $or alternative must be an object");
                    }
                    validateObject(alternative, path);
                });
            } else if (value.isObject()) {
                validateObject(value, where);
            } else if (value.isArray()) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(where + ": a condition list cannot be empty");
                }
                value.forEach(condition -> validateCondition(condition, where));
            } else {
                throw new IllegalArgumentException(where + ": conditions must be given as a list, e.g. [\"value\"]");
            }
        }
    }

    private static void validateCondition(JsonNode condition, String where) {
        if (!condition.isObject()) {
            if (condition.isContainerNode()) {
                throw new IllegalArgumentException(where + ": nested lists are not valid conditions");
            }
            return;
        }
        if (condition.size() != 1) {
            throw new IllegalArgumentException(where + ": a condition object must have exactly one operator");
        }
        String operator = condition.fieldNames().next();
        JsonNode operand = condition.get(operator);
        switch (operator) {
            case "prefix", "suffix", "equals-ignore-case" -> {
                if (!operand.isTextual()) {
                    throw new IllegalArgumentException(where + ": " + operator + " needs a string");
                }
            }
            case "exists" -> {
                if (!operand.isBoolean()) {
                    throw new IllegalArgumentException(where + ": exists needs true or false");
                }
            }
            case "anything-but" -> {
                if (operand.isObject()) {
                    if (operand.size() != 1 || !operand.has("prefix") || !operand.get("prefix").isTextual()) {
                        throw new IllegalArgumentException(where + ": anything-but supports only a value, a list or {\"prefix\": ...}");
                    }
                } else if (operand.isArray()) {
                    operand.forEach(v -> {
                        if (v.isContainerNode()) {
                            throw new IllegalArgumentException(where + ": anything-but lists hold plain values");
                        }
                    });
                }
            }
            case "numeric" -> {
                if (!operand.isArray() || operand.isEmpty() || operand.size() % 2 != 0 || operand.size() > 4) {
                    throw new IllegalArgumentException(where + ": numeric needs [op, number] or [op, number, op, number]");
                }
                for (int i = 0; i < operand.size(); i += 2) {
                    String op = operand.get(i).asText();
                    if (!op.matches("=|<|<=|>|>=") || !operand.get(i + 1).isNumber()) {
                        throw new IllegalArgumentException(where + ": invalid numeric comparison " + operand);
                    }
                }
            }
            default -> throw new IllegalArgumentException(where + ": operator '" + operator + "' is not supported by the embedded stack");
        }
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode document) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("$or")) {
                boolean any = false;
                for (JsonNode alternative : field.getValue()) {
                    any |= matchesObject(alternative, document);
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            JsonNode value = document == null || !document.isObject() ? null : document.get(field.getKey());
            if (field.getValue().isObject()) {
                if (value == null || !value.isObject() || !matchesObject(field.getValue(), value)) {
                    return false;
                }
            } else if (!matchesConditions(field.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesConditions(JsonNode conditions, JsonNode value) {
        for (JsonNode condition : conditions) {
            if (value != null && value.isArray()) {
                for (JsonNode element : value) {
                    if (matchesCondition(condition, element)) {
                        return true;
                    }
                }
            } else if (matchesCondition(condition, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesCondition(JsonNode condition, JsonNode value) {
        if (condition.isObject() && condition.has("exists")) {
            return condition.get("exists").asBoolean() == (value != null);
        }
        if (value == null) {
            return false;
        }
        if (!condition.isObject()) {
            return equalsValue(condition, value);
        }
        String operator = condition.fieldNames().next();
        JsonNode operand = condition.get(operator);
        return switch (operator) {
            case "prefix" -> value.isTextual() && value.asText().startsWith(operand.asText());
            case "suffix" -> value.isTextual() && value.asText().endsWith(operand.asText());
            case "equals-ignore-case" -> value.isTextual()
                    && value.asText().toLowerCase(Locale.ROOT).equals(operand.asText().toLowerCase(Locale.ROOT));
            case "anything-but" -> {
                if (operand.isObject()) {
                    yield value.isTextual() && !value.asText().startsWith(operand.get("prefix").asText());
                }
                if (operand.isArray()) {
                    for (JsonNode excluded : operand) {
                        if (equalsValue(excluded, value)) {
                            yield false;
                        }
                    }
                    yield true;
                }
                yield !equalsValue(operand, value);
            }
            case "numeric" -> numericMatches(operand, value);
            default -> false;
        };
    }

    private static boolean equalsValue(JsonNode expected, JsonNode value) {
        if (expected.isNumber()) {
            BigDecimal actual = number(value);
            return actual != null && actual.compareTo(expected.decimalValue()) == 0;
        }
        if (expected.isTextual()) {
            return value.isTextual() && value.asText().equals(expected.asText());
        }
        if (expected.isBoolean()) {
            return value.isBoolean() && value.asBoolean() == expected.asBoolean();
        }
        return expected.isNull() && value.isNull();
    }

    private static boolean numericMatches(JsonNode comparisons, JsonNode value) {
        BigDecimal actual = number(value);
        if (actual == null) {
            return false;
        }
        for (int i = 0; i < comparisons.size(); i += 2) {
            int c = actual.compareTo(comparisons.get(i + 1).decimalValue());
            boolean ok = switch (comparisons.get(i).asText()) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
