package com.wispbill.local.routeros;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reply sentences of one command, without tags (the connection adds the command's tag to each).
 * The last sentence is always {@code !done}.
 */
record CommandResult(List<List<String>> sentences, boolean succeeded) {

    static CommandResult done() {
        return new CommandResult(List.of(List.of("!done")), true);
    }

    /** {@code !done =ret=value}: the new item's id after an add, a challenge after a bare login. */
    static CommandResult doneWithRet(String value) {
        return new CommandResult(List.of(List.of("!done", "=ret=" + value)), true);
    }

    /** One {@code !re} per row, then {@code !done}; {@code !empty} first if there are no rows and asked to. */
    static CommandResult rows(List<Map<String, String>> rows, boolean emptyReplyWhenNoRows) {
        List<List<String>> sentences = new ArrayList<>(rows.size() + 2);
        for (Map<String, String> row : rows) {
            List<String> words = new ArrayList<>(row.size() + 1);
            words.add("!re");
            row.forEach((name, value) -> words.add("=" + name + "=" + value));
            sentences.add(List.copyOf(words));
        }
        if (rows.isEmpty() && emptyReplyWhenNoRows) {
            sentences.add(List.of("!empty"));
        }
        sentences.add(List.of("!done"));
        return new CommandResult(List.copyOf(sentences), true);
    }

    static CommandResult trap(ApiTrap trap) {
        return new CommandResult(List.of(trapSentence(trap.category(), trap.getMessage()), List.of("!done")), false);
    }

    static List<String> trapSentence(int category, String message) {
        return category == ApiTrap.CATEGORY_NONE
            ? List.of("!trap", "=message=" + message)
            : List.of("!trap", "=category=" + category, "=message=" + message);
    }
}
