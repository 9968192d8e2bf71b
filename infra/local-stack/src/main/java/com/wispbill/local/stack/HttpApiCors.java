package com.wispbill.local.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An HTTP API's {@code CorsConfiguration} served as API Gateway serves it: a preflight
 * ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered by the
 * API itself, 204, whatever the routes; a request with an allowed {@code Origin} gets the configured
 * headers added to the function's response, and CORS headers the function set are dropped. An
 * origin that is not allowed gets no CORS headers at all (the browser then refuses the answer).
 */
final class HttpApiCors {

    /** No {@code CorsConfiguration}: requests pass untouched, preflights reach the routes. */
    static final HttpApiCors NONE = new HttpApiCors(List.of(), List.of(), List.of(), List.of(), null, false, false);

    private final List<String> allowOrigins;
    private final List<String> allowMethods;
    private final List<String> allowHeaders;
    private final List<String> exposeHeaders;
    private final Integer maxAge;
    private final boolean allowCredentials;
    private final boolean configured;

    private HttpApiCors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                        List<String> exposeHeaders, Integer maxAge, boolean allowCredentials, boolean configured) {
        this.allowOrigins = allowOrigins;
        this.allowMethods = allowMethods;
        this.allowHeaders = allowHeaders;
        this.exposeHeaders = exposeHeaders;
        this.maxAge = maxAge;
        this.allowCredentials = allowCredentials;
        this.configured = configured;
    }

    /**
     * From the resolved SAM {@code CorsConfiguration}: {@code true} (every origin, method and header)
     * or a mapping of {@code AllowOrigins}, {@code AllowMethods}, {@code AllowHeaders},
     * {@code ExposeHeaders}, {@code MaxAge}, {@code AllowCredentials}. {@code origin} maps each
     * allowed origin to the one served locally (the console's local origin for its distribution's).
     */
    static HttpApiCors of(Object configuration, UnaryOperator<String> origin) {
        if (configuration == null || configuration == IntrinsicResolver.NO_VALUE || Boolean.FALSE.equals(configuration)
                || "false".equals(configuration)) {
            return NONE;
        }
        if (Boolean.TRUE.equals(configuration) || "true".equals(configuration)) {
            return new HttpApiCors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false, true);
        }
        if (!(configuration instanceof Map<?, ?> map)) {
            throw new StackException("CorsConfiguration must be true or a mapping, got " + configuration);
        }
        for (Object key : map.keySet()) {
            if (!List.of("AllowOrigins", "AllowMethods", "AllowHeaders", "ExposeHeaders", "MaxAge", "AllowCredentials").contains(key)) {
                throw new StackException("CorsConfiguration." + key + " is not a property of an HTTP API's CORS configuration");
            }
        }
        List<String> origins = texts(map.get("AllowOrigins")).stream().map(origin).toList();
        boolean credentials = ResourceProvisioner.isTrue(map.get("AllowCredentials"));
        if (credentials && origins.contains("*")) {
            // API Gateway refuses this configuration, so the stack does too.
            throw new StackException("CorsConfiguration: AllowCredentials true cannot be combined with AllowOrigins *");
        }
        Object maxAge = map.get("MaxAge");
        return new HttpApiCors(origins, upper(texts(map.get("AllowMethods"))), lower(texts(map.get("AllowHeaders"))),
                lower(texts(map.get("ExposeHeaders"))), maxAge == null ? null : Integer.valueOf(String.valueOf(maxAge)),
                credentials, true);
    }

    boolean configured() {
        return configured;
    }

    List<String> allowOrigins() {
        return allowOrigins;
    }

    /** A preflight is an OPTIONS request naming its origin and the method it wants to use. */
    boolean isPreflight(String method, String origin, String requestMethod) {
        return configured && "OPTIONS".equalsIgnoreCase(method) && origin != null && requestMethod != null;
    }

    /** The headers of the 204 answer to a preflight from {@code origin}; none for an origin not allowed. */
    Map<String, String> preflightHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        String allowed = allowedOrigin(origin);
        if (allowed == null) {
            return headers;
        }
        headers.put("Access-Control-Allow-Origin", allowed);
        if (!allowMethods.isEmpty()) {
            headers.put("Access-Control-Allow-Methods", String.join(",", allowMethods));
        }
        if (!allowHeaders.isEmpty()) {
            headers.put("Access-Control-Allow-Headers", String.join(",", allowHeaders));
        }
        if (maxAge != null) {
            headers.put("Access-Control-Max-Age", String.valueOf(maxAge));
        }
        if (allowCredentials) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        return headers;
    }

    /** The headers added to a function's response to a request from {@code origin}. */
    Map<String, String> responseHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        String allowed = allowedOrigin(origin);
        if (allowed == null) {
            return headers;
        }
        headers.put("Access-Control-Allow-Origin", allowed);
        if (!exposeHeaders.isEmpty()) {
            headers.put("Access-Control-Expose-Headers", String.join(",", exposeHeaders));
        }
        if (allowCredentials) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        return headers;
    }

    /** CORS headers a function set itself, which API Gateway ignores once the API configures CORS. */
    static boolean isCorsHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("access-control-");
    }

    private String allowedOrigin(String origin) {
        if (origin == null || !configured) {
            return null;
        }
        for (String allowed : allowOrigins) {
            if (allowed.equals("*")) {
                return "*";
            }
            if (allowed.equalsIgnoreCase(origin)) {
                return origin;
            }
            // "https://*" and "http://*": every origin of that scheme, as API Gateway allows.
            if (allowed.endsWith("://*") && origin.toLowerCase(Locale.ROOT).startsWith(allowed.substring(0, allowed.length() - 1).toLowerCase(Locale.ROOT))) {
                return origin;
            }
        }
        return null;
    }

    private static List<String> texts(Object value) {
        List<String> texts = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element != null && element != IntrinsicResolver.NO_VALUE) {
                    texts.add(String.valueOf(element));
                }
            }
        } else if (value != null && value != IntrinsicResolver.NO_VALUE) {
            texts.add(String.valueOf(value));
        }
        return texts;
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
