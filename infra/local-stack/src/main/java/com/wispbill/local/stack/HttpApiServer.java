package com.wispbill.local.stack;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The template's HTTP API routes on a loopback port, behaving like API Gateway HTTP APIs with
 * payload format 2.0: the request becomes an {@link APIGatewayV2HTTPEvent} exactly as API Gateway
 * builds it, the handler's {@link APIGatewayV2HTTPResponse} (or an inferred response) goes back.
 *
 * <p>The request body reaches the handler byte-for-byte: as UTF-8 text for JSON/XML/text content
 * types when it is valid UTF-8, otherwise base64 with {@code isBase64Encoded} (form posts too, as
 * on API Gateway). Payment webhooks verify signatures over exactly these bytes.
 */
final class HttpApiServer implements AutoCloseable {

    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LoopbackHttpServer server;
    private final String accountId;
    private final String apiId;
    private volatile HttpRoutes routes = new HttpRoutes();
    /** Each HTTP API's CORS by its logical id (routes of an API without CorsConfiguration: none). */
    private volatile Map<String, HttpApiCors> corsByApi = Map.of();

    private HttpApiServer(LoopbackHttpServer server, String accountId, String apiId) {
        this.server = server;
        this.accountId = accountId;
        this.apiId = apiId;
    }

    /**
     * Binds the port before the functions are wired: their environment may name the API's URL
     * ({@code !GetAtt ServerlessHttpApi.ApiEndpoint}).
     */
    static HttpApiServer bind(int port, String accountId, String apiId) {
        return new HttpApiServer(LoopbackHttpServer.bind("http-api", port), accountId, apiId);
    }

    void start(HttpRoutes routes, Map<String, HttpApiCors> corsByApi) {
        this.routes = routes;
        this.corsByApi = Map.copyOf(corsByApi);
        server.start(this::handle);
    }

