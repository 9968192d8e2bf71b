package com.wispbill.router.routeros;

import java.util.List;

/**
 * One API sentence as words, e.g. {@code [!done, .tag=3, =ret=*1A]}. The first word is the reply type
 * ({@code !re}, {@code !done}, {@code !trap}, {@code !fatal}, {@code !empty}); a sentence without words
 * has type {@code ""}.
 */
record ApiSentence(List<String> words) {

    ApiSentence {
        words = List.copyOf(words);
    }

    static ApiSentence of(String... words) {
        return new ApiSentence(List.of(words));
    }

    String type() {
        return words.isEmpty() ? "" : words.get(0);
    }

    /** The value of the {@code .tag=} word, or null. */
    String tag() {
        for (String word : words) {
            if (word.startsWith(".tag=")) {
                return word.substring(".tag=".length());
            }
        }
        return null;
    }

    /** The value of attribute word {@code =name=value}, or null if there is none. */
    String attribute(String name) {
        String prefix = "=" + name + "=";
        for (String word : words) {
            if (word.startsWith(prefix)) {
                return word.substring(prefix.length());
            }
        }
        return null;
    }

    /**
     * The message of a {@code !fatal}: RouterOS sends it as a bare word ({@code !fatal},
     * {@code session terminated on request}), some versions as {@code =message=}.
     */
    String fatalMessage() {
        String message = attribute("message");
        if (message != null) {
            return message;
        }
        return words.size() > 1 ? words.get(1) : "no reason given";
    }

    @Override
    public String toString() {
        // Words may carry secrets (a printed password); only the structure is shown.
        return "ApiSentence[type=" + type() + ", words=" + words.size() + "]";
    }
}
