package com.wispbill.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.HttpApiHandler;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.http.HttpEvents;
import com.wispbill.adapters.http.HttpRequest;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import java.util.HashMap;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) entry of the reseller API: turns the event into an
 * {@link HttpRequest}, lets {@link ResellerApi} answer, and turns the answer back into the event type.
 */
public final class ResellerApiHandler extends HttpApiHandler {
    /**
     * The source address API Gateway saw, as a request header for the routes that limit per address (sign-in).
     * Set here only: a client sending this header has it replaced.
     */
    public static final String SOURCE_IP_HEADER = "x-wispbill-source-ip";

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
        return HttpEvents.response(api.handle(withSourceIp(HttpEvents.request(event), event)));
    }

    private static HttpRequest withSourceIp(HttpRequest request, APIGatewayV2HTTPEvent event) {
        String sourceIp = event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                || event.getRequestContext().getHttp().getSourceIp() == null
                ? "unknown" : event.getRequestContext().getHttp().getSourceIp();
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put(SOURCE_IP_HEADER, sourceIp);
        return new HttpRequest(request.method(), request.path(), headers, request.query(), request.body());
    }
}
