package com.wispbill.payment.provider;

import com.wispbill.domain.Signatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.ValidationException;
import com.wispbill.payment.provider.ProviderUpdate.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Paystack hosted checkout. Credentials: {@code secretKey}. Callbacks carry
 * {@code x-paystack-signature} = hex HMAC-SHA512 of the raw body keyed with the secret key. The
 * reference we send is our payment id, so it is known before Paystack answers.
 */
public final class PaystackAdapter implements ProviderAdapter {
    static final String SIGNATURE_HEADER = "x-paystack-signature";

    private final URI baseUrl;
    private final ProviderHttp http;

    public PaystackAdapter(URI baseUrl, ProviderHttp http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.PAYSTACK;
    }

    @Override
    public int rejectedStatus() {
        // Paystack retries non-2xx: a genuine event failing because of a stale secret is retried until fixed.
        return 401;
    }

    @Override
    public Optional<String> referenceBeforeInitiation(Payment payment) {
        return Optional.of(payment.id());
    }

    @Override
    public boolean requiresEmail() {
        return true;
    }

    @Override
    public Initiation initiate(PaymentRequest request, ProviderCredentials credentials) {
        Payment payment = request.payment();
        String email = request.email().orElseThrow(() -> new ValidationException("email", "is required to pay with Paystack"));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("email", email);
        body.put("amount", payment.amount().minorUnits());
        body.put("currency", payment.amount().currency().getCurrencyCode());
        body.put("reference", payment.id());
        body.put("callback_url", request.returnUrl().toString());
        body.putObject("metadata").put("paymentId", payment.id()).put("resellerId", payment.resellerId())
                .put("phone", payment.customerPhone());
        ProviderHttp.Response response = http.postJson(ProviderHttp.join(baseUrl, "/transaction/initialize"),
                auth(credentials), body);
        JsonNode answer = response.body();
        if (response.ok() && answer.path("status").asBoolean(false)) {
            JsonNode data = answer.path("data");
            return new Initiation(data.path("reference").asText(payment.id()),
                    Optional.of(data.path("authorization_url").asText()), "Complete the payment on the Paystack page");
        }
        if (response.status() >= 500) {
            throw new ProviderUnavailableException("Paystack initialize answered " + response.status());
        }
        throw new ProviderRejectedException("Paystack refused the payment: " + answer.path("message").asText("unknown error"));
    }

    @Override
    public Verification verify(WebhookRequest request, ProviderCredentials credentials, Instant now) {
        Optional<String> signature = request.header(SIGNATURE_HEADER);
        if (signature.isEmpty()) {
            return Verification.failed("no " + SIGNATURE_HEADER + " header");
        }
        byte[] expected = Signatures.hmac("HmacSHA512", credentials.require("secretKey"), request.body());
        return Signatures.hexEquals(expected, signature.get().strip())
                ? Verification.ok() : Verification.failed("signature does not match the body");
    }

    @Override
    public boolean confirmsByQuery() {
        return false;
    }

    @Override
    public ProviderUpdate read(WebhookRequest request) {
        JsonNode root;
        try {
            root = Json.LENIENT.readTree(request.body());
        } catch (IOException e) {
            throw new MalformedCallbackException("not JSON");
        }
        String event = root.path("event").asText("");
        JsonNode data = root.path("data");
        String id = data.path("id").asText("");
        if (event.isBlank() || id.isBlank()) {
            throw new MalformedCallbackException("event and data.id are required");
        }
        String eventId = event + ":" + id;
        return switch (event) {
            case "charge.success" -> transaction(eventId, data, Outcome.SUCCEEDED);
            case "refund.processed" -> ProviderUpdate.of(eventId, data.path("transaction_reference").asText(null),
                    Outcome.REFUNDED, "refund " + id);
            default -> ProviderUpdate.of(eventId, data.path("reference").asText(null), Outcome.IGNORED, event);
        };
    }

    private static ProviderUpdate transaction(String eventId, JsonNode data, Outcome outcome) {
        String reference = data.path("reference").asText("");
        if (reference.isBlank()) {
            throw new MalformedCallbackException("data.reference is required");
        }
        // Paystack: amount an integer in the currency's subunit, currency an upper-case ISO code.
        ProviderUpdate update = ProviderAmounts.minorUnits(
                ProviderUpdate.of(eventId, reference, outcome, data.path("gateway_response").asText(""))
                        .withReceipt(data.path("id").asText()),
                "data.amount", data.path("amount"), data.path("currency"), ProviderAmounts.CurrencyCase.UPPER);
        JsonNode fees = data.path("fees");
        if (update.amount().isPresent() && fees.isIntegralNumber() && fees.canConvertToLong()) {
            update = update.withFee(new Money(fees.longValue(), update.amount().get().currency()));
        }
        return update;
    }

    @Override
    public ProviderUpdate query(Payment payment, ProviderCredentials credentials) {
        String reference = payment.providerReference().orElse(payment.id());
        ProviderHttp.Response response = http.get(ProviderHttp.join(baseUrl, "/transaction/verify/"
                + URLEncoder.encode(reference, StandardCharsets.UTF_8)), auth(credentials));
        JsonNode data = response.body().path("data");
        if (!response.ok() || !response.body().path("status").asBoolean(false)) {
            if (response.status() == 400 || response.status() == 404) {
                // Never reached Paystack (the customer did not open the checkout).
                return ProviderUpdate.of("verify:" + reference + ":absent", reference, Outcome.PENDING, "not found at Paystack");
            }
            throw new ProviderUnavailableException("Paystack verify answered " + response.status());
        }
        String status = data.path("status").asText("");
        Outcome outcome = switch (status) {
            case "success" -> Outcome.SUCCEEDED;
            case "failed" -> Outcome.FAILED;
            case "reversed" -> Outcome.REFUNDED;
            default -> Outcome.PENDING; // abandoned, ongoing, pending, processing, queued
        };
        if (outcome == Outcome.SUCCEEDED) {
            return transaction("verify:" + reference + ":" + status, data, outcome);
        }
        return ProviderUpdate.of("verify:" + reference + ":" + status, reference, outcome, status);
    }

    private static Map<String, String> auth(ProviderCredentials credentials) {
        return Map.of("Authorization", "Bearer " + credentials.require("secretKey"));
    }
}
