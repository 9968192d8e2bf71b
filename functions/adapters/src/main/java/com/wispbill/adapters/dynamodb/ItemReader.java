package com.wispbill.adapters.dynamodb;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Typed reads of a stored item, failing with {@link CorruptItemException} naming the item and attribute. */
final class ItemReader {
    private final Map<String, AttributeValue> item;

    ItemReader(Map<String, AttributeValue> item) {
        this.item = item;
    }

    Map<String, AttributeValue> raw() {
        return item;
    }

    boolean has(String name) {
        return item.containsKey(name);
    }

    String s(String name) {
        return optS(name).orElseThrow(() -> corrupt("missing string attribute " + name));
    }

    Optional<String> optS(String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.nul() != null && v.nul()) {
            return Optional.empty();
        }
        if (v.s() == null) {
            throw corrupt("attribute " + name + " is not a string");
        }
        return Optional.of(v.s());
    }

    long n(String name) {
        return optN(name).orElseThrow(() -> corrupt("missing number attribute " + name));
    }

    Optional<Long> optN(String name) {
        AttributeValue v = item.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v.n() == null) {
            throw corrupt("attribute " + name + " is not a number");
        }
        try {
            return Optional.of(Long.parseLong(v.n()));
        } catch (NumberFormatException e) {
            throw corrupt("attribute " + name + " is not a whole number: " + v.n());
        }
    }

    /** A number attribute that is absent until first incremented (ADD counters). */
    long counter(String name) {
        return optN(name).orElse(0L);
    }

    boolean bool(String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.bool() == null) {
            throw corrupt("missing boolean attribute " + name);
        }
        return v.bool();
    }

    Instant instant(String name) {
        return optInstant(name).orElseThrow(() -> corrupt("missing instant attribute " + name));
    }

    Optional<Instant> optInstant(String name) {
        return optS(name).map(s -> {
            try {
                return DynamoInstants.parse(s);
            } catch (RuntimeException e) {
                throw corrupt("attribute " + name + " is not an instant: " + s);
            }
        });
    }

    List<String> strings(String name) {
        AttributeValue v = item.get(name);
        if (v == null || !v.hasL()) {
            throw corrupt("missing list attribute " + name);
        }
        return v.l().stream().map(AttributeValue::s).toList();
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String value = s(name);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw corrupt("attribute " + name + " has unknown " + type.getSimpleName() + " " + value);
        }
    }

    CorruptItemException corrupt(String problem) {
        return new CorruptItemException("item " + describeKey() + ": " + problem);
    }

    /** Wraps a domain validation failure while mapping: stored data that no longer passes the rules. */
    <T> T map(java.util.function.Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (com.wispbill.domain.ValidationException e) {
            throw new CorruptItemException("item " + describeKey() + " is not a valid domain value: " + e.getMessage(), e);
        }
    }

    private String describeKey() {
        AttributeValue pk = item.get(Keys.PK);
        AttributeValue sk = item.get(Keys.SK);
        // Voucher keys contain the code: a secret. Mask it rather than write it to logs.
        String pkText = pk == null ? "?" : Redaction.key(pk.s());
        String skText = sk == null ? "?" : Redaction.key(sk.s());
        return "(" + pkText + ", " + skText + ")";
    }
}
