package com.wispbill.payment.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.ValidationException;
import com.wispbill.payment.provider.ProviderUpdate.Outcome;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * M-Pesa Daraja Lipa Na M-Pesa Online (STK push). Credentials: {@code consumerKey},
 * {@code consumerSecret}, {@code shortCode}, {@code passkey}, optional {@code transactionType}
 * ({@code CustomerPayBillOnline} by default, {@code CustomerBuyGoodsOnline} for tills).
 *
 * <p>Daraja does not sign callbacks. The callback URL we pass carries the reseller's secret path token
 * (checked before this adapter is called), and a success is only believed once the STK push query
 * for the same CheckoutRequestID says ResultCode 0 ({@link #confirmsByQuery()}). The query does not
 * return the amount: the amount is the one we asked for in that push, and the callback's Amount must
 * match it too.
 */
public final class MpesaAdapter implements ProviderAdapter {
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final Currency KES = Currency.getInstance("KES");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** Daraja's "still processing" answer to a query: HTTP 500 with this error code. */
    private static final String STILL_PROCESSING = "500.001.1001";

    private final URI baseUrl;
    private final ProviderHttp http;
    private final Clock clock;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    private record AccessToken(String value, Instant expiresAt) {
    }

    public MpesaAdapter(URI baseUrl, ProviderHttp http, Clock clock) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.MPESA;
    }

    @Override
    public int rejectedStatus() {
        // Only a forger calls with a wrong token; Daraja itself never retries a callback.
        return 404;
    }

    @Override
    public String acknowledgement() {
        return "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}";
    }

    @Override
    public boolean reachesCustomerDirectly() {
        return true;
    }

    /** The PIN prompt times out on the phone within about a minute; Daraja reports the result soon after. */
    @Override
    public Duration checkoutWindow() {
        return Duration.ofMinutes(5);
    }

    /**
     * What the PIN prompt and the reseller's M-Pesa statement show: the last 12 characters of our payment
     * id (Daraja's limit), so a person can find the payment from the statement.
     */
    public static String accountReference(Payment payment) {
        return payment.id().substring(payment.id().length() - 12);
    }

    @Override
    public Optional<String> payerPhone(WebhookRequest request) {
        try {
            JsonNode items = Json.LENIENT.readTree(request.body()).path("Body").path("stkCallback")
                    .path("CallbackMetadata").path("Item");
            for (JsonNode item : items) {
                JsonNode value = item.path("Value");
                if ("PhoneNumber".equals(item.path("Name").asText()) && (value.isIntegralNumber() || value.isTextual())) {
                    String digits = value.asText().strip();
                    return digits.matches("254\\d{9}") ? Optional.of("+" + digits) : Optional.empty();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Whole shillings: STK push amounts are integers in KES. */
    static long wholeShillings(Money amount) {
        if (!amount.currency().getCurrencyCode().equals("KES")) {
            throw new ValidationException("provider", "M-Pesa collects KES only, this plan is priced in "
                    + amount.currency().getCurrencyCode());
        }
        if (amount.minorUnits() % 100 != 0) {
            throw new ValidationException("planId", "M-Pesa collects whole shillings; this plan costs " + amount.format());
        }
        return amount.minorUnits() / 100;
    }

    @Override
    public Initiation initiate(PaymentRequest request, ProviderCredentials credentials) {
        Payment payment = request.payment();
        long shillings = wholeShillings(payment.amount());
        String phone = payment.customerPhone().substring(1);
        if (!phone.startsWith("254")) {
            throw new ValidationException("phone", "M-Pesa needs a Kenyan number (+254...)");
        }
        String shortCode = credentials.require("shortCode");
        String timestamp = timestamp();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("BusinessShortCode", shortCode);
        body.put("Password", password(shortCode, credentials.require("passkey"), timestamp));
        body.put("Timestamp", timestamp);
        body.put("TransactionType", credentials.optional("transactionType").orElse("CustomerPayBillOnline"));
        body.put("Amount", shillings);
        body.put("PartyA", phone);
        body.put("PartyB", credentials.optional("partyB").orElse(shortCode));
        body.put("PhoneNumber", phone);
        body.put("CallBackURL", request.callbackUrl().toString());
        // AccountReference: at most 12 characters, shown to the customer on the PIN prompt.
        body.put("AccountReference", accountReference(payment));
        body.put("TransactionDesc", truncate(request.description(), 13));
        ProviderHttp.Response response = postWithToken("/mpesa/stkpush/v1/processrequest", body, credentials);
        JsonNode answer = response.body();
        if (response.ok() && "0".equals(answer.path("ResponseCode").asText())) {
            String checkoutRequestId = answer.path("CheckoutRequestID").asText();
            if (checkoutRequestId.isBlank()) {
                throw new ProviderUnavailableException("STK push accepted without a CheckoutRequestID");
            }
            return new Initiation(checkoutRequestId, Optional.empty(),
                    answer.path("CustomerMessage").asText("Check your phone and enter your M-Pesa PIN"));
        }
        if (response.status() >= 500) {
            throw new ProviderUnavailableException("STK push failed: " + answer.path("errorMessage").asText(String.valueOf(response.status())));
        }
        throw new ProviderRejectedException("M-Pesa refused the payment request: "
                + answer.path("errorMessage").asText(answer.path("ResponseDescription").asText("unknown error")));
    }

    @Override
    public Verification verify(WebhookRequest request, ProviderCredentials credentials, Instant now) {
        // The path token is the whole proof Daraja allows; the query confirms before any grant.
        return Verification.ok();
    }

    @Override
    public boolean confirmsByQuery() {
        return true;
    }

    @Override
    public ProviderUpdate read(WebhookRequest request) {
        JsonNode stk;
        try {
            stk = Json.LENIENT.readTree(request.body()).path("Body").path("stkCallback");
        } catch (IOException e) {
            throw new MalformedCallbackException("not JSON");
        }
        String checkoutRequestId = stk.path("CheckoutRequestID").asText("");
        Optional<Integer> resultCode = resultCode(stk.path("ResultCode"));
        if (checkoutRequestId.isBlank() || resultCode.isEmpty()) {
            throw new MalformedCallbackException("Body.stkCallback needs CheckoutRequestID and ResultCode");
        }
        int code = resultCode.get();
        String eventId = checkoutRequestId + ":" + code;
        ProviderUpdate update = ProviderUpdate.of(eventId, checkoutRequestId, outcome(code),
                code + " " + stk.path("ResultDesc").asText(""));
        if (code == 0) {
            List<JsonNode> amounts = new ArrayList<>();
            for (JsonNode item : stk.path("CallbackMetadata").path("Item")) {
                JsonNode value = item.path("Value");
                switch (item.path("Name").asText()) {
                    case "Amount" -> amounts.add(value);
                    case "MpesaReceiptNumber" -> update = update.withReceipt(value.asText());
                    default -> { }
                }
            }
            // Whole shillings as a JSON number; the push was in KES, Daraja sends no currency.
            update = amounts.size() > 1 ? update.withUnreadableAmount("Amount is given " + amounts.size() + " times")
                    : ProviderAmounts.wholeMajorUnits(update, "Amount",
                            amounts.isEmpty() ? MissingNode.getInstance() : amounts.get(0), KES);
        }
        return update;
    }

    /** Daraja sends ResultCode as a number in callbacks and as a string in query answers. */
    private static Optional<Integer> resultCode(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return Optional.of(node.asInt());
        }
        if (node.isTextual() && node.asText().strip().matches("-?\\d{1,9}")) {
            return Optional.of(Integer.parseInt(node.asText().strip()));
        }
        return Optional.empty();
    }

    private static Outcome outcome(int resultCode) {
        return switch (resultCode) {
            case 0 -> Outcome.SUCCEEDED;
            case 1032 -> Outcome.CANCELLED;
            default -> Outcome.FAILED; // 1037 timeout, 1 insufficient funds, 2001 wrong PIN, ...
        };
    }

    @Override
    public ProviderUpdate query(Payment payment, ProviderCredentials credentials) {
        String checkoutRequestId = payment.providerReference()
                .orElseThrow(() -> new IllegalArgumentException("payment " + payment.id() + " was never sent to M-Pesa"));
        String shortCode = credentials.require("shortCode");
        String timestamp = timestamp();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("BusinessShortCode", shortCode);
        body.put("Password", password(shortCode, credentials.require("passkey"), timestamp));
        body.put("Timestamp", timestamp);
        body.put("CheckoutRequestID", checkoutRequestId);
        ProviderHttp.Response response = postWithToken("/mpesa/stkpushquery/v1/query", body, credentials);
        JsonNode answer = response.body();
        Optional<Integer> resultCode = resultCode(answer.path("ResultCode"));
        if (response.ok() && resultCode.isPresent()) {
            int code = resultCode.get();
            ProviderUpdate update = ProviderUpdate.of("query:" + checkoutRequestId + ":" + code, checkoutRequestId,
                    outcome(code), code + " " + answer.path("ResultDesc").asText(""));
            // The query carries no amount: a success is for the amount this push asked for.
            return code == 0 ? update.withAmount(payment.amount()) : update;
        }
        if (STILL_PROCESSING.equals(answer.path("errorCode").asText())) {
            return ProviderUpdate.of("query:" + checkoutRequestId + ":pending", checkoutRequestId, Outcome.PENDING,
                    answer.path("errorMessage").asText("being processed"));
        }
        throw new ProviderUnavailableException("STK query answered " + response.status() + " "
                + answer.path("errorMessage").asText(""));
    }

    /**
     * Registers the reseller's C2B confirmation and validation URLs for its short code (Daraja's C2B Register
     * URL). {@code ResponseType} Completed: if the validation URL cannot be reached, M-Pesa completes the payment
     * and the confirmation still comes. Daraja refuses URLs containing "mpesa", "safaricom" and a few other words.
     *
     * @throws ProviderRejectedException Daraja refused the registration (its message says why)
     * @throws ProviderUnavailableException Daraja could not be reached or failed
     */
    public void registerC2bUrls(ProviderCredentials credentials, URI confirmationUrl, URI validationUrl) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("ShortCode", credentials.require("shortCode"));
        body.put("ResponseType", "Completed");
        body.put("ConfirmationURL", confirmationUrl.toString());
        body.put("ValidationURL", validationUrl.toString());
        ProviderHttp.Response response = postWithToken("/mpesa/c2b/v1/registerurl", body, credentials);
        if (response.ok() && "0".equals(response.body().path("ResponseCode").asText())) {
            return;
        }
        String message = response.body().path("errorMessage").asText(response.body().path("ResponseDescription").asText(""));
        if (response.status() >= 400 && response.status() < 500) {
            throw new ProviderRejectedException("Daraja refused the C2B URLs: " + truncate(message, 200));
        }
        throw new ProviderUnavailableException("C2B register URL answered " + response.status() + " " + truncate(message, 200));
    }

    /**
     * Posts with the cached OAuth token; a 401 means Daraja no longer takes it (keys rotated or revoked):
     * the token is dropped and one fresh one is asked for, which fails with
     * {@link ProviderConfigurationException} if the keys themselves are refused.
     */
    private ProviderHttp.Response postWithToken(String path, JsonNode body, ProviderCredentials credentials) {
        URI uri = ProviderHttp.join(baseUrl, path);
        ProviderHttp.Response response = http.postJson(uri, tokenBeforeSending(credentials), body);
        if (response.status() == 401) {
            tokens.remove(credentials.require("consumerKey"));
            response = http.postJson(uri, tokenBeforeSending(credentials), body);
        }
        return response;
    }

    /** Without a token nothing was sent: an STK push certainly did not reach the phone. */
    private Map<String, String> tokenBeforeSending(ProviderCredentials credentials) {
        try {
            return bearer(credentials);
        } catch (ProviderUnavailableException e) {
            throw new ProviderUnavailableException(e.getMessage(), e, false);
        }
    }

    private Map<String, String> bearer(ProviderCredentials credentials) {
        return Map.of("Authorization", "Bearer " + accessToken(credentials));
    }

    /** OAuth tokens last an hour; reuse one per Daraja app until a minute before it expires. */
    private String accessToken(ProviderCredentials credentials) {
        String consumerKey = credentials.require("consumerKey");
        Instant now = clock.instant();
        AccessToken cached = tokens.get(consumerKey);
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return cached.value();
        }
        ProviderHttp.Response response = http.get(ProviderHttp.join(baseUrl, "/oauth/v1/generate?grant_type=client_credentials"),
                Map.of("Authorization", ProviderHttp.basic(consumerKey, credentials.require("consumerSecret"))));
        String token = response.body().path("access_token").asText("");
        if (!response.ok() || token.isBlank()) {
            if (response.status() >= 500) {
                throw new ProviderUnavailableException("Daraja OAuth answered " + response.status());
            }
            throw new ProviderConfigurationException("Daraja refused the consumer key/secret: "
                    + response.body().path("errorMessage").asText(String.valueOf(response.status())));
        }
        long lifetime = response.body().path("expires_in").asLong(3599);
        tokens.put(consumerKey, new AccessToken(token, now.plusSeconds(Math.max(0, lifetime - 60))));
        return token;
    }

    private String timestamp() {
        return TIMESTAMP.format(LocalDateTime.ofInstant(clock.instant(), NAIROBI));
    }

    static String password(String shortCode, String passkey, String timestamp) {
        return Base64.getEncoder().encodeToString((shortCode + passkey + timestamp).getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String text, int max) {
        String clean = text.replaceAll("[^A-Za-z0-9 ]", "").strip();
        if (clean.isEmpty()) {
            clean = "Internet";
        }
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
