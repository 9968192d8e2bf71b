package com.wispbill.notify;

import com.wispbill.adapters.HttpApiHandler;
import com.wispbill.adapters.http.HttpEvents;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET|POST /whatsapp-webhooks/{resellerId}}: the URL a reseller gives Meta as its app's webhook.
 * GET is the subscription handshake (200 with {@code hub.challenge}, else 403); POST is a signed
 * notification (200, or 401 with nothing stored when the signature does not match the raw body).
 * A small function of its own, not the payment webhook's: it reads only WhatsApp secrets and writes
 * only message statuses and opt-outs, so neither function gets the other's permissions.
 */
public final class WhatsAppWebhookHandler extends HttpApiHandler {
    private final WhatsAppWebhook webhook;

    /** What Lambda calls: the entity table and the WhatsApp secrets prefix from the environment. */
    public WhatsAppWebhookHandler() {
        this(NotifierWiring.whatsAppWebhookFromEnvironment());
        SnapStartPriming.register(WhatsAppWebhookHandler.class);
    }

    public WhatsAppWebhookHandler(WhatsAppWebhook webhook) {
        this.webhook = webhook;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String resellerId = Objects.requireNonNullElse(event.getPathParameters(), Map.<String, String>of()).get("resellerId");
        String method = event.getRequestContext() == null ? "" : event.getRequestContext().getHttp().getMethod();
        if ("GET".equals(method)) {
            Map<String, String> query = Objects.requireNonNullElse(event.getQueryStringParameters(), Map.of());
            return webhook.handshake(resellerId, query.get("hub.mode"), query.get("hub.verify_token"), query.get("hub.challenge"))
                    .map(challenge -> response(200, challenge))
                    .orElseGet(() -> response(403, "verification failed"));
        }
        if (HttpEvents.bodyBytes(event) > HttpEvents.MAX_WEBHOOK_BODY_BYTES) {
            // Refused from its size alone: no parsing, no secret read, nothing stored.
            return response(413, "payload too large");
        }
        return switch (webhook.receive(resellerId, HttpEvents.rawBody(event), HttpEvents.header(event, "x-hub-signature-256"))) {
            case ACCEPTED -> response(200, "ok");
            case UNAUTHORIZED -> response(401, "signature does not match");
        };
    }

    private static APIGatewayV2HTTPResponse response(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8")).withBody(body).build();
    }
}
