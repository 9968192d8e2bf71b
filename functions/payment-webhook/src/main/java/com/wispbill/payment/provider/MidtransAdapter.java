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
 * Midtrans Snap. Credentials: {@code serverKey}. The order id we send is our payment id (the
 * reference). Notifications carry {@code signature_key} = hex SHA-512 of order_id + status_code +
 * gross_amount + server key. That does not cover {@code transaction_status} or {@code fraud_status},
 * so a success is confirmed with the status API before anything is granted ({@link #confirmsByQuery()}).
 *
 * <p>Statuses: capture (card; success only with fraud_status accept, challenge waits), settlement →
 * succeeded; pending → pending; deny → failed; cancel, expire → cancelled; refund, partial_refund,
 * chargeback → refunded.
 */
public final class MidtransAdapter implements ProviderAdapter {
    private final URI snapUrl;
    private final URI apiUrl;
    private final ProviderHttp http;

    public MidtransAdapter(URI snapUrl, URI apiUrl, ProviderHttp http) {
        this.snapUrl = snapUrl;
        this.apiUrl = apiUrl;
        this.http = http;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.MIDTRANS;
    }

    @Override
    public int rejectedStatus() {
        return 401;
    }

    @Override
    public Optional<String> referenceBeforeInitiation(Payment payment) {
        return Optional.of(payment.id());
    }

    @Override
    public Initiation initiate(PaymentRequest request, ProviderCredentials credentials) {
        Payment payment = request.payment();
        Money amount = payment.amount();
        if (amount.minorUnits() % 100 != 0) {
            throw new ValidationException("planId", "Midtrans collects whole units; this plan costs " + amount.format());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("transaction_details").put("order_id", payment.id()).put("gross_amount", amount.minorUnits() / 100);
        body.putObject("customer_details").put("phone", payment.customerPhone());
        body.putObject("callbacks").put("finish", request.returnUrl().toString());
        ProviderHttp.Response response = http.postJson(ProviderHttp.join(snapUrl, "/snap/v1/transactions"),
                auth(credentials), body);
        JsonNode answer = response.body();
        if (response.ok() && !answer.path("redirect_url").asText("").isBlank()) {
            return new Initiation(payment.id(), Optional.of(answer.path("redirect_url").asText()),
                    "Complete the payment on the Midtrans page");
        }
        if (response.status() >= 500) {
            throw new ProviderUnavailableException("Midtrans Snap answered " + response.status());
        }
        throw new ProviderRejectedException("Midtrans refused the payment: " + answer.path("error_messages").path(0).asText("unknown error"));
    }

    @Override
    public Verification verify(WebhookRequest request, ProviderCredentials credentials, Instant now) {
        JsonNode n;
        try {
            n = Json.LENIENT.readTree(request.body());
        } catch (IOException e) {
            return Verification.failed("not JSON");
        }
        String orderId = n.path("order_id").asText("");
        String statusCode = n.path("status_code").asText("");
        // Signed as sent; a notification without gross_amount is signed over "" and is then not granted
        // (no amount), but recorded for review like any other amount that does not read.
        String grossAmount = n.path("gross_amount").asText("");
        if (orderId.isEmpty() || statusCode.isEmpty()) {
            return Verification.failed("order_id and status_code are required");
        }
        byte[] expected = Signatures.sha512(orderId + statusCode + grossAmount + credentials.require("serverKey"));
        return Signatures.hexEquals(expected, n.path("signature_key").asText(""))
                ? Verification.ok() : Verification.failed("signature_key does not match");
    }

    @Override
    public boolean confirmsByQuery() {
        return true;
    }

    @Override
    public ProviderUpdate read(WebhookRequest request) {
        try {
            return update("", Json.LENIENT.readTree(request.body()));
        } catch (IOException e) {
            throw new MalformedCallbackException("not JSON");
        }
    }

    private static ProviderUpdate update(String eventPrefix, JsonNode n) {
        String orderId = n.path("order_id").asText("");
        String status = n.path("transaction_status").asText("");
        if (orderId.isBlank() || status.isBlank()) {
            throw new MalformedCallbackException("order_id and transaction_status are required");
        }
        String fraud = n.path("fraud_status").asText("accept");
        Outcome outcome = switch (status) {
            case "settlement" -> Outcome.SUCCEEDED;
            case "capture" -> fraud.equals("accept") ? Outcome.SUCCEEDED : fraud.equals("deny") ? Outcome.FAILED : Outcome.PENDING;
            case "pending", "authorize" -> Outcome.PENDING;
            case "deny", "failure" -> Outcome.FAILED;
            case "cancel", "expire" -> Outcome.CANCELLED;
            case "refund", "partial_refund", "chargeback", "partial_chargeback" -> Outcome.REFUNDED;
            default -> Outcome.IGNORED;
        };
        String eventId = eventPrefix + orderId + ":" + status + ":" + n.path("status_code").asText("") + ":" + fraud;
        ProviderUpdate update = ProviderUpdate.of(eventId, orderId, outcome, status + "/" + fraud);
        // Midtrans: gross_amount a string of whole rupiah ("50000.00"), currency "IDR".
        update = ProviderAmounts.wholeMajorUnitsText(update, "gross_amount", n.path("gross_amount"), n.path("currency"),
                ProviderAmounts.CurrencyCase.UPPER);
        String transactionId = n.path("transaction_id").textValue();
        return transactionId == null ? update : update.withReceipt(transactionId);
    }

    @Override
    public ProviderUpdate query(Payment payment, ProviderCredentials credentials) {
        String orderId = payment.providerReference().orElse(payment.id());
        ProviderHttp.Response response = http.get(ProviderHttp.join(apiUrl, "/v2/"
                + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "/status"), auth(credentials));
        if (response.status() == 404 || "404".equals(response.body().path("status_code").asText())) {
            return ProviderUpdate.of("status:" + orderId + ":absent", orderId, Outcome.PENDING, "not found at Midtrans");
        }
        if (!response.ok()) {
            throw new ProviderUnavailableException("Midtrans status answered " + response.status());
        }
        return update("status:", response.body());
    }

    private static Map<String, String> auth(ProviderCredentials credentials) {
        return Map.of("Authorization", ProviderHttp.basic(credentials.require("serverKey"), ""));
    }
}
