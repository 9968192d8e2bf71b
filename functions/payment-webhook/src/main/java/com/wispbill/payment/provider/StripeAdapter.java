package com.wispbill.payment.provider;

import com.wispbill.domain.Signatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.payment.provider.ProviderUpdate.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe Checkout Sessions. Credentials: {@code secretKey} and {@code webhookSecret} (the endpoint's
 * {@code whsec_...}; several, comma-separated, while rotating). The reference is the Checkout Session
 * id. {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]}: v1 = HMAC-SHA256 of
 * {@code "<t>.<raw body>"}; accepted if any v1 matches any of our secrets and {@code t} is within
 * {@link #TOLERANCE} of now in either direction (replays of a captured request are refused after that;
 * Stripe signs each delivery afresh, so its own retries days later still pass).
 */
public final class StripeAdapter implements ProviderAdapter {
    public static final Duration TOLERANCE = Duration.ofSeconds(300);
    static final String SIGNATURE_HEADER = "stripe-signature";

    private final URI baseUrl;
    private final ProviderHttp http;

    public StripeAdapter(URI baseUrl, ProviderHttp http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.STRIPE;
    }

    @Override
    public int rejectedStatus() {
        // Stripe's guidance: answer 400 when the signature cannot be verified.
        return 400;
    }

    @Override
    public Initiation initiate(PaymentRequest request, ProviderCredentials credentials) {
        Payment payment = request.payment();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "payment");
        form.put("success_url", request.returnUrl().toString());
        form.put("cancel_url", request.returnUrl().toString());
        form.put("client_reference_id", payment.id());
        form.put("line_items[0][quantity]", "1");
        form.put("line_items[0][price_data][currency]", payment.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT));
        form.put("line_items[0][price_data][unit_amount]", Long.toString(payment.amount().minorUnits()));
        form.put("line_items[0][price_data][product_data][name]", request.description());
        form.put("metadata[paymentId]", payment.id());
        form.put("metadata[resellerId]", payment.resellerId());
        // Copied to the PaymentIntent so refund events (on the charge) still name our payment.
        form.put("payment_intent_data[metadata][paymentId]", payment.id());
        request.email().ifPresent(e -> form.put("customer_email", e));
        ProviderHttp.Response response = http.postForm(ProviderHttp.join(baseUrl, "/v1/checkout/sessions"),
                auth(credentials, payment.id()), form);
        JsonNode answer = response.body();
        if (response.ok() && answer.path("id").asText("").startsWith("cs_")) {
            return new Initiation(answer.path("id").asText(), Optional.ofNullable(answer.path("url").textValue()),
                    "Complete the payment on the Stripe page");
        }
        if (response.status() >= 500 || response.status() == 429) {
            throw new ProviderUnavailableException("Stripe answered " + response.status());
        }
        throw new ProviderRejectedException("Stripe refused the payment: " + answer.path("error").path("message").asText("unknown error"));
    }

    @Override
    public Verification verify(WebhookRequest request, ProviderCredentials credentials, Instant now) {
        Optional<String> header = request.header(SIGNATURE_HEADER);
        if (header.isEmpty()) {
            return Verification.failed("no Stripe-Signature header");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.get().split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return Verification.failed("timestamp is not a number");
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Verification.failed("Stripe-Signature needs t and at least one v1");
        }
        long skew = Math.abs(now.getEpochSecond() - timestamp);
        if (skew > TOLERANCE.toSeconds()) {
            return Verification.failed("timestamp is " + skew + " s from now (tolerance " + TOLERANCE.toSeconds() + " s)");
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + request.body().length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(request.body(), 0, signed, prefix.length, request.body().length);
        boolean matched = false;
        for (String secret : credentials.require("webhookSecret").split(",")) {
            byte[] expected = Signatures.hmac("HmacSHA256", secret.strip(), signed);
            for (String candidate : signatures) {
                // No early exit: every pair is compared, so timing does not tell which one matched.
                matched |= Signatures.hexEquals(expected, candidate);
            }
        }
        return matched ? Verification.ok() : Verification.failed("no v1 signature matches the body");
    }

    @Override
    public boolean confirmsByQuery() {
        return false;
    }

    @Override
    public ProviderUpdate read(WebhookRequest request) {
        JsonNode event;
        try {
            event = Json.LENIENT.readTree(request.body());
        } catch (IOException e) {
            throw new MalformedCallbackException("not JSON");
        }
        String id = event.path("id").asText("");
        String type = event.path("type").asText("");
        JsonNode object = event.path("data").path("object");
        if (!id.startsWith("evt_") || type.isBlank() || !object.isObject()) {
            throw new MalformedCallbackException("id, type and data.object are required");
        }
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                    session(id, object, "paid".equals(object.path("payment_status").asText()) ? Outcome.SUCCEEDED : Outcome.PENDING);
            case "checkout.session.async_payment_failed" -> session(id, object, Outcome.FAILED);
            case "checkout.session.expired" -> session(id, object, Outcome.CANCELLED);
            case "charge.refunded" -> ProviderUpdate.of(id, null, Outcome.REFUNDED, "charge " + object.path("id").asText())
                    .withPaymentId(object.path("metadata").path("paymentId").textValue());
            default -> ProviderUpdate.of(id, null, Outcome.IGNORED, type)
                    .withPaymentId(object.path("metadata").path("paymentId").textValue());
        };
    }

    private static ProviderUpdate session(String eventId, JsonNode session, Outcome outcome) {
        String sessionId = session.path("id").asText("");
        if (!sessionId.startsWith("cs_")) {
            throw new MalformedCallbackException("data.object is not a checkout session");
        }
        ProviderUpdate update = ProviderUpdate.of(eventId, sessionId, outcome,
                session.path("status").asText("") + "/" + session.path("payment_status").asText(""));
        // Stripe: amount_total an integer in the smallest currency unit, currency in lower case.
        update = ProviderAmounts.minorUnits(update, "amount_total", session.path("amount_total"), session.path("currency"),
                ProviderAmounts.CurrencyCase.ANY);
        String paymentIntent = session.path("payment_intent").textValue();
        return paymentIntent == null ? update : update.withReceipt(paymentIntent);
    }

    @Override
    public ProviderUpdate query(Payment payment, ProviderCredentials credentials) {
        String sessionId = payment.providerReference()
                .orElseThrow(() -> new IllegalArgumentException("payment " + payment.id() + " has no Checkout Session"));
        ProviderHttp.Response response = http.get(ProviderHttp.join(baseUrl, "/v1/checkout/sessions/"
                + URLEncoder.encode(sessionId, StandardCharsets.UTF_8)), auth(credentials, null));
        if (!response.ok()) {
            throw new ProviderUnavailableException("Stripe retrieve answered " + response.status());
        }
        JsonNode session = response.body();
        String status = session.path("status").asText("");
        Outcome outcome = switch (status) {
            case "complete" -> "paid".equals(session.path("payment_status").asText()) ? Outcome.SUCCEEDED : Outcome.PENDING;
            case "expired" -> Outcome.CANCELLED;
            default -> Outcome.PENDING;
        };
        return session("retrieve:" + sessionId + ":" + status, session, outcome);
    }

    private static Map<String, String> auth(ProviderCredentials credentials, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + credentials.require("secretKey"));
        if (idempotencyKey != null) {
            // A retried create (timeout) returns the same session instead of a second one.
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return headers;
    }
}
