package com.wispbill.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.DynamoPortalRepository;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.UsageRepository.DailyUsage;
import com.wispbill.domain.enforcement.Usage;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.local.routeros.HotspotUser;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.stack.SentSms;
import com.wispbill.payment.SimulatedMerchants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The business end to end through the real functions: a customer buys a plan on the hotspot page and
 * gets the voucher by SMS; a voucher batch is ordered through the reseller API and provisioned on a
 * router; one of the batch's vouchers is used on the router, counted and expired.
 */
public final class DemoBusiness {
    /** The most any one asynchronous hop (queue, poller, router) is given before the demo gives up. */
    static final Duration HOP = Duration.ofSeconds(60);
    /** Real-time wait for the scheduled sweep to expire the short plan's voucher (validity plus sweeps). */
    static final Duration EXPIRY_WAIT = DemoSeed.SHORT_PLAN_VALIDITY.plus(Duration.ofMinutes(3));
    /** The usage counters' flush interval (13 minutes) and a poll or two. */
    static final Duration USAGE_FLUSH_WAIT = Duration.ofMinutes(15);
    static final String CUSTOMER_PHONE = "+254712000111";
    static final int BATCH_QUANTITY = 5;
    private static final String CUSTOMER_IP = "10.5.50.200";
    private static final String CUSTOMER_MAC = "AA:BB:CC:DD:EE:01";

    private DemoBusiness() {
    }

    public static List<DemoStep> steps() {
        return List.of(buyAPlan(), voucherBatch(), voucherUsedCountedExpired());
    }

    static DemoStep buyAPlan() {
        return DemoStep.of("Buy a plan end to end (hotspot page -> M-Pesa stand-in -> webhook -> voucher on the router -> SMS)", demo -> {
            String resellerId = demo.get(DemoContext.RESELLER_ID, String.class);
            RouterOsSimulator router = demo.routers().getFirst();
            String routerId = demo.get(DemoContext.routerIdOf(router), String.class);
            TableNames tables = new TableNames(demo.stack().resources().tableName("EntityTable"),
                    demo.stack().resources().tableName("UsageTable"));
            LocalPurchaseDemo purchases = new LocalPurchaseDemo(demo.stack().httpApiEndpoint(), demo.providers(), demo.secrets(),
                    new DynamoPortalRepository(demo.dynamoDb(), tables), demo.clock());
            // A portal sells only on a router that has answered once: the scheduled poll reaches it.
            demo.await("the first poll of " + routerId, HOP.multipliedBy(2),
                    () -> demo.store().routers().findHealth(resellerId, routerId).flatMap(h -> h.lastSeenAt()));
            LocalPurchaseDemo.Purchase purchase = purchases.buyVoucher(resellerId, routerId,
                    demo.get(DemoContext.SHORT_PLAN_ID, String.class), CUSTOMER_PHONE);
            demo.put(DemoContext.PURCHASED_CODE, purchase.voucherCode());
            demo.put(DemoContext.PORTAL_ID, purchase.portalId());
            // Cards too, so the hotspot page offers them; their checkouts are the stand-in's pages locally.
            SimulatedMerchants merchants = new SimulatedMerchants(demo.providers(), demo.secrets(), demo.stack().httpApiEndpoint());
            merchants.open(resellerId, PaymentProvider.PAYSTACK);
            merchants.open(resellerId, PaymentProvider.STRIPE);
            demo.out().printf("    portal %s  payment %s  M-Pesa receipt %s%n", purchase.portalId(), purchase.paymentId(),
                    purchase.providerReference());
            demo.out().printf("    voucher code %s  (printed because this is a local demo)%n", purchase.voucherCode());
            HotspotUser user = demo.await("hotspot user " + purchase.voucherCode() + " on " + router.state().identity(), HOP,
                    () -> router.state().hotspotUser(purchase.voucherCode()));
            demo.out().printf("    hotspot user on %s: profile %s%n", router.state().identity(), user.profile());
            // ACTIVE once the router driver confirmed the sale's command (NEW until then).
            Voucher sold = demo.await("voucher " + purchase.voucherCode() + " confirmed by its router", HOP,
                    () -> demo.store().vouchers().findByCode(resellerId, purchase.voucherCode())
                            .filter(v -> v.status() != com.wispbill.domain.VoucherStatus.NEW));
            demo.out().printf("    voucher in the table: %s, sold %s%n", sold.status(), sold.soldAt().orElseThrow());
            SentSms sms = demo.await("the voucher SMS to " + CUSTOMER_PHONE, HOP, () -> demo.stack().sns().sentSms().stream()
                    .filter(s -> s.phoneNumber().equals(CUSTOMER_PHONE)).findFirst());
            demo.out().printf("    SMS to %s from %s: %s%n", sms.phoneNumber(), sms.senderId(), sms.message());
        });
    }

