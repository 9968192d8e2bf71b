package com.wispbill.local.stack;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS query protocol as the SDK's SNS client speaks it: form-encoded parameters with flattened
 * structures ({@code Attributes.entry.1.key}, {@code PublishBatchRequestEntries.member.2.Id}) in,
 * XML ({@code <ActionResponse><ActionResult>...}) out.
 */
final class QueryProtocol {

    private QueryProtocol() {
    }

    /** Decoded parameters of an {@code application/x-www-form-urlencoded} body or query string. */
    static Map<String, String> parseForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /**
     * The members of a flattened list, {@code prefix.member.N.*} (or {@code prefix.entry.N.*}), each
     * as a map of its sub-parameters with the {@code prefix.member.N.} part removed, in index order.
     */
    static List<Map<String, String>> members(Map<String, String> params, String prefix, String memberName) {
        String start = prefix + "." + memberName + ".";
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> entry : params.entrySet()) {
            if (!entry.getKey().startsWith(start)) {
                continue;
            }
            String rest = entry.getKey().substring(start.length());
            int dot = rest.indexOf('.');
            String indexText = dot < 0 ? rest : rest.substring(0, dot);
            int index;
            try {
                index = Integer.parseInt(indexText);
            } catch (NumberFormatException e) {
                continue;
            }
            byIndex.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(dot < 0 ? "" : rest.substring(dot + 1), entry.getValue());
        }
        return new ArrayList<>(byIndex.values());
    }

    /** A flattened string map, {@code prefix.entry.N.key} / {@code prefix.entry.N.value}. */
    static Map<String, String> stringMap(Map<String, String> params, String prefix) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map<String, String> entry : members(params, prefix, "entry")) {
            String key = entry.get("key");
            if (key != null) {
                map.put(key, entry.getOrDefault("value", ""));
            }
        }
        return map;
    }

    /** Sub-parameters under {@code prefix.} of one member map (e.g. its own MessageAttributes). */
    static Map<String, String> nested(Map<String, String> member, String prefix) {
        Map<String, String> nested = new LinkedHashMap<>();
        member.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                nested.put(k, v);
            }
        });
        return nested;
    }

    /** A small XML writer: element names are fixed by us, text content is escaped. */
    static final class Xml {
        private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

        Xml open(String name) {
            out.append('<').append(name).append('>');
            return this;
        }

        Xml open(String name, String namespace) {
            out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
            return this;
        }

        Xml close(String name) {
            out.append("</").append(name).append('>');
            return this;
        }

        Xml element(String name, Object text) {
            if (text != null) {
                open(name);
                escape(String.valueOf(text));
                close(name);
            }
            return this;
        }

        Xml entries(String name, Map<String, String> map) {
            open(name);
            map.forEach((k, v) -> open("entry").element("key", k).element("value", v).close("entry"));
            return close(name);
        }

        private void escape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&apos;");
                    case '\r' -> out.append("&#13;");
                    default -> {
                        // XML 1.0 cannot carry most control characters even escaped; AWS never returns them.
                        if (c >= 0x20 || c == '\n' || c == '\t') {
                            out.append(c);
                        }
                    }
                }
            }
        }

        byte[] bytes() {
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
