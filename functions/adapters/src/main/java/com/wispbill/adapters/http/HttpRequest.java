package com.wispbill.adapters.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An HTTP request as the API sees it, independent of API Gateway's event type. Header names are
 * lower case (HTTP/2 and API Gateway payload 2.0 already send them so); {@code body} is the raw bytes.
 */
public record HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                          byte[] body) {

    public HttpRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        headers = headers == null ? Map.of() : headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                        (a, b) -> a + "," + b));
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank());
    }

    /** This request with query parameter {@code name} set to {@code value}. */
    public HttpRequest withQueryParameter(String name, String value) {
        Map<String, String> changed = new java.util.HashMap<>(query);
        changed.put(name, value);
        return new HttpRequest(method, path, headers, changed, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Headers carry API keys: never print them.
        return "HttpRequest[" + method + " " + path + ", " + body.length + " body bytes]";
    }
}
