package com.wispbill.payment.provider;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A provider callback as received: header names lower-cased (HTTP API does that too) and the body as
 * the exact bytes sent (base64 already decoded), which is what signatures are computed over.
 */
public record WebhookRequest(Map<String, String> headers, byte[] body) {
    public WebhookRequest {
        headers = headers == null ? Map.of() : headers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
        body = body == null ? new byte[0] : body.clone();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
