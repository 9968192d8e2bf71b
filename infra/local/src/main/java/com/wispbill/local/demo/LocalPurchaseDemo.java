package com.wispbill.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.payment.SimulatedMerchants;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.DynamoPortalRepository;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.payment.Portal;
import com.wispbill.local.providers.Callback;
import com.wispbill.local.providers.Provider;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.local.providers.TransactionSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The local run's payment demo: a customer on the hotspot page buys a plan with M-Pesa against the
 * Daraja stand-in, end to end through the HTTP API. Start purchase ({@code POST /portal/...}) → the
 * stand-in receives the STK push → the customer "enters the PIN" ({@link ProviderSimulator#pay}) → the
 * stand-in POSTs the callback to the webhook → the webhook confirms with the STK query and grants →
 * the status route returns the voucher code.
 *
 * <p>The stack must run the payment functions with {@link SimulatedMerchants#environmentFor} as
 * environment overrides and the {@code PaymentCallbackBaseUrl} parameter set to the HTTP API's URL.
 */
public final class LocalPurchaseDemo {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A finished purchase. {@code voucherCode} is a secret: the demo prints it because it is a demo. */
    public record Purchase(String portalId, String paymentId, String providerReference, String voucherCode) {
    }

    private final URI apiBase;
    private final ProviderSimulator simulator;
    private final SimulatedMerchants merchants;
    private final PortalRepository portals;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public LocalPurchaseDemo(URI apiBase, ProviderSimulator simulator, SecretsManagerClient secrets, PortalRepository portals,
                             Clock clock) {
        this.apiBase = apiBase;
        this.simulator = simulator;
        this.merchants = new SimulatedMerchants(simulator, secrets, apiBase);
        this.portals = portals;
        this.clock = clock;
    }

    /** With clients from the SDK's default chains, i.e. the running embedded stack (it sets the endpoint properties). */
    public static LocalPurchaseDemo onLocalStack(URI apiBase, ProviderSimulator simulator) {
        SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        PortalRepository portals = new DynamoPortalRepository(AwsClients.newDynamoDbClient(), TableNames.fromEnvironment());
        return new LocalPurchaseDemo(apiBase, simulator, secrets, portals, Clock.systemUTC());
    }

    /** The hotspot portal of {@code routerId}: {@code <router id, lower-cased>}, created if missing. */
    public String ensurePortal(String resellerId, String routerId) {
        String portalId = routerId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        portalId = portalId.length() < 3 ? "portal-" + portalId : portalId.substring(0, Math.min(63, portalId.length()));
        if (portals.find(portalId).isEmpty()) {
            try {
                portals.create(new Portal(portalId, resellerId, routerId, clock.instant()));
            } catch (ConflictException e) {
                // Created meanwhile by someone else: fine if it is ours.
            }
        }
        if (!portals.find(portalId).map(p -> p.resellerId().equals(resellerId)).orElse(false)) {
            throw new IllegalStateException("portal id " + portalId + " belongs to another reseller");
        }
        return portalId;
    }

    /**
     * Buys {@code planId} for {@code phoneE164} on the reseller's router hotspot with M-Pesa and returns
     * the voucher. The reseller gets a fresh stand-in M-Pesa merchant account first.
     */
    public Purchase buyVoucher(String resellerId, String routerId, String planId, String phoneE164) {
        merchants.open(resellerId, PaymentProvider.MPESA);
        String portalId = ensurePortal(resellerId, routerId);
        ObjectNode form = Json.MAPPER.createObjectNode().put("planId", planId).put("phone", phoneE164).put("provider", "mpesa");
        JsonNode started = call("POST", "/portal/" + portalId + "/purchases", form.toString(), 202);
        String paymentId = started.path("paymentId").asText();

        TransactionSnapshot push = simulator.latest(Provider.MPESA)
                .filter(t -> t.status() == com.wispbill.local.providers.ProviderStatus.PENDING)
                .orElseThrow(() -> new IllegalStateException("the Daraja stand-in received no STK push"));
        Callback callback = simulator.pay(push.reference());
        Callback.Delivery delivery = callback.deliver();
        if (!delivery.accepted()) {
            throw new IllegalStateException("the webhook answered the callback with " + delivery.status());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = call("GET", "/portal/" + portalId + "/purchases/" + paymentId, null, 200);
            switch (status.path("status").asText()) {
                case "SUCCEEDED" -> {
                    return new Purchase(portalId, paymentId, push.reference(), status.path("code").asText());
                }
                case "PENDING" -> pause();
                default -> throw new IllegalStateException("purchase ended " + status.path("status").asText()
                        + ": " + status.path("reason").asText());
            }
        }
        throw new IllegalStateException("purchase " + paymentId + " still pending after " + WAIT.toSeconds() + " s");
    }

    private JsonNode call(String method, String path, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase.toString().replaceAll("/$", "") + path))
                .timeout(WAIT);
        request = body == null ? request.GET()
                : request.header("Content-Type", "text/plain").method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Json.LENIENT.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
