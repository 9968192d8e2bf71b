package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** HTTP API (payload 2.0) plumbing shared by the webhook and portal handlers. */
final class HttpReplies {
    private HttpReplies() {
    }

    /** The body exactly as the client sent it: API Gateway base64-encodes bodies it does not treat as text. */
    static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** How many bytes {@link #rawBody} returns, without decoding base64 (3 bytes per 4 characters, less the padding). */
    static long bodyBytes(APIGatewayV2HTTPEvent event) {
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

    static APIGatewayV2HTTPResponse json(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                .withBody(body).build();
    }

    static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        return parameters == null ? null : parameters.get(name);
    }
}
