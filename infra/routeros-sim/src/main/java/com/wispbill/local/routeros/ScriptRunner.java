package com.wispbill.local.routeros;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the subset of the RouterOS script language that setup scripts use, line by line, as the terminal
 * would: {@code /menu path verb name=value name="quoted \" value"}, item selectors
 * {@code [find name=value ...]} (for {@code set} and {@code remove}; no match selects nothing),
 * {@code :do { command } on-error={}} (a refused command is ignored), and {@code :log}, {@code :put},
 * {@code :delay} and comments (no effect here). {@code place-before} is accepted and ignored: the
 * simulator does not model rule order. A refused command stops the script, as {@code /import}
 * does. Commands for menus the simulator does not model (WireGuard, certificates, users, services) are
 * skipped and reported, so a test can tell which were not checked.
 */
final class ScriptRunner {
    private static final Pattern DO_ON_ERROR = Pattern.compile(":do \\{ (.+) } on-error=\\{}");
    private static final Pattern FIND = Pattern.compile("\\[find(.*)]");

    /** What running a script did. */
    record Outcome(int commandsRun, List<String> skipped) {
    }

    private final Function<String, Menu> menus;
    private final Function<ApiRequest, CommandResult> execute;

    ScriptRunner(Function<String, Menu> menus, Function<ApiRequest, CommandResult> execute) {
        this.menus = menus;
        this.execute = execute;
    }

    Outcome run(String script) {
        int run = 0;
        List<String> skipped = new ArrayList<>();
        int lineNumber = 0;
        for (String raw : script.split("\n", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(":log ") || line.startsWith(":put ")
                || line.startsWith(":delay ")) {
                continue;
            }
            boolean ignoreError = false;
            Matcher onError = DO_ON_ERROR.matcher(line);
            if (onError.matches()) {
                line = onError.group(1).strip();
                ignoreError = true;
            }
            if (!line.startsWith("/")) {
                throw new IllegalArgumentException("line " + lineNumber + ": not supported by the simulator: " + line);
            }
            List<String> words = words(line, lineNumber);
            int verbAt = 0;
            while (verbAt < words.size() && !words.get(verbAt).contains("=") && !words.get(verbAt).startsWith("[")) {
                verbAt++;
            }
            verbAt--;
            String menuPath = "/" + String.join("/", words.subList(0, verbAt)).substring(1);
            String verb = words.get(verbAt);
            Menu menu = menus.apply(menuPath);
            if (menu == null) {
                skipped.add(line);
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String word : words.subList(verbAt + 1, words.size())) {
                if (word.startsWith("[")) {
                    attributes.put(".id", find(menuPath, word, lineNumber));
                } else {
                    int eq = word.indexOf('=');
                    String name = word.substring(0, eq);
                    if (!name.equals("place-before")) {
                        attributes.put(name, unquote(word.substring(eq + 1)));
                    }
                }
            }
            if (".id".equals(attributes.keySet().stream().findFirst().orElse("")) && attributes.get(".id").isEmpty()) {
                // [find ...] matched nothing: RouterOS runs the command on no items.
                run++;
                continue;
            }
            CommandResult result = execute.apply(new ApiRequest(menuPath + "/" + verb, attributes, List.of(), null,
                List.of()));
            if (!result.succeeded() && !ignoreError) {
                throw new IllegalArgumentException("line " + lineNumber + ": the router refused '" + line + "': "
                    + result.sentences());
            }
            run++;
        }
        return new Outcome(run, List.copyOf(skipped));
    }

    /** The ids of the items {@code [find a=b c="d"]} selects, comma-separated (empty: none). */
    private String find(String menuPath, String selector, int lineNumber) {
        Matcher m = FIND.matcher(selector);
        if (!m.matches()) {
            throw new IllegalArgumentException("line " + lineNumber + ": only [find ...] selectors are supported: " + selector);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String word : words(m.group(1).strip(), lineNumber)) {
            int eq = word.indexOf('=');
            wanted.put(word.substring(0, eq), unquote(word.substring(eq + 1)));
        }
        if (!(menus.apply(menuPath) instanceof ConfigMenu config)) {
            throw new IllegalArgumentException("line " + lineNumber + ": cannot find items in " + menuPath);
        }
        List<String> ids = new ArrayList<>();
        for (Map<String, String> row : config.rows()) {
            if (wanted.entrySet().stream().allMatch(w -> w.getValue().equals(row.get(w.getKey())))) {
                ids.add(row.get(".id"));
            }
        }
        return String.join(",", ids);
    }

    /** Splits on spaces outside double quotes and brackets. */
    private static List<String> words(String line, int lineNumber) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        int brackets = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\' && i + 1 < line.length()) {
                word.append(c).append(line.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                brackets++;
            } else if (!quoted && c == ']') {
                brackets--;
            }
            if (c == ' ' && !quoted && brackets == 0) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            word.append(c);
        }
        if (quoted || brackets != 0) {
            throw new IllegalArgumentException("line " + lineNumber + ": unbalanced quotes or brackets: " + line);
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** A value as the script states it: quotes removed, {@code \" \\ \$ \?} unescaped. */
    private static String unquote(String value) {
        if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
