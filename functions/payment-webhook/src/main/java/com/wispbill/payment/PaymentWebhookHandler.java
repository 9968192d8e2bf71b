package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.HttpApiHandler;
import com.wispbill.adapters.http.HttpEvents;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.payment.provider.WebhookRequest;
import java.util.Optional;

/**
 * {@code POST /webhooks/{provider}/{pathToken}}: decodes the request and hands it to {@link WebhookProcessor};
 * {@code POST /webhooks/paybill/{pathToken}/{c2bStep}} (M-Pesa C2B) to {@link PaybillCallbacks}.
 */
public final class PaymentWebhookHandler extends HttpApiHandler {
    private final WebhookProcessor processor;
    private final Optional<PaybillCallbacks> paybill;

    /** What Lambda calls: real clients, from the function's environment, built once per execution environment. */
    public PaymentWebhookHandler() {
        this(PaymentWiring.fromEnvironment());
        SnapStartPriming.register(PaymentWebhookHandler.class);
    }

    private PaymentWebhookHandler(PaymentWiring wiring) {
        this(wiring.webhookProcessor(), wiring.paybillCallbacks());
    }

    public PaymentWebhookHandler(WebhookProcessor processor, PaybillCallbacks paybill) {
        this.processor = processor;
        this.paybill = Optional.of(paybill);
    }

    /** Provider webhooks only: the paybill route answers 404. */
    public PaymentWebhookHandler(WebhookProcessor processor) {
        this.processor = processor;
        this.paybill = Optional.empty();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CorrelationId.adopt(event);
        String c2bStep = event.getPathParameters() == null ? null : event.getPathParameters().get("c2bStep");
        String provider = c2bStep == null ? HttpEvents.pathParameter(event, "provider") : "mpesa";
        String pathToken = HttpEvents.pathParameter(event, "pathToken");
        // The size first: an oversized body is neither decoded nor parsed and costs no secret lookup.
        long bodyBytes = HttpEvents.bodyBytes(event);
        WebhookProcessor.Reply reply = bodyBytes > WebhookProcessor.MAX_BODY_BYTES
                ? processor.tooLarge(provider, pathToken, bodyBytes)
                : c2bStep != null ? paybill.map(p -> p.handle(pathToken, c2bStep, HttpEvents.rawBody(event)))
                        .orElse(new WebhookProcessor.Reply(404, "{\"message\":\"Not Found\"}"))
                : processor.handle(provider, pathToken, new WebhookRequest(event.getHeaders(), HttpEvents.rawBody(event)));
        return HttpEvents.response(HttpResponse.uncachedJson(reply.status(), reply.body()));
    }
}
