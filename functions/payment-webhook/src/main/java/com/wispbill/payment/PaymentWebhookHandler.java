package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.http.HttpEvents;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.payment.provider.WebhookRequest;
import java.util.function.Supplier;

/** {@code POST /webhooks/{provider}/{pathToken}}: decodes the request and hands it to {@link WebhookProcessor}. */
public final class PaymentWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Supplier<WebhookProcessor> processor;

    /**
     * What Lambda calls. The real collaborators are built on first use, once per execution environment
     * (a class holder), so merely loading the handler (the local stack does at start) needs no configuration.
     */
    public PaymentWebhookHandler() {
        this.processor = () -> Holder.PROCESSOR;
    }

    public PaymentWebhookHandler(WebhookProcessor processor) {
        this.processor = () -> processor;
    }

    /** With collaborators built when first needed (tests that wire the handler before the stack starts). */
    public PaymentWebhookHandler(Supplier<WebhookProcessor> processor) {
        this.processor = processor;
    }

    private static final class Holder {
        static final WebhookProcessor PROCESSOR;

        static {
            PaymentRepositories repos = PaymentComponents.repositories();
            PROCESSOR = new WebhookProcessor(PaymentComponents.adapters(), PaymentComponents.credentials(), repos,
                    PaymentComponents.settlement(repos), new Log4jSecurityLog(), PaymentComponents.CLOCK);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CorrelationId.adopt(event);
        String provider = HttpEvents.pathParameter(event, "provider");
        String pathToken = HttpEvents.pathParameter(event, "pathToken");
        // The size first: an oversized body is neither decoded nor parsed and costs no secret lookup.
        long bodyBytes = HttpEvents.bodyBytes(event);
        WebhookProcessor.Reply reply = bodyBytes > WebhookProcessor.MAX_BODY_BYTES
                ? processor.get().tooLarge(provider, pathToken, bodyBytes)
                : processor.get().handle(provider, pathToken, new WebhookRequest(event.getHeaders(), HttpEvents.rawBody(event)));
        return HttpEvents.response(HttpResponse.uncachedJson(reply.status(), reply.body()));
    }
}
