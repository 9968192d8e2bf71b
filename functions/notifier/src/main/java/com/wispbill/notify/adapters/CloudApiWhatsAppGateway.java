package com.wispbill.notify.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import com.wispbill.notify.WhatsAppAccount;
import com.wispbill.notify.WhatsAppGateway;
import com.wispbill.notify.WhatsAppNotAcceptedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST <base>/<version>/<phone-number-id>/messages} with the number's bearer token and a
 * template message (language code, body text parameters). A 4xx answer carries the Graph API error
 * object: nothing was sent. No retries here: a retry after a lost answer would send twice.
 */
public final class CloudApiWhatsAppGateway implements WhatsAppGateway {
    /** The Graph API version the requests name. */
    public static final String API_VERSION = "v21.0";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI baseUrl;

    /** {@code baseUrl}: {@code https://graph.facebook.com}, or a stand-in's. */
    public CloudApiWhatsAppGateway(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String send(WhatsAppAccount account, String toE164, String templateName, String language, List<String> bodyParameters) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", toE164.substring(1));
        body.put("type", "template");
        ObjectNode template = body.putObject("template").put("name", templateName);
        template.putObject("language").put("policy", "deterministic").put("code", language);
        var parameters = template.putArray("components").addObject().put("type", "body").putArray("parameters");
        bodyParameters.forEach(p -> parameters.addObject().put("type", "text").put("text", p));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + API_VERSION + "/" + account.phoneNumberId() + "/messages"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + account.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new WhatsAppNotAcceptedException(0, "the Cloud API could not be reached", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the Cloud API's answer was lost", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
        JsonNode answer = read(response.body());
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            JsonNode error = answer.path("error");
            throw new WhatsAppNotAcceptedException(error.path("code").asInt(), "the Cloud API refused the message: HTTP "
                    + response.statusCode() + " code " + error.path("code").asInt(), null);
        }
        String id = answer.path("messages").path(0).path("id").asText("");
        if (response.statusCode() != 200 || id.isEmpty()) {
            throw new IllegalStateException("unexpected Cloud API answer: HTTP " + response.statusCode());
        }
        return id;
    }

    private static JsonNode read(String text) {
        try {
            return Json.MAPPER.readTree(text == null || text.isEmpty() ? "{}" : text);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
