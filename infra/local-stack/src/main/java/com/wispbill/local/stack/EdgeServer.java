package com.wispbill.local.stack;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single endpoint code under test talks to (like LocalStack's port 4566). Each request goes to
 * DynamoDB Local, ElasticMQ or the in-process SNS and Secrets Manager endpoints according to the service in its SigV4
 * credential scope ({@code Credential=AKID/DATE/REGION/SERVICE/aws4_request}); unsigned requests
 * are routed by {@code X-Amz-Target}, the query-protocol {@code Version}/{@code Action}, or an SQS
 * queue-URL path.
 *
 * <p>Proxying is byte-transparent: the request body is streamed to the backend with its length,
 * and the response status, headers (including DynamoDB's {@code x-amz-crc32}, which the SDK
 * checks) and body are streamed back unchanged. The backends are reached through one pooled
 * HTTP/1.1 client; SNS is served in-process without another hop.
 */
final class EdgeServer implements AutoCloseable {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");
    private static final int MAX_BUFFERED_BODY = 16 * 1024 * 1024;
    /** Hop-by-hop headers, and the ones java.net.http sets itself and refuses from callers. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "proxy-authorization", "http2-settings", "date");
    private static final Set<String> SQS_QUERY_ACTIONS = Set.of("CreateQueue", "DeleteQueue", "ListQueues", "GetQueueUrl",
            "GetQueueAttributes", "SetQueueAttributes", "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage",
            "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "PurgeQueue", "ListQueueTags",
            "TagQueue", "UntagQueue", "ListDeadLetterSourceQueues", "AddPermission", "RemovePermission",
            "StartMessageMoveTask", "ListMessageMoveTasks", "CancelMessageMoveTask");

    private final LoopbackHttpServer server;
    private final String accountId;
    private HttpClient client;
    private URI dynamoDb;
    private URI sqs;
    private SnsEndpoint sns;
    private SesEndpoint ses;
    private SecretsManagerEndpoint secretsManager;

    private EdgeServer(LoopbackHttpServer server, String accountId) {
        this.server = server;
        this.accountId = accountId;
    }

    /** Reserves the port now: ElasticMQ must know the edge address to build queue URLs. */
    static EdgeServer bind(int port, String accountId) {
        return new EdgeServer(LoopbackHttpServer.bind("edge", port), accountId);
    }

    void start(URI dynamoDbEndpoint, URI sqsEndpoint, SnsEndpoint snsEndpoint, SecretsManagerEndpoint secretsManagerEndpoint,
               SesEndpoint sesEndpoint) {
        this.ses = sesEndpoint;
        this.dynamoDb = dynamoDbEndpoint;
        this.sqs = sqsEndpoint;
        this.sns = snsEndpoint;
        this.secretsManager = secretsManagerEndpoint;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        server.start(this::handle);
    }

    int port() {
        return server.port();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.close();
        if (client != null) {
            client.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                StackLog.error("edge: request " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed", e);
                if (exchange.getResponseCode() == -1) {
                    sendError(exchange, 500, "InternalFailure", "The embedded stack failed to handle the request: " + e);
                }
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/_localstack/health") || path.equals("/_wispbill/health")) {
            byte[] body = "{\"services\":{\"dynamodb\":\"running\",\"sqs\":\"running\",\"sns\":\"running\",\"secretsmanager\":\"running\",\"ses\":\"running\"},\"edition\":\"wispbill-embedded\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            LoopbackHttpServer.respond(exchange, 200, body);
            return;
        }
        byte[] buffered = null;
        String service = serviceFromHeaders(exchange);
        if (service == null) {
            // Unsigned query-protocol request: the service is only visible in the form body.
            buffered = LoopbackHttpServer.readBody(exchange, MAX_BUFFERED_BODY);
            if (buffered == null) {
                sendError(exchange, 413, "RequestEntityTooLarge", "Request body too large");
                return;
            }
            service = serviceFromQueryParameters(exchange, buffered);
        }
        switch (service == null ? "" : service) {
            case "dynamodb" -> forward(exchange, dynamoDb, buffered);
            case "sqs" -> forward(exchange, sqs, buffered);
            case "sns" -> {
                byte[] body = buffered != null ? buffered : LoopbackHttpServer.readBody(exchange, MAX_BUFFERED_BODY);
                if (body == null) {
                    sendError(exchange, 413, "RequestEntityTooLarge", "Request body too large");
                    return;
                }
                SnsEndpoint.Response response = sns.handle(exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body);
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
                LoopbackHttpServer.respond(exchange, response.status(), response.body());
            }
            case "secretsmanager" -> {
                byte[] body = buffered != null ? buffered : LoopbackHttpServer.readBody(exchange, MAX_BUFFERED_BODY);
                if (body == null) {
                    sendError(exchange, 413, "RequestEntityTooLarge", "Request body too large");
                    return;
                }
                SecretsManagerEndpoint.Response response = secretsManager.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                LoopbackHttpServer.respond(exchange, response.status(), response.body());
            }
            case "ses" -> {
                byte[] body = buffered != null ? buffered : LoopbackHttpServer.readBody(exchange, MAX_BUFFERED_BODY);
                if (body == null) {
                    sendError(exchange, 413, "RequestEntityTooLarge", "Request body too large");
                    return;
                }
                SesEndpoint.Response response = ses.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                LoopbackHttpServer.respond(exchange, response.status(), response.body());
            }
            default -> sendError(exchange, 400, "UnknownService", service == null
                    ? "The embedded stack could not tell which AWS service this request is for (no SigV4 credential scope, X-Amz-Target or Action)"
                    : "The embedded stack serves dynamodb, sqs, sns, secretsmanager and ses; '" + service + "' is not available");
        }
    }

    private String serviceFromHeaders(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String authorization = headers.getFirst("Authorization");
        if (authorization != null) {
            String service = serviceFromCredential(authorization);
            if (service != null) {
                return service;
            }
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.contains("X-Amz-Credential=")) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("X-Amz-Credential=")) {
                    String service = serviceFromCredential("Credential="
                            + URLDecoder.decode(pair.substring("X-Amz-Credential=".length()), StandardCharsets.UTF_8));
                    if (service != null) {
                        return service;
                    }
                }
            }
        }
        String target = headers.getFirst("X-Amz-Target");
        if (target != null) {
            if (target.startsWith("DynamoDB")) {
                return "dynamodb";
            }
            if (target.startsWith("AmazonSQS")) {
                return "sqs";
            }
            if (target.startsWith("secretsmanager.")) {
                return "secretsmanager";
            }
        }
        // An SQS queue URL path: /ACCOUNT/QUEUE
        if (exchange.getRequestURI().getRawPath().startsWith("/" + accountId + "/")) {
            return "sqs";
        }
        return null;
    }

    static String serviceFromCredential(String authorization) {
        Matcher matcher = CREDENTIAL.matcher(authorization);
        if (!matcher.find()) {
            return null;
        }
        String[] scope = matcher.group(1).split("/");
        // AKID/DATE/REGION/SERVICE/aws4_request
        return scope.length >= 5 ? scope[scope.length - 2].toLowerCase(Locale.ROOT) : null;
    }

    private static String serviceFromQueryParameters(HttpExchange exchange, byte[] body) {
        Map<String, String> params = QueryProtocol.parseForm(exchange.getRequestURI().getRawQuery());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            params.putAll(QueryProtocol.parseForm(new String(body, StandardCharsets.UTF_8)));
        }
        String version = params.get("Version");
        if ("2010-03-31".equals(version)) {
            return "sns";
        }
        if ("2012-11-05".equals(version)) {
            return "sqs";
        }
        String action = params.get("Action");
        if (action == null) {
            return null;
        }
        return SQS_QUERY_ACTIONS.contains(action) ? "sqs" : "sns";
    }

    private void forward(HttpExchange exchange, URI backend, byte[] buffered) throws IOException {
        URI incoming = exchange.getRequestURI();
        String target = backend + incoming.getRawPath() + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(90));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : values) {
                    try {
                        request.header(name, value);
                    } catch (IllegalArgumentException e) {
                        // a header java.net.http will not send (restricted or malformed); backends do not need it
                    }
                }
            }
        });
        request.method(exchange.getRequestMethod(), bodyPublisher(exchange, buffered));
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            sendError(exchange, 502, "ServiceUnavailable", "Backend " + backend + " is not reachable (is the stack closing?)");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendError(exchange, 503, "ServiceUnavailable", "The embedded stack is shutting down");
            return;
        }
        try (InputStream body = response.body()) {
            HttpHeaders headers = response.headers();
            Headers out = exchange.getResponseHeaders();
            headers.map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    out.put(name, List.copyOf(values));
                }
            });
            long length = headers.firstValueAsLong("Content-Length").orElse(-2);
            int status = response.statusCode();
            boolean noBody = exchange.getRequestMethod().equalsIgnoreCase("HEAD") || status == 204 || status == 304 || length == 0;
            // JDK server: -1 = no body, 0 = chunked (length unknown), n = fixed length.
            exchange.sendResponseHeaders(status, noBody ? -1 : length > 0 ? length : 0);
            if (!noBody) {
                try (OutputStream sink = exchange.getResponseBody()) {
                    body.transferTo(sink);
                }
            }
        }
    }

    private static HttpRequest.BodyPublisher bodyPublisher(HttpExchange exchange, byte[] buffered) {
        if (buffered != null) {
            return buffered.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(buffered);
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length = Long.parseLong(declared.trim());
            if (length == 0) {
                return HttpRequest.BodyPublishers.noBody();
            }
            return HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody), length);
        }
        String encoding = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
        }
        return HttpRequest.BodyPublishers.noBody();
    }

    private static void sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
        String json = "{\"__type\":\"" + type + "\",\"message\":" + Json.MAPPER.valueToTree(message) + "}";
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        LoopbackHttpServer.respond(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }
}
