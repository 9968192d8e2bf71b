package com.wispbill.adapters;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function behind the HTTP API (payload format 2.0). Lambda hands it the request as JSON bytes, read
 * here into an {@link APIGatewayV2HTTPEvent} with the function's own Jackson, and the response is
 * written the way API Gateway reads it: as a plain {@code RequestHandler<APIGatewayV2HTTPEvent, …>},
 * Lambda's Java runtime would convert both with its own event serialisation, which loads about 800
 * classes on a cold start's first call. Subclasses implement {@link #handleRequest(APIGatewayV2HTTPEvent,
 * Context)}, which tests and the local stack may still call directly; Lambda and the local stack pick
 * the stream signature (it is the longer one, and the interface).
 */
public abstract class HttpApiHandler implements RequestStreamHandler,
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public final void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPResponse response = handleRequest(read(Json.LENIENT.readTree(event)), context);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output)) {
            write(response, json);
        }
    }

    @Override
    public abstract APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context);

    /** The request as API Gateway sends it (payload format 2.0). */
    static APIGatewayV2HTTPEvent read(JsonNode wire) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setVersion(LambdaWire.text(wire, "version"));
        e.setRouteKey(LambdaWire.text(wire, "routeKey"));
        e.setRawPath(LambdaWire.text(wire, "rawPath"));
        e.setRawQueryString(LambdaWire.text(wire, "rawQueryString"));
        e.setCookies(strings(wire.get("cookies")));
        e.setHeaders(stringMap(wire.get("headers")));
        e.setQueryStringParameters(stringMap(wire.get("queryStringParameters")));
        e.setPathParameters(stringMap(wire.get("pathParameters")));
        e.setStageVariables(stringMap(wire.get("stageVariables")));
        e.setBody(LambdaWire.text(wire, "body"));
        e.setIsBase64Encoded(wire.path("isBase64Encoded").asBoolean(false));
        JsonNode rc = wire.get("requestContext");
        if (rc != null && rc.isObject()) {
            APIGatewayV2HTTPEvent.RequestContext c = new APIGatewayV2HTTPEvent.RequestContext();
            c.setRouteKey(LambdaWire.text(rc, "routeKey"));
            c.setAccountId(LambdaWire.text(rc, "accountId"));
            c.setStage(LambdaWire.text(rc, "stage"));
            c.setApiId(LambdaWire.text(rc, "apiId"));
            c.setDomainName(LambdaWire.text(rc, "domainName"));
            c.setDomainPrefix(LambdaWire.text(rc, "domainPrefix"));
            c.setTime(LambdaWire.text(rc, "time"));
            c.setTimeEpoch(rc.path("timeEpoch").asLong(0));
            c.setRequestId(LambdaWire.text(rc, "requestId"));
            JsonNode http = rc.get("http");
            if (http != null && http.isObject()) {
                APIGatewayV2HTTPEvent.RequestContext.Http h = new APIGatewayV2HTTPEvent.RequestContext.Http();
                h.setMethod(LambdaWire.text(http, "method"));
                h.setPath(LambdaWire.text(http, "path"));
                h.setProtocol(LambdaWire.text(http, "protocol"));
                h.setSourceIp(LambdaWire.text(http, "sourceIp"));
                h.setUserAgent(LambdaWire.text(http, "userAgent"));
                c.setHttp(h);
            }
            JsonNode authorizer = rc.get("authorizer");
            if (authorizer != null && authorizer.isObject()) {
                // WISPbill's routes have no API Gateway authorizer; kept for a route that gets one.
                c.setAuthorizer(Json.LENIENT.convertValue(authorizer, APIGatewayV2HTTPEvent.RequestContext.Authorizer.class));
            }
            e.setRequestContext(c);
        }
        return e;
    }

    /** The response as API Gateway reads it; absent fields are left out, as Lambda's own serialisation does. */
    static void write(APIGatewayV2HTTPResponse response, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> h : response.getHeaders().entrySet()) {
                json.writeStringField(h.getKey(), h.getValue());
            }
            json.writeEndObject();
        }
        if (response.getMultiValueHeaders() != null) {
            json.writeObjectFieldStart("multiValueHeaders");
            for (Map.Entry<String, List<String>> h : response.getMultiValueHeaders().entrySet()) {
                json.writeArrayFieldStart(h.getKey());
                for (String value : h.getValue()) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        if (response.getCookies() != null) {
            json.writeArrayFieldStart("cookies");
            for (String cookie : response.getCookies()) {
                json.writeString(cookie);
            }
            json.writeEndArray();
        }
        if (response.getBody() != null) {
            json.writeStringField("body", response.getBody());
        }
        json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
        json.writeEndObject();
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        if (object == null || !object.isObject()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(p -> values.put(p.getKey(), p.getValue().isNull() ? null : p.getValue().asText()));
        return values;
    }
}
