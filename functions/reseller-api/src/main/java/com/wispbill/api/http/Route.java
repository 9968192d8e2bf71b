package com.wispbill.api.http;

import com.wispbill.adapters.http.HttpResponse;
import java.util.List;
import java.util.Objects;

/**
 * One method and path template ({@code /v1/plans/{planId}}), who may call it, and what answers it.
 * {@code template} is written exactly as in the OpenAPI document, which a test compares with the routes.
 */
public record Route(String method, String template, Access access, Endpoint endpoint) {

    /** Answers a call that has been routed, authenticated and authorised. */
    @FunctionalInterface
    public interface Endpoint {
        HttpResponse handle(ApiCall call);
    }

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("templates start with /: " + template);
        }
    }

    List<String> segments() {
        return List.of(template.substring(1).split("/", -1));
    }

    static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
