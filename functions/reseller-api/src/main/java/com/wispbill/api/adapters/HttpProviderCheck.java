package com.wispbill.api.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.api.service.ProviderCheck;
import com.wispbill.domain.PaymentProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * {@link ProviderCheck} over HTTPS to the providers' APIs (base URLs as the payment functions have them: the
 * production hosts, or the local stand-ins). One call each, a few seconds at most; keys only in headers.
 */
public final class HttpProviderCheck implements ProviderCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(8);

    /** Base URLs of Daraja, Paystack, Stripe and the Midtrans API host. */
    public record Endpoints(URI mpesa, URI paystack, URI stripe, URI midtransApi) {
        public static final Endpoints PRODUCTION = new Endpoints(URI.create("https://api.safaricom.co.ke"),
                URI.create("https://api.paystack.co"), URI.create("https://api.stripe.com"), URI.create("https://api.midtrans.com"));
    }

    private final Endpoints endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public HttpProviderCheck(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public Outcome check(PaymentProvider provider, Map<String, String> keys) {
        String probe = "wispbill-key-check-" + UUID.randomUUID();
        return switch (provider) {
            case MPESA -> {
                Answer a = get(endpoints.mpesa(), "/oauth/v1/generate?grant_type=client_credentials",
                        basic(keys.get("consumerKey"), keys.get("consumerSecret")));
                yield a.status() == 200 && a.body().hasNonNull("access_token") ? new Outcome(true, "Daraja issued a token")
                        : refusedOrUnreachable(provider, a, a.body().path("errorMessage").asText("refused"));
            }
            case PAYSTACK -> {
                Answer a = get(endpoints.paystack(), "/transaction/verify/" + probe, "Bearer " + keys.get("secretKey"));
                yield a.status() == 401 ? new Outcome(false, a.body().path("message").asText("invalid key"))
                        : accepted(provider, a);
            }
            case STRIPE -> {
                Answer a = get(endpoints.stripe(), "/v1/checkout/sessions/" + probe, "Bearer " + keys.get("secretKey"));
                yield a.status() == 401 ? new Outcome(false, a.body().path("error").path("message").asText("invalid key"))
                        : accepted(provider, a);
            }
            case MIDTRANS -> {
                Answer a = get(endpoints.midtransApi(), "/v2/" + probe + "/status", basic(keys.get("serverKey"), ""));
                // Midtrans may answer HTTP 200 with the status in the body.
                boolean unauthorised = a.status() == 401 || "401".equals(a.body().path("status_code").asText());
                yield unauthorised ? new Outcome(false, a.body().path("status_message").asText("invalid server key"))
                        : accepted(provider, a);
            }
        };
    }

    private static Outcome accepted(PaymentProvider provider, Answer a) {
        if (a.status() >= 500) {
            throw new Unreachable(provider.slug() + " answered " + a.status(), null);
        }
        return new Outcome(true, provider.slug() + " accepted the keys");
    }

    private static Outcome refusedOrUnreachable(PaymentProvider provider, Answer a, String detail) {
        if (a.status() >= 500) {
            throw new Unreachable(provider.slug() + " answered " + a.status(), null);
        }
        return new Outcome(false, detail);
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer get(URI base, String pathAndQuery, String authorization) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body;
            try {
                body = response.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
            } catch (IOException e) {
                body = Json.MAPPER.createObjectNode();
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new Unreachable("could not reach " + base.getHost() + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

}
