package com.wispbill.payment.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * HTTP calls to provider APIs with a connect timeout and a per-request (read) timeout: a slow provider
 * must fail a webhook or portal request in seconds, well inside the function's own timeout, rather
 * than hang it. Every failure to get an answer is a {@link ProviderUnavailableException}; what an
 * answer's status means is the adapter's business (Daraja, for one, answers 500 for "still processing").
 */
public final class ProviderHttp implements Resource {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(8);

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private volatile HttpClient client;

    /**
     * The HTTP client is built on the first call, not here: building one (its TLS set-up and selector thread) was
     * about 400 classes and 30 ms of the reseller API's and the portal's constructors, for calls most of their
     * requests never make. With SnapStart the snapshot still holds it: {@link #beforeCheckpoint} builds it
     * before the snapshot is taken, as the constructor did.
     */
    public ProviderHttp(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        // CRaC's context holds resources weakly: this one lives as long as the adapter that calls through it.
        Core.getGlobalContext().register(this);
    }

    public ProviderHttp() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        client();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: the client opens new connections when the snapshot's are gone.
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
                }
                built = client;
            }
        }
        return built;
    }

    /** A provider's answer: status and parsed JSON body (an empty object if the body was not JSON). */
    public record Response(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Response get(URI uri, Map<String, String> headers) {
        return send(builder(uri, headers).GET());
    }

    public Response postJson(URI uri, Map<String, String> headers, JsonNode body) {
        try {
            return send(builder(uri, headers).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalStateException("could not encode a provider request", e);
        }
    }

    public Response postForm(URI uri, Map<String, String> headers, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(builder(uri, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    }

    private HttpRequest.Builder builder(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
        headers.forEach(b::header);
        return b;
    }

    private Response send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        String target = built.method() + " " + built.uri().getHost() + built.uri().getPath();
        try {
            HttpResponse<byte[]> response = client().send(built, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body;
            try {
                body = response.body().length == 0 ? Json.LENIENT.createObjectNode() : Json.LENIENT.readTree(response.body());
            } catch (IOException e) {
                body = Json.LENIENT.createObjectNode();
            }
            return new Response(response.statusCode(), body == null ? Json.LENIENT.createObjectNode() : body);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ProviderUnavailableException(target + " could not connect: " + e.getMessage(), e, false);
        } catch (HttpTimeoutException e) {
            throw new ProviderUnavailableException(target + " timed out", e);
        } catch (IOException e) {
            throw new ProviderUnavailableException(target + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(target + " was interrupted", e);
        }
    }

    /** {@code base} (which may have a path, e.g. a local stand-in's prefix) followed by {@code pathAndQuery}. */
    public static URI join(URI base, String pathAndQuery) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + pathAndQuery);
    }

    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
