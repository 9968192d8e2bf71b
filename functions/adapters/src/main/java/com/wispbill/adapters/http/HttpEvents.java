package com.wispbill.adapters.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** API Gateway HTTP API (payload 2.0) events to {@link HttpRequest} and {@link HttpResponse} to events. */
public final class HttpEvents {
    /**
     * Largest body a webhook (payment providers, WhatsApp statuses) reads. Their notifications are a few KiB;
     * anything bigger is refused with 413 before it is parsed or any secret is read.
     */
    public static final int MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

    private HttpEvents() {
    }

    public static HttpRequest request(APIGatewayV2HTTPEvent event) {
        String method = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod)
                .orElse("GET");
        String path = Optional.ofNullable(event.getRawPath()).orElse("/");
        Map<String, String> query = event.getQueryStringParameters() == null
                ? Map.of() : new LinkedHashMap<>(event.getQueryStringParameters());
        return new HttpRequest(method, path, event.getHeaders(), query, rawBody(event));
    }

    public static APIGatewayV2HTTPResponse response(HttpResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(response.base64Encoded())
                .build();
    }

    /** The body exactly as the client sent it: API Gateway base64-encodes bodies it does not treat as text. */
    public static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** How many bytes {@link #rawBody} returns, without decoding base64 (3 bytes per 4 characters, less the padding). */
    public static long bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return 0;
        }
        if (event.getIsBase64Encoded()) {
            int padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
            return (long) body.length() / 4 * 3 - padding;
        }
        return body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A path parameter API Gateway matched for the route, or null. */
    public static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        return parameters == null ? null : parameters.get(name);
    }

    /** A request header, whatever the case of its name; null when absent. */
    public static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        return event.getHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
