package com.wispbill.local.providers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A callback exactly as the provider would POST it: URL, headers (signature included) and the raw
 * body bytes. Tests alter copies of it ({@link #withBody}, {@link #withHeader}) to check that the
 * receiver refuses anything that is not byte-for-byte what was signed.
 */
public record Callback(URI url, Map<String, String> headers, byte[] body) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Callback {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Callback withBody(String newBody) {
        return new Callback(url, headers, newBody.getBytes(StandardCharsets.UTF_8));
    }

    public Callback withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Callback(url, copy, body);
    }

    public Callback withUrl(URI newUrl) {
        return new Callback(newUrl, headers, body);
    }

    /** POSTs it; returns the receiver's status code and body. */
    public Delivery deliver() {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Delivery(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("callback to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted delivering a callback", e);
        }
    }

    /** What the receiver answered. */
    public record Delivery(int status, String body) {
        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }
}
