package com.wispbill.local.routeros;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a hotspot HTML page the way RouterOS does: {@code $(name)} becomes the variable's value (empty
 * if unknown), and {@code $(if name)}, {@code $(if name == value)}, {@code $(elif ...)}, {@code $(else)},
 * {@code $(endif)} keep or drop the text between them (nesting allowed; a name alone is true when its
 * value is not empty). Values are HTML-escaped, so a user name typed into a form cannot inject markup.
 */
final class HotspotPageTemplate {
    private static final Pattern DIRECTIVE = Pattern.compile("\\$\\(([^()]*)\\)");

    private HotspotPageTemplate() {
    }

    private static final class Branch {
        final boolean parentShown;
        boolean taken;
        boolean shown;

        Branch(boolean parentShown, boolean condition) {
            this.parentShown = parentShown;
            this.taken = condition;
            this.shown = parentShown && condition;
        }
    }

    static String render(String page, Map<String, String> variables) {
        StringBuilder out = new StringBuilder(page.length());
        Deque<Branch> branches = new ArrayDeque<>();
        Matcher m = DIRECTIVE.matcher(page);
        int last = 0;
        while (m.find()) {
            boolean shown = branches.isEmpty() || branches.peek().shown;
            if (shown) {
                out.append(page, last, m.start());
            }
            last = m.end();
            String directive = m.group(1).strip();
            if (directive.startsWith("if ")) {
                branches.push(new Branch(shown, holds(directive.substring(3), variables)));
            } else if (directive.startsWith("elif ") && !branches.isEmpty()) {
                Branch b = branches.peek();
                boolean condition = !b.taken && holds(directive.substring(5), variables);
                b.taken |= condition;
                b.shown = b.parentShown && condition;
            } else if (directive.equals("else") && !branches.isEmpty()) {
                Branch b = branches.peek();
                b.shown = b.parentShown && !b.taken;
                b.taken = true;
            } else if (directive.equals("endif") && !branches.isEmpty()) {
                branches.pop();
            } else if (shown) {
                out.append(escape(variables.getOrDefault(directive, "")));
            }
        }
        if (branches.isEmpty() || branches.peek().shown) {
            out.append(page, last, page.length());
        }
        return out.toString();
    }

    private static boolean holds(String condition, Map<String, String> variables) {
        int eq = condition.indexOf("==");
        if (eq < 0) {
            return !variables.getOrDefault(condition.strip(), "").isEmpty();
        }
        String value = condition.substring(eq + 2).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return variables.getOrDefault(condition.substring(0, eq).strip(), "").equals(value);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
