package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.http.HttpEvents;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.payment.provider.WebhookRequest;

/** {@code POST /webhooks/{provider}/{pathToken}}: decodes the request and hands it to {@link WebhookProcessor}. */
public final class PaymentWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookProcessor processor;

    /** What Lambda calls: real clients, from the function's environment, built once per execution environment. */
    public PaymentWebhookHandler() {
        this(PaymentWiring.fromEnvironment().webhookProcessor());
        SnapStartPriming.register(PaymentWebhookHandler.class);
    }

    public PaymentWebhookHandler(WebhookProcessor processor) {
        this.processor = processor;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CorrelationId.adopt(event);
        String provider = HttpEvents.pathParameter(event, "provider");
        String pathToken = HttpEvents.pathParameter(event, "pathToken");
        // The size first: an oversized body is neither decoded nor parsed and costs no secret lookup.
        long bodyBytes = HttpEvents.bodyBytes(event);
        WebhookProcessor.Reply reply = bodyBytes > WebhookProcessor.MAX_BODY_BYTES
                ? processor.tooLarge(provider, pathToken, bodyBytes)
                : processor.handle(provider, pathToken, new WebhookRequest(event.getHeaders(), HttpEvents.rawBody(event)));
        return HttpEvents.response(HttpResponse.uncachedJson(reply.status(), reply.body()));
    }
}
