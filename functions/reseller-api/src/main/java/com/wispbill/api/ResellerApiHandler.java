package com.wispbill.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.api.http.HttpRequest;
import com.wispbill.api.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway HTTP API (payload 2.0) entry of the reseller API: turns the event into an
 * {@link HttpRequest}, lets {@link ResellerApi} answer, and turns the answer back into the event type.
 */
public final class ResellerApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ResellerApi api;

    /** What Lambda calls: the shared clients and the queues and tables named by the template. */
    public ResellerApiHandler() {
        this(ResellerApiWiring.fromEnvironment().resellerApi());
    }

    public ResellerApiHandler(ResellerApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CorrelationId.adopt(event);
        HttpResponse response = api.handle(toRequest(event));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(response.base64Encoded())
                .build();
    }

    static HttpRequest toRequest(APIGatewayV2HTTPEvent event) {
        String method = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod)
                .orElse("GET");
        String path = Optional.ofNullable(event.getRawPath()).orElse("/");
        Map<String, String> query = event.getQueryStringParameters() == null
                ? Map.of() : new LinkedHashMap<>(event.getQueryStringParameters());
        byte[] body = event.getBody() == null ? new byte[0]
                : event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
        return new HttpRequest(method, path, event.getHeaders(), query, body);
    }
}
