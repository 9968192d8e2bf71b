package com.wispbill.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.http.HttpEvents;
import com.wispbill.adapters.http.HttpRequest;
import com.wispbill.adapters.dynamodb.SnapStartPriming;

/**
 * API Gateway HTTP API (payload 2.0) entry of the reseller API: turns the event into an
 * {@link HttpRequest}, lets {@link ResellerApi} answer, and turns the answer back into the event type.
 */
public final class ResellerApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ResellerApi api;

    /** What Lambda calls: the shared clients and the queues and tables named by the template. */
    public ResellerApiHandler() {
        this(ResellerApiWiring.fromEnvironment().resellerApi());
        SnapStartPriming.register(ResellerApiHandler.class);
    }

    public ResellerApiHandler(ResellerApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CorrelationId.adopt(event);
        return HttpEvents.response(api.handle(HttpEvents.request(event)));
    }
}
