package com.wispbill.local.routeros;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command sentence, split into its parts: the command word, attribute words ({@code =name=value}),
 * query words ({@code ?...}, order kept because it matters), the {@code .tag} and words that fit none
 * of these. {@code .proplist} is accepted both as an attribute ({@code =.proplist=}, what clients send)
 * and as an API attribute ({@code .proplist=}).
 */
record ApiRequest(String command, Map<String, String> attributes, List<String> queries, String tag,
                  List<String> strayWords) {

    static ApiRequest parse(List<String> words) {
        String command = words.getFirst();
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> queries = new ArrayList<>();
        List<String> stray = new ArrayList<>();
        String tag = null;
        for (String word : words.subList(1, words.size())) {
            if (word.startsWith("=")) {
                int separator = word.indexOf('=', 1);
                if (separator < 0) {
                    attributes.put(word.substring(1), "");
                } else {
                    attributes.put(word.substring(1, separator), word.substring(separator + 1));
                }
            } else if (word.startsWith("?")) {
                queries.add(word.substring(1));
            } else if (word.startsWith(".tag=")) {
                tag = word.substring(".tag=".length());
            } else if (word.startsWith(".proplist=")) {
                attributes.put(".proplist", word.substring(".proplist=".length()));
            } else {
                stray.add(word);
            }
        }
        return new ApiRequest(command, Collections.unmodifiableMap(attributes), List.copyOf(queries),
            tag == null || tag.isEmpty() ? null : tag, List.copyOf(stray));
    }

    /** The menu part of the command: {@code /ip/hotspot/user} of {@code /ip/hotspot/user/add}. */
    String menuPath() {
        int slash = command.lastIndexOf('/');
        return slash <= 0 ? "" : command.substring(0, slash);
    }

    /** The verb: {@code add} of {@code /ip/hotspot/user/add}. */
    String verb() {
        return command.substring(command.lastIndexOf('/') + 1);
    }
}
