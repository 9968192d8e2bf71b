package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.adapters.Json;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerStatus;
import com.wispbill.domain.payment.Portal;
import com.wispbill.local.providers.Provider;
import com.wispbill.local.providers.ProviderStatus;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.testing.StreamInvocation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.wispbill.adapters.dynamodb.DynamoLedgerAggregator;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handlers driven by the sample events in {@code events/} (also what {@code sam local invoke} uses).
 * The events are signed with the test-only secrets seeded here (see docs/payments.md).
 */
class HandlerEventsTest {
    private static final Instant EVENT_TIME = Instant.parse("2026-11-22T11:05:00Z");
    private static final String TOKEN_SECRET = "5e".repeat(32);
    private static PaymentFixture f;

    private static APIGatewayV2HTTPEvent load(String name) {
        return EventLoader.loadApiGatewayHttpEvent("../../events/" + name);
    }

    private static void seed(String resellerId, String currency, long price, PaymentProvider provider, String paymentId,
                             String reference, Map<String, String> secret) {
        Reseller reseller = new Reseller(resellerId, "Events " + provider, ZoneId.of("Africa/Nairobi"),
                Currency.getInstance(currency), ResellerStatus.ACTIVE, 10, EVENT_TIME);
        f.repos.resellers().create(reseller);
        Plan plan = Plan.builder().id("plan-events").resellerId(resellerId).name("Daily").price(Money.of(price, currency))
                .validity(Duration.ofHours(24)).createdAt(EVENT_TIME).build();
        f.repos.plans().create(plan);
        Map<String, String> values = new LinkedHashMap<>(secret);
        values.put(ProviderCredentials.CALLBACK_PATH_TOKEN, resellerId + "." + TOKEN_SECRET);
        f.merchants.store(resellerId, provider, values);
        if (paymentId != null) {
            Instant created = EVENT_TIME.minusSeconds(60);
            f.repos.payments().create(new Payment(paymentId, resellerId, "+254712345678", plan.id(), plan.price(), provider,
                    Optional.of(reference), PaymentStatus.PENDING, created, created, Optional.empty(), Optional.empty(),
                    Optional.of("router-events")));
        }
    }

    @BeforeAll
    static void seedTheEventsTenants() {
        f = PaymentFixture.get();
        f.clock.set(EVENT_TIME);
        seed("res-evt-paystack", "KES", 5000, PaymentProvider.PAYSTACK, "01KEVTPAYSTACK000000000001",
                "01KEVTPAYSTACK000000000001", Map.of("secretKey", "sk_test_events_paystack"));
        seed("res-evt-stripe", "KES", 5000, PaymentProvider.STRIPE, "01KEVTSTRIPE00000000000001",
                "cs_test_events000000000000000001", Map.of("secretKey", "sk_test_events_stripe", "webhookSecret", "whsec_events_stripe"));
        seed("res-evt-mpesa", "KES", 5000, PaymentProvider.MPESA, "01KEVTMPESA000000000000001",
                "ws_CO_22112026140500000000001", Map.of("consumerKey", "ck", "consumerSecret", "cs", "shortCode", "174379", "passkey", "pk"));
        seed("res-evt-midtrans", "IDR", 5_000_000, PaymentProvider.MIDTRANS, "01KEVTMIDTRANS000000000001",
                "01KEVTMIDTRANS000000000001", Map.of("serverKey", "SB-Mid-server-events"));
        seed("res-evt-portal", "KES", 5000, PaymentProvider.MPESA, null, null,
                Map.of("consumerKey", "ck", "consumerSecret", "cs", "shortCode", "174379", "passkey", "pk"));
        f.repos.portals().create(new Portal("events-portal", "res-evt-portal", "router-events", EVENT_TIME));
        f.repos.routers().recordHealth(com.wispbill.domain.RouterHealth.reachable("res-evt-portal", "router-events", EVENT_TIME, "7.16", 0));
        // Outcomes of M-Pesa and Midtrans callbacks are confirmed with the provider's query API: the stand-ins
        // hold the events' payments as the providers would.
        f.simulator.mpesaMerchant("ck", "cs", "174379", "pk").midtransMerchant("SB-Mid-server-events", f.api);
        f.simulator.existing(Provider.MPESA, "ws_CO_22112026140500000000001", "ck", 5000, "KES", ProviderStatus.CANCELLED);
        f.simulator.existing(Provider.MIDTRANS, "01KEVTMIDTRANS000000000001", "SB-Mid-server-events", 5_000_000, "IDR",
                ProviderStatus.EXPIRED);
        f.merchants.open("res-evt-portal", PaymentProvider.PAYSTACK);
    }

    private static APIGatewayV2HTTPResponse webhook(String event) {
        return new PaymentWebhookHandler(f.webhook).handleRequest(load(event), null);
    }

    private static APIGatewayV2HTTPResponse portal(String event) {
        return new PortalHandler(f.purchases).handleRequest(load(event), null);
    }

