package com.wispbill.router.routeros;

import java.util.Map;

/**
 * Renders a {@link RouterOsCommand} in mikrotik-java's command language, the only way its public API
 * (3.0.8) accepts a command: {@code /ip/hotspot/user/add name="v1" password="v 2"}, then
 * {@code where a="x" and b="y"} for queries ({@code ?a=x ?b=y ?#&}).
 *
 * <p>Every value is quoted, so spaces, {@code =}, {@code /}, commas and the client's keywords
 * ({@code where}, {@code and}, ...) pass through as text; the client sends the quoted text unchanged as
 * one word. Its quoting has no escape character: a value is put in {@code "..."}, or in {@code '...'} if
 * it contains {@code "}; a value with both quote characters cannot be sent and is rejected, as are
 * control characters (a line break would end the command line, and RouterOS has no use for them in
 * the values this driver sets). Rejections name the attribute, never the value.
 */
final class MikrotikCommandLine {
    private MikrotikCommandLine() {
    }

    /** @throws IllegalArgumentException a value cannot be transmitted unchanged */
    static String render(RouterOsCommand command) {
        StringBuilder line = new StringBuilder(command.path());
        for (Map.Entry<String, String> attribute : command.attributes().entrySet()) {
            line.append(' ').append(attribute.getKey()).append('=')
                    .append(quote(command, attribute.getKey(), attribute.getValue()));
        }
        if (!command.properties().isEmpty()) {
            line.append(" .proplist=").append(quote(command, ".proplist", String.join(",", command.properties())));
        }
        boolean first = true;
        for (Map.Entry<String, String> query : command.queries().entrySet()) {
            line.append(first ? " where " : " and ").append(query.getKey()).append('=')
                    .append(quote(command, query.getKey(), query.getValue()));
            first = false;
        }
        return line.toString();
    }

    private static String quote(RouterOsCommand command, String name, String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("value of '" + name + "' for " + command.path()
                    + " contains a line break or control character, which cannot be sent to the router");
        }
        boolean hasDouble = value.indexOf('"') >= 0;
        boolean hasSingle = value.indexOf('\'') >= 0;
        if (hasDouble && hasSingle) {
            throw new IllegalArgumentException("value of '" + name + "' for " + command.path()
                    + " contains both ' and \", which the API client (mikrotik-java) cannot send");
        }
        char quote = hasDouble ? '\'' : '"';
        return quote + value + quote;
    }
}
