package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls a {@link ResellerApiHandler} with API Gateway payload 2.0 events loaded from
 * {@code events/reseller-api-*.json}: a sample event is the starting point, then the test sets the
 * method, path, query, key and body it needs.
 */
final class ApiClient {
    static final String EVENTS = "../../events/";

    private final ResellerApiHandler handler;

    ApiClient(ResellerApiHandler handler) {
        this.handler = handler;
    }

    /** A parsed answer. */
    record Reply(int status, Map<String, String> headers, String body, boolean base64Encoded) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The fields named in a problem document's errors. */
        List<String> errorFields() {
            return json().path("errors").findValuesAsText("field");
        }

        Reply expect(int expected) {
            assertEquals(expected, status, () -> "status of " + body);
            return this;
        }

        String contentType() {
            return headers.get("content-type");
        }
    }

    static APIGatewayV2HTTPEvent load(String eventFile) {
        return EventLoader.loadApiGatewayHttpEvent(EVENTS + eventFile);
    }

    /** Sends {@code eventFile} as it is, with {@code key} (null: no key) and text replacements in the body and path. */
    Reply send(String eventFile, String key, Map<String, String> replacements) {
        APIGatewayV2HTTPEvent event = load(eventFile);
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            if (event.getBody() != null) {
                event.setBody(event.getBody().replace(r.getKey(), r.getValue()));
            }
            event.setRawPath(event.getRawPath().replace(r.getKey(), r.getValue()));
            event.getRequestContext().getHttp().setPath(event.getRawPath());
        }
        return send(withKey(event, key));
    }

    Reply call(String method, String path, String key) {
        return call(method, path, key, null, Map.of());
    }

    Reply call(String method, String path, String key, String body) {
        return call(method, path, key, body, Map.of());
    }

    Reply call(String method, String path, String key, String body, Map<String, String> query) {
        return call(method, path, key, body, query, Map.of());
    }

    /** With request {@code headers} set over the sample event's (e.g. {@code host}). */
    Reply call(String method, String path, String key, String body, Map<String, String> query, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = load("reseller-api-get.json");
        if (!headers.isEmpty()) {
            Map<String, String> all = new LinkedHashMap<>(event.getHeaders());
            all.putAll(headers);
            event.setHeaders(all);
        }
        event.getRequestContext().getHttp().setMethod(method);
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        event.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
        event.setRawQueryString(query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&")));
        if (body != null) {
            event.getHeaders().put("content-type", "application/json");
            event.setBody(body);
        }
        return send(withKey(event, key));
    }

    private static APIGatewayV2HTTPEvent withKey(APIGatewayV2HTTPEvent event, String key) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.remove("authorization");
        if (key != null) {
            headers.put("authorization", "Bearer " + key);
        }
        event.setHeaders(headers);
        return event;
    }

    Reply send(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        return new Reply(response.getStatusCode(), response.getHeaders(), response.getBody(), response.getIsBase64Encoded());
    }
}