    @Test
    void paystackChargeSuccessGrantsAndItsForgedTwinIsRefused() {
        f.clock.set(EVENT_TIME);
        assertEquals(401, webhook("payment-webhook-paystack-bad-signature.json").getStatusCode());
        assertEquals(PaymentStatus.PENDING, f.repos.payments().get("res-evt-paystack", "01KEVTPAYSTACK000000000001").status());

        assertEquals(200, webhook("payment-webhook-paystack-charge-success.json").getStatusCode());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get("res-evt-paystack", "01KEVTPAYSTACK000000000001").status());
        // 50.00 - 0.75 Paystack fee (from the event) - 2.50 platform fee.
        assertEquals(Money.of(4675, "KES"), f.balance("res-evt-paystack", Currency.getInstance("KES")));
    }

    @Test
    void stripeCheckoutCompletedGrantsWithinTheTimestampTolerance() {
        f.clock.set(EVENT_TIME.plusSeconds(120));
        assertEquals(200, webhook("payment-webhook-stripe-checkout-completed.json").getStatusCode());
        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get("res-evt-stripe", "01KEVTSTRIPE00000000000001").status());
        assertTrue(f.repos.grants().find("res-evt-stripe", "01KEVTSTRIPE00000000000001").isPresent());
    }

    @Test
    void base64EncodedMpesaCancellationClosesThePayment() {
        f.clock.set(EVENT_TIME);
        APIGatewayV2HTTPResponse reply = webhook("payment-webhook-mpesa-stk-cancelled.json");
        assertEquals(200, reply.getStatusCode());
        assertEquals("{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}", reply.getBody());
        assertEquals(PaymentStatus.CANCELLED, f.repos.payments().get("res-evt-mpesa", "01KEVTMPESA000000000000001").status());
    }

    @Test
    void midtransExpiryClosesThePayment() {
        f.clock.set(EVENT_TIME);
        assertEquals(200, webhook("payment-webhook-midtrans-expire.json").getStatusCode());
        assertEquals(PaymentStatus.CANCELLED, f.repos.payments().get("res-evt-midtrans", "01KEVTMIDTRANS000000000001").status());
    }

    @Test
    void portalRoutesListPlansRejectBadPhonesAndStartPurchases() throws Exception {
        f.clock.set(EVENT_TIME);
        APIGatewayV2HTTPResponse plans = portal("portal-plans.json");
        assertEquals(200, plans.getStatusCode());
        assertEquals("50.00", Json.LENIENT.readTree(plans.getBody()).path("plans").path(0).path("price").asText());
        assertEquals("*", plans.getHeaders().get("Access-Control-Allow-Origin"));

        int paymentsBefore = f.repos.payments().list("res-evt-portal", com.wispbill.adapters.repository.PageRequest.firstPage()).items().size();
        APIGatewayV2HTTPResponse invalid = portal("portal-start-purchase-invalid-phone.json");
        assertEquals(400, invalid.getStatusCode());
        assertEquals("phone", Json.LENIENT.readTree(invalid.getBody()).path("errors").path(0).path("field").asText());
        assertEquals(paymentsBefore, f.repos.payments().list("res-evt-portal", com.wispbill.adapters.repository.PageRequest.firstPage())
                .items().size(), "nothing started");

        APIGatewayV2HTTPResponse started = portal("portal-start-purchase.json");
        assertEquals(202, started.getStatusCode(), started.getBody());
        assertTrue(Json.LENIENT.readTree(started.getBody()).path("checkoutUrl").asText().startsWith("https://checkout.paystack.com/"));

        assertEquals(404, portal("portal-purchase-status-unknown.json").getStatusCode());
    }

    @Test
    void scheduledEventsRunTheReconcilerAndTheRelay() {
        // Lambda hands a scheduled function the event's bytes; the answer is the run's summary as a JSON string.
        assertTrue(StreamInvocation.invoke(new PaymentReconcilerHandler(f.reconciler),
                Path.of("../../events/payment-reconciler-scheduled.json"), null).startsWith("\"Report["));
        assertTrue(StreamInvocation.invoke(new OutboxRelayHandler(f.relay),
                Path.of("../../events/outbox-relay-scheduled.json"), null).startsWith("\"delivered "));
    }

    @Test
    void theLedgerStreamEventAddsItsEntryToTheBalanceAndRevenueOnce() {
        // The entry the sample event shows, as a grant stores it (the stack's own aggregator may add it first).
        WriteTransaction tx = f.repos.transactions().begin();
        f.repos.ledger().appendAggregatedLater(new LedgerEntry("pay-evt-ledger-SALE_GROSS", "res-evt-ledger",
                LedgerEntryType.SALE_GROSS, Money.of(5000, "KES"), Optional.of("pay-evt-ledger"), EVENT_TIME,
                java.time.LocalDate.of(2026, 11, 22), "sale via PAYSTACK"), Optional.of("plan-events"), tx);
        tx.commit();
        LedgerStreamHandler handler = new LedgerStreamHandler(new DynamoLedgerAggregator(f.dynamo, f.tables,
                OperationalMetrics.DISCARD, java.time.Clock.systemUTC()));
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("../../events/ledger-aggregator-sale.json");
        for (int delivery = 0; delivery < 2; delivery++) {
            assertTrue(handler.handleRequest(event, null).getBatchItemFailures().isEmpty());
        }
        assertEquals(Money.of(5000, "KES"), f.balance("res-evt-ledger", Currency.getInstance("KES")));
        var day = java.time.LocalDate.of(2026, 11, 22);
        assertEquals(1, f.repos.counters().revenueByDay("res-evt-ledger", day, day).get(0).sales());
    }
}