    int port() {
        return server.port();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    HttpRoutes routes() {
        return routes;
    }

    /** The CORS of the API whose routes serve {@code rawPath} (one port serves every API's routes). */
    private HttpApiCors corsOf(String rawPath) {
        return routes.anyRouteOf(rawPath).map(HttpRoutes.Route::apiLogicalId).map(corsByApi::get).orElse(HttpApiCors.NONE);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                serve(exchange);
            } catch (RuntimeException e) {
                StackLog.error("http-api: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed", e);
                if (exchange.getResponseCode() == -1) {
                    sendMessage(exchange, 500, "Internal Server Error");
                }
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String requestId = apiGatewayRequestId();
        exchange.getResponseHeaders().set("apigw-requestid", requestId);
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        HttpApiCors cors = corsOf(exchange.getRequestURI().getRawPath());
        if (cors.isPreflight(exchange.getRequestMethod(), origin, exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"))) {
            cors.preflightHeaders(origin).forEach(exchange.getResponseHeaders()::set);
            LoopbackHttpServer.respond(exchange, 204, null);
            return;
        }
        // Set first: the function's own CORS headers are dropped below, API Gateway's answers carry these too.
        cors.responseHeaders(origin).forEach(exchange.getResponseHeaders()::set);
        byte[] body = LoopbackHttpServer.readBody(exchange, MAX_PAYLOAD_BYTES);
        if (body == null) {
            sendMessage(exchange, 413, "Request Entity Too Large");
            return;
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<HttpRoutes.Match> match = routes.resolve(exchange.getRequestMethod(), rawPath);
        if (match.isEmpty()) {
            sendMessage(exchange, 404, "Not Found");
            return;
        }
        APIGatewayV2HTTPEvent event = event(exchange, match.get(), body, requestId);
        Object result;
        try {
            result = match.get().route().function().invoke(event, () -> LambdaEvents.wire(event));
        } catch (FunctionInvocationException e) {
            sendMessage(exchange, 500, "Internal Server Error");
            return;
        }
        HttpResult response;
        try {
            response = HttpResult.of(result);
        } catch (IllegalArgumentException e) {
            StackLog.error("function " + match.get().route().function().logicalId() + " returned an invalid HTTP API response: "
                    + e.getMessage(), null);
            sendMessage(exchange, 500, "Internal Server Error");
            return;
        }
        response.write(exchange, cors.configured());
    }

    private APIGatewayV2HTTPEvent event(HttpExchange exchange, HttpRoutes.Match match, byte[] body, String requestId) {
        Headers requestHeaders = exchange.getRequestHeaders();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        requestHeaders.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                // Payload 2.0 moves cookies out of the headers into their own list.
                for (String header : values) {
                    for (String cookie : header.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
                return;
            }
            headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
        });
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", String.valueOf(port()));
        headers.putIfAbsent("x-amzn-trace-id", "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-"
                + HexFormat.of().formatHex(randomBytes(12)));
        String host = headers.getOrDefault("host", "127.0.0.1:" + port());
        Instant now = Instant.now();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String rawPath = exchange.getRequestURI().getRawPath();

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.setPath(rawPath);
        http.setProtocol(exchange.getProtocol());
        http.setSourceIp(sourceIp);
        http.setUserAgent(headers.getOrDefault("user-agent", ""));

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId(accountId);
        context.setApiId(apiId);
        context.setDomainName(host);
        context.setDomainPrefix(host.contains(".") && !Character.isDigit(host.charAt(0)) ? host.substring(0, host.indexOf('.')) : apiId);
        context.setHttp(http);
        context.setRequestId(requestId);
        context.setRouteKey(match.route().routeKey());
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(match.route().routeKey());
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery == null ? "" : rawQuery);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(rawQuery));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.setRequestContext(context);
        if (body.length > 0) {
            String text = isTextual(headers.get("content-type")) ? utf8OrNull(body) : null;
            event.setBody(text != null ? text : Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(text == null);
        }
        return event;
    }

    /** Duplicate query parameters are joined with commas in payload 2.0. */
    private static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQueryComponent(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQueryComponent(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static String decodeQueryComponent(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** Content types API Gateway passes as text; everything else (form posts included) is base64. */
    static boolean isTextual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/yaml") || type.equals("application/graphql");
    }

    private static String utf8OrNull(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null; // not UTF-8: text would not round-trip to the same bytes, so send base64
        }
    }

    private static String apiGatewayRequestId() {
        return Base64.getEncoder().withoutPadding().encodeToString(randomBytes(11)) + "=";
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void sendMessage(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        LoopbackHttpServer.respond(exchange, status, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A handler's result turned into the HTTP response API Gateway would send. */
    record HttpResult(int status, Map<String, String> headers, Map<String, List<String>> multiValueHeaders,
                      List<String> cookies, byte[] body) {

        static HttpResult of(Object result) {
            if (result instanceof APIGatewayV2HTTPResponse response) {
                return structured(response.getStatusCode(), response.getHeaders(), response.getMultiValueHeaders(),
                        response.getCookies(), response.getBody(), response.getIsBase64Encoded());
            }
            JsonNode json;
            if (result instanceof String text) {
                try {
                    json = Json.MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    json = null;
                }
                if (json == null || !json.isObject() || !json.has("statusCode")) {
                    return inferred(text);
                }
            } else {
                json = Json.MAPPER.valueToTree(result);
            }
            if (json == null || !json.isObject() || !json.has("statusCode")) {
                // API Gateway's inference for a response without statusCode: 200, JSON, the value as body.
                return inferred(json == null ? "null" : json.toString());
            }
            if (!json.get("statusCode").canConvertToInt()) {
                throw new IllegalArgumentException("statusCode " + json.get("statusCode") + " is not a number");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (json.path("headers").isObject()) {
                json.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            }
            Map<String, List<String>> multi = new LinkedHashMap<>();
            if (json.path("multiValueHeaders").isObject()) {
                json.get("multiValueHeaders").fields().forEachRemaining(e -> {
                    List<String> values = new ArrayList<>();
                    e.getValue().forEach(v -> values.add(v.asText()));
                    multi.put(e.getKey(), values);
                });
            }
            List<String> cookies = new ArrayList<>();
            json.path("cookies").forEach(c -> cookies.add(c.asText()));
            JsonNode body = json.get("body");
            return structured(json.get("statusCode").asInt(), headers, multi, cookies,
                    body == null || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString(),
                    json.path("isBase64Encoded").asBoolean(false));
        }

        private static HttpResult inferred(String body) {
            return new HttpResult(200, Map.of("content-type", "application/json"), Map.of(), List.of(),
                    body.getBytes(StandardCharsets.UTF_8));
        }

        private static HttpResult structured(int status, Map<String, String> headers, Map<String, List<String>> multi,
                                             List<String> cookies, String body, boolean base64) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("statusCode " + status + " is not a valid HTTP status");
            }
            byte[] bytes;
            if (body == null) {
                bytes = new byte[0];
            } else if (base64) {
                try {
                    bytes = Base64.getDecoder().decode(body);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("isBase64Encoded is true but the body is not valid base64");
                }
            } else {
                bytes = body.getBytes(StandardCharsets.UTF_8);
            }
            return new HttpResult(status, headers == null ? Map.of() : headers, multi == null ? Map.of() : multi,
                    cookies == null ? List.of() : cookies, bytes);
        }

        /** {@code apiCors}: the API configures CORS, so CORS headers of the function are ignored. */
        void write(HttpExchange exchange, boolean apiCors) throws IOException {
            Headers out = exchange.getResponseHeaders();
            headers.forEach((name, value) -> {
                if (value != null && passes(name, apiCors)) {
                    out.set(name, value);
                }
            });
            multiValueHeaders.forEach((name, values) -> {
                if (values != null && passes(name, apiCors)) {
                    values.forEach(v -> out.add(name, v));
                }
            });
            cookies.forEach(cookie -> out.add("Set-Cookie", cookie));
            LoopbackHttpServer.respond(exchange, status, body);
        }

        private static boolean passes(String name, boolean apiCors) {
            return !name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                    && !(apiCors && HttpApiCors.isCorsHeader(name));
        }
    }
}