    static DemoStep voucherUsedCountedExpired() {
        return DemoStep.of("Voucher used, counted and expired (router poll -> usage-ingest -> expiry sweep -> router)", demo -> {
            String resellerId = demo.get(DemoContext.RESELLER_ID, String.class);
            String code = demo.get(DemoContext.USED_CODE, String.class);
            RouterOsSimulator router = demo.routers().getLast();
            router.login(code, CUSTOMER_IP, CUSTOMER_MAC);
            demo.out().printf("    %s logged in on %s from %s %s%n", code, router.state().identity(), CUSTOMER_IP, CUSTOMER_MAC);
            if (demo.fastForward()) {
                // The customer stays online past the plan's validity before the first poll sees the session.
                Duration online = DemoSeed.SHORT_PLAN_VALIDITY.plusMinutes(1);
                router.advance(online, 30_000, 400_000);
                demo.out().printf("    (router clock moved on %d minutes of traffic)%n", online.toMinutes());
            }
            demo.out().printf("    voucher %s before the poll%n", demo.store().vouchers().findByCode(resellerId, code).orElseThrow().status());
            demo.out().printf("    router poll (RouterPollFunction's schedule, fired now): %s%n", demo.stack().invokeScheduleNow("RouterPollFunction"));
            Voucher used = demo.await("voucher " + code + " USED", HOP, () -> demo.store().vouchers().findByCode(resellerId, code)
                    .filter(v -> v.status() == VoucherStatus.USED));
            demo.out().printf("    voucher USED, first use %s, expires %s%n", used.firstUsedAt().orElseThrow(),
                    used.expiresAt().orElseThrow());
            if (demo.fastForward()) {
                // Whether this poll also flushed depends on when the router's last flush was (every 13 minutes):
                // counted means on the router's usage state or already on the counters.
                awaitUsageIngested(demo, resellerId, demo.get(DemoContext.routerIdOf(router), String.class), code, HOP);
            } else {
                // Counters are written behind (docs/enforcement.md): a user far from any limit is flushed within 13 minutes.
                demo.out().printf("    usage of %s is on its router's state now; its counters follow within 13 minutes (written behind); watch below%n",
                        code);
                demo.background("Usage counted", d -> awaitUsageCounted(d, resellerId, code, USAGE_FLUSH_WAIT));
            }
            if (demo.fastForward()) {
                demo.stack().invokeScheduleNow("ExpirySweeperFunction");
                awaitExpiry(demo, resellerId, code, router, HOP);
            } else {
                demo.out().printf("    the scheduled expiry sweep (every minute) expires it after %s; watch below%n", used.expiresAt().orElseThrow());
                demo.background("Voucher expiry", d -> awaitExpiry(d, resellerId, code, router, EXPIRY_WAIT));
            }
        });
    }

    private static void awaitUsageIngested(DemoContext demo, String resellerId, String routerId, String code, Duration atMost)
            throws InterruptedException {
        LocalDate today = LocalDate.now(demo.clock().withZone(demo.store().resellers().get(resellerId).zone()));
        String where = demo.await("usage of " + code + " counted", atMost, () -> {
            if (demo.store().usage().subscriberUsage(resellerId, code, today.minusDays(1), today.plusDays(1)).stream()
                    .anyMatch(d -> d.totalBytes() > 0)) {
                return Optional.of("on its counters");
            }
            Usage pending = demo.store().usage().routerUsage(resellerId, routerId, true).state().notFlushed(code);
            return pending.bytesIn() + pending.bytesOut() > 0
                    ? Optional.of("on its router's usage state (" + pending.bytesIn() + " B in, " + pending.bytesOut()
                            + " B out; the counters follow within 13 minutes, written behind)")
                    : Optional.empty();
        });
        demo.out().printf("    usage of %s counted %s%n", code, where);
    }

