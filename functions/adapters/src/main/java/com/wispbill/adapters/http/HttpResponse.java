package com.wispbill.adapters.http;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status, headers and a body. Most answers are JSON text; a binary body (a PDF) is carried base64
 * encoded with {@code base64Encoded}, which API Gateway decodes on the way out.
 */
public record HttpResponse(int status, Map<String, String> headers, String body, boolean base64Encoded) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public HttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** A text body. */
    public HttpResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }

    public static HttpResponse json(int status, String body) {
        return new HttpResponse(status, Map.of("content-type", JSON), body);
    }

    /**
     * JSON no cache may keep, with the header names the payment functions have always written
     * ({@code Content-Type}, {@code Cache-Control}).
     */
    public static HttpResponse uncachedJson(int status, String body) {
        return new HttpResponse(status, Map.of("Content-Type", JSON, "Cache-Control", "no-store"), body);
    }

    public static HttpResponse text(int status, String contentType, String body) {
        return new HttpResponse(status, Map.of("content-type", contentType), body);
    }

    public static HttpResponse binary(int status, String contentType, byte[] body) {
        return new HttpResponse(status, Map.of("content-type", contentType), Base64.getEncoder().encodeToString(body), true);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, more, body, base64Encoded);
    }
}
