package com.wispbill.router.routeros;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One RouterOS API command: a path ({@code /ip/hotspot/user/add}), attributes ({@code =name=value}),
 * equality queries for prints ({@code ?name=value}, all of which must hold) and an optional property
 * list ({@code =.proplist=}).
 *
 * <p>Attributes and queries marked sensitive (passwords, voucher codes) are masked by
 * {@link #toString()}; nothing else in the driver shows values, so a command can be logged safely.
 * Values are checked for transmittability by the session that sends them, not here.
 */
public final class RouterOsCommand {
    private static final Pattern PATH = Pattern.compile("(/[a-z0-9][a-z0-9-]*)+");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("\\.?[a-z0-9][a-z0-9.-]*");
    /** Words mikrotik-java's command language reads as keywords wherever a name may stand. */
    private static final Set<String> CLIENT_KEYWORDS = Set.of("where", "not", "and", "or", "return");

    private final String path;
    private final Map<String, String> attributes;
    private final Map<String, String> queries;
    private final List<String> properties;
    private final Set<String> sensitiveNames;

    private RouterOsCommand(Builder builder) {
        this.path = builder.path;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
        this.queries = Collections.unmodifiableMap(new LinkedHashMap<>(builder.queries));
        this.properties = List.copyOf(builder.properties);
        this.sensitiveNames = Set.copyOf(builder.sensitiveNames);
    }

    /** A command without attributes or queries, e.g. {@code /system/resource/print}. */
    public static RouterOsCommand of(String path) {
        return builder(path).build();
    }

    public static Builder builder(String path) {
        return new Builder(path);
    }

    public String path() {
        return path;
    }

    /** Attributes in the order they were added. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** Equality conditions ({@code ?name=value}) in the order they were added. */
    public Map<String, String> queries() {
        return queries;
    }

    /** Properties to return ({@code .proplist}); empty means all. */
    public List<String> properties() {
        return properties;
    }

    /** True if the value of attribute or query {@code name} must not be shown. */
    public boolean isSensitive(String name) {
        return sensitiveNames.contains(name);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(path);
        attributes.forEach((name, value) -> out.append(" =").append(name).append('=').append(shown(name, value)));
        queries.forEach((name, value) -> out.append(" ?").append(name).append('=').append(shown(name, value)));
        if (!properties.isEmpty()) {
            out.append(" =.proplist=").append(String.join(",", properties));
        }
        return out.toString();
    }

    private String shown(String name, String value) {
        return isSensitive(name) ? "****" : value;
    }

    /** Builds a {@link RouterOsCommand}; names are checked as they are added. */
    public static final class Builder {
        private final String path;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final Map<String, String> queries = new LinkedHashMap<>();
        private final List<String> properties = new ArrayList<>();
        private final Set<String> sensitiveNames = new LinkedHashSet<>();

        private Builder(String path) {
            Objects.requireNonNull(path, "path");
            if (!PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("not a RouterOS command path: '" + path
                        + "' (expected lower-case segments such as /ip/hotspot/user/print)");
            }
            this.path = path;
        }

        public Builder attribute(String name, String value) {
            attributes.put(checkName(name), Objects.requireNonNull(value, () -> "value of " + name));
            return this;
        }

        /** An attribute whose value is a secret (password, voucher code): masked in {@code toString()}. */
        public Builder sensitiveAttribute(String name, String value) {
            sensitiveNames.add(checkName(name));
            return attribute(name, value);
        }

        /** Adds the condition {@code ?name=value}; a print returns only rows meeting every condition. */
        public Builder where(String name, String value) {
            queries.put(checkName(name), Objects.requireNonNull(value, () -> "value of " + name));
            return this;
        }

        /** A condition on a secret value: masked in {@code toString()}. */
        public Builder sensitiveWhere(String name, String value) {
            sensitiveNames.add(checkName(name));
            return where(name, value);
        }

        /** Limits the returned properties ({@code =.proplist=}); adds to those given before. */
        public Builder properties(String... names) {
            for (String name : names) {
                if (!properties.contains(checkName(name))) {
                    properties.add(name);
                }
            }
            return this;
        }

        public RouterOsCommand build() {
            return new RouterOsCommand(this);
        }

        private static String checkName(String name) {
            Objects.requireNonNull(name, "attribute name");
            if (!ATTRIBUTE_NAME.matcher(name).matches() || CLIENT_KEYWORDS.contains(name)) {
                throw new IllegalArgumentException("not a RouterOS attribute name: '" + name + "'");
            }
            return name;
        }
    }
}