    private static void awaitUsageCounted(DemoContext demo, String resellerId, String code, Duration atMost)
            throws InterruptedException {
        LocalDate today = LocalDate.now(demo.clock().withZone(demo.store().resellers().get(resellerId).zone()));
        DailyUsage day = demo.await("usage of " + code + " counted", atMost, () -> demo.store().usage()
                .subscriberUsage(resellerId, code, today.minusDays(1), today.plusDays(1)).stream().filter(d -> d.totalBytes() > 0).findFirst());
        demo.out().printf("  [usage] usage counted for %s on %s: %d B in, %d B out%n", code, day.day(), day.bytesIn(), day.bytesOut());
    }

    private static void awaitExpiry(DemoContext demo, String resellerId, String code, RouterOsSimulator router, Duration atMost)
            throws InterruptedException {
        Voucher expired = demo.await("voucher " + code + " EXPIRED", atMost, () -> demo.store().vouchers().findByCode(resellerId, code)
                .filter(v -> v.status() == VoucherStatus.EXPIRED));
        demo.out().printf("  [expiry] voucher %s EXPIRED (was due %s)%n", code, expired.expiresAt().orElseThrow());
        demo.await("hotspot user " + code + " disabled and kicked", HOP, () -> router.state().hotspotUser(code)
                .filter(HotspotUser::disabled)
                .filter(u -> router.state().hotspotActive().stream().noneMatch(s -> s.user().equals(code))));
        demo.out().printf("  [expiry] %s disabled and kicked off %s%n", code, router.state().identity());
    }

    static DemoStep voucherBatch() {
        return DemoStep.of("Voucher batch ordered through the reseller API (POST /v1/voucher-batches -> generator -> routers)", demo -> {
            String resellerId = demo.get(DemoContext.RESELLER_ID, String.class);
            RouterOsSimulator router = demo.routers().getLast();
            String routerId = demo.get(DemoContext.routerIdOf(router), String.class);
            JsonNode accepted = orderBatch(demo, routerId, BATCH_QUANTITY);
            String batchId = accepted.path("id").asText();
            demo.put(DemoContext.BATCH_ID, batchId);
            demo.out().printf("    POST /v1/voucher-batches -> 202, batch %s %s%n", batchId, accepted.path("status").asText());
            VoucherBatch ready = awaitReady(demo, batchId);
            demo.out().printf("    batch %s READY: %d vouchers%n", batchId, ready.generatedCount());
            List<Voucher> vouchers = demo.store().vouchers().listBatch(resellerId, batchId, new PageRequest(BATCH_QUANTITY, Optional.empty())).items();
            demo.put(DemoContext.USED_CODE, vouchers.getFirst().code());
            for (Voucher voucher : vouchers) {
                HotspotUser user = demo.await("hotspot user " + voucher.code() + " on " + router.state().identity(), HOP,
                        () -> router.state().hotspotUser(voucher.code()));
                demo.out().printf("    %s  %s  hotspot user on %s (profile %s)%n", voucher.code(), voucher.status(),
                        router.state().identity(), user.profile());
            }
        });
    }

    /**
     * Orders {@code quantity} vouchers of the short plan for {@code routerId} through the reseller API
     * with the demo key; returns the 202 answer (the batch, still queued).
     */
    public static JsonNode orderBatch(DemoContext demo, String routerId, int quantity) throws Exception {
        String body = Json.MAPPER.createObjectNode().put("planId", demo.get(DemoContext.SHORT_PLAN_ID, String.class))
                .put("quantity", quantity).set("routerIds", Json.MAPPER.createArrayNode().add(routerId)).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(demo.stack().httpApiEndpoint() + "/v1/voucher-batches"))
                .header("Authorization", "Bearer " + demo.get(DemoContext.API_KEY, String.class))
                .header("Content-Type", "application/json").timeout(HOP)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /v1/voucher-batches answered " + response.statusCode() + ": " + response.body());
        }
        return Json.LENIENT.readTree(response.body());
    }

    /** Waits until the demo reseller's batch is READY (generated, stored, every voucher confirmed by its router). */
    public static VoucherBatch awaitReady(DemoContext demo, String batchId) throws InterruptedException {
        return awaitStatus(demo, batchId, VoucherBatchStatus.READY);
    }

    /** Waits until the demo reseller's batch is {@code status} (PENDING_ROUTER: generated, waiting for its router). */
    public static VoucherBatch awaitStatus(DemoContext demo, String batchId, VoucherBatchStatus status)
            throws InterruptedException {
        String resellerId = demo.get(DemoContext.RESELLER_ID, String.class);
        return demo.await("batch " + batchId + " " + status, HOP, () -> demo.store().voucherBatches().find(resellerId, batchId)
                .filter(b -> b.status() == status));
    }
}
