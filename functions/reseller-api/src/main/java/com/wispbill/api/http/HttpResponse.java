package com.wispbill.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Status, headers and a text body (every answer of this API is JSON). */
public record HttpResponse(int status, Map<String, String> headers, String body) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public HttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static HttpResponse json(int status, String body) {
        return new HttpResponse(status, Map.of("content-type", JSON), body);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, more, body);
    }
}
