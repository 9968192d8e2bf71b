package com.wispbill.adapters.dynamodb;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds an item map; {@code opt*} methods leave the attribute out when the value is absent. */
final class ItemBuilder {
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    static ItemBuilder item(String type, String pk, String sk) {
        return new ItemBuilder().s(Keys.TYPE, type).s(Keys.PK, pk).s(Keys.SK, sk);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(Objects.requireNonNull(value, "string attribute value"));
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    ItemBuilder s(String name, String value) {
        values.put(name, s(Objects.requireNonNull(value, name)));
        return this;
    }

    ItemBuilder optS(String name, Optional<String> value) {
        value.ifPresent(v -> s(name, v));
        return this;
    }

    ItemBuilder n(String name, long value) {
        values.put(name, n(value));
        return this;
    }

    ItemBuilder optN(String name, Optional<Long> value) {
        value.ifPresent(v -> n(name, v));
        return this;
    }

    ItemBuilder bool(String name, boolean value) {
        values.put(name, AttributeValue.fromBool(value));
        return this;
    }

    ItemBuilder instant(String name, Instant value) {
        return s(name, DynamoInstants.format(Objects.requireNonNull(value, name)));
    }

    ItemBuilder optInstant(String name, Optional<Instant> value) {
        value.ifPresent(v -> instant(name, v));
        return this;
    }

    /** An ordered list of strings (a DynamoDB L of S; string sets would lose the order). */
    ItemBuilder strings(String name, List<String> list) {
        values.put(name, AttributeValue.fromL(list.stream().map(ItemBuilder::s).toList()));
        return this;
    }

    Map<String, AttributeValue> build() {
        return Map.copyOf(values);
    }
}
