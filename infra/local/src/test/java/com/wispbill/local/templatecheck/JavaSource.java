package com.wispbill.local.templatecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Java source file for the template check: its class name, the methods (name,
 * static or not, body range), the {@code Env.require/optional} literals it passes and where, and
 * the identifiers it uses. Comments and string contents are blanked out first ({@link #code}), so
 * nothing in them counts as code; string literals are kept in {@link #text} for the Env names.
 */
final class JavaSource {
    /** An {@code Env.require("X")}/{@code Env.optional("X")} call with a literal name. */
    record EnvRead(String variable, int offset) {}

    /** A method or constructor: its name starts at {@code nameStart}, its body spans {@code bodyStart}..{@code bodyEnd} (the braces). */
    record Method(String name, boolean isStatic, int nameStart, int bodyStart, int bodyEnd) {
        boolean contains(int offset) {
            return offset > bodyStart && offset < bodyEnd;
        }
    }

    static final Pattern ENV_CALL = Pattern.compile("\\bEnv\\s*\\.\\s*(require|optional)\\s*\\(");
    private static final Pattern ENV_LITERAL = Pattern.compile("\\bEnv\\s*\\.\\s*(?:require|optional)\\s*\\(\\s*\"([A-Z][A-Z0-9_]*)\"\\s*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_$][A-Za-z0-9_$]*\\b");
    private static final Pattern METHOD_HEADER = Pattern.compile("\\b([A-Za-z_$][A-Za-z0-9_$]*)\\s*\\(");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "try", "return", "new", "else", "do", "throw", "case", "assert", "yield");
    private static final Pattern PACKAGE_OR_IMPORT = Pattern.compile("(?m)^[ \\t]*(?:package|import)\\b[^;\\n]*;");
    private static final Pattern THROWS_CLAUSE = Pattern.compile("\\s*(throws\\s+[\\w.,\\s<>]+)?\\s*\\{");

    final Path path;
    final String className;
    /** Comments blanked out, string literals kept. */
    final String text;
    /** Comments and string/char literal contents blanked out: only code remains. */
    final String code;
    final List<Method> methods;
    final List<EnvRead> envReads;
    /** Env calls whose argument is not a literal (the check cannot follow those). */
    final int nonLiteralEnvCalls;
    final Set<String> identifiers;

    private JavaSource(Path path, String source) {
        this.path = path;
        String file = path.getFileName().toString();
        this.className = file.substring(0, file.length() - ".java".length());
        String[] masked = mask(source);
        this.text = masked[0];
        // Package and import lines name packages ("com.wispbill.adapters"), which would read as member accesses.
        this.code = PACKAGE_OR_IMPORT.matcher(masked[1]).replaceAll(m -> " ".repeat(m.group().length()));
        this.methods = methods(code);
        List<EnvRead> reads = new ArrayList<>();
        Matcher literal = ENV_LITERAL.matcher(text);
        while (literal.find()) {
            reads.add(new EnvRead(literal.group(1), literal.start()));
        }
        this.envReads = List.copyOf(reads);
        int calls = 0;
        Matcher call = ENV_CALL.matcher(code);
        while (call.find()) {
            calls++;
        }
        this.nonLiteralEnvCalls = calls - reads.size();
        Set<String> ids = new LinkedHashSet<>();
        Matcher id = IDENTIFIER.matcher(code);
        while (id.find()) {
            ids.add(id.group());
        }
        this.identifiers = ids;
    }

    static JavaSource read(Path path) {
        try {
            return new JavaSource(path, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JavaSource of(String fileName, String source) {
        return new JavaSource(Path.of(fileName), source);
    }

    /** The innermost method whose body holds {@code offset}. */
    Optional<Method> methodAt(int offset) {
        return methods.stream().filter(m -> m.contains(offset))
                .min((a, b) -> Integer.compare(a.bodyEnd() - a.bodyStart(), b.bodyEnd() - b.bodyStart()));
    }

    List<Method> methodsNamed(String name) {
        return methods.stream().filter(m -> m.name().equals(name)).toList();
    }

    /** Blanks comments (both outputs) and literal contents (second output), keeping offsets. */
    private static String[] mask(String s) {
        StringBuilder text = new StringBuilder(s);
        StringBuilder code = new StringBuilder(s);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                int end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                blank(text, i, end);
                blank(code, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(text, i, end);
                blank(code, i, end);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(code, i + 3, end - 3);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                blank(code, i + 1, Math.min(j, n));
                i = Math.min(j + 1, n);
            } else {
                i++;
            }
        }
        return new String[] {text.toString(), code.toString()};
    }

    private static void blank(StringBuilder b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b.charAt(k) != '\n') {
                b.setCharAt(k, ' ');
            }
        }
    }

    /** Methods and constructors: {@code name(...) [throws ...] {}, not a keyword, not {@code new X() {}}. */
    private static List<Method> methods(String code) {
        List<Method> found = new ArrayList<>();
        Matcher m = METHOD_HEADER.matcher(code);
        while (m.find()) {
            String name = m.group(1);
            if (NOT_METHODS.contains(name) || precededByNew(code, m.start())) {
                continue;
            }
            int close = matching(code, m.end() - 1, '(', ')');
            if (close < 0) {
                continue;
            }
            Matcher after = THROWS_CLAUSE.matcher(code);
            after.region(close + 1, code.length());
            if (!after.lookingAt()) {
                continue;
            }
            int open = after.end() - 1;
            int end = matching(code, open, '{', '}');
            if (end < 0) {
                continue;
            }
            found.add(new Method(name, isStatic(code, m.start()), m.start(), open, end));
        }
        return found;
    }

    /** {@code new X(...) {} (an anonymous class) or {@code record X(...) {}: not a method. */
    private static boolean precededByNew(String code, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && Character.isJavaIdentifierPart(code.charAt(i))) {
            i--;
        }
        return Set.of("new", "record").contains(code.substring(i + 1, end));
    }

    /** Whether the modifiers before the header (back to the previous ';', '{' or '}') include static. */
    private static boolean isStatic(String code, int headerStart) {
        int i = headerStart - 1;
        while (i >= 0 && ";{}".indexOf(code.charAt(i)) < 0) {
            i--;
        }
        return Pattern.compile("\\bstatic\\b").matcher(code.substring(i + 1, headerStart)).find();
    }

    private static int matching(String code, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
