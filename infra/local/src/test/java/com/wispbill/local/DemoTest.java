package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.local.demo.DemoContext;
import com.wispbill.local.routeros.HotspotUser;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.stack.SentSms;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local run's demo, fast-forwarded (the routers' clocks moved ahead, the schedules fired at once):
 * what it prints is checked against the tables, the simulated routers and the SNS endpoint.
 */
class DemoTest {
    private static final Duration HOP = Duration.ofSeconds(60);
    private static LocalRun run;
    private static DemoContext demo;
    private static String printed;

    @BeforeAll
    static void runTheDemo() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            run = LocalRun.start(LocalRun.Options.parse("--routers", "2", "--exit-after-start"),
                    new PrintStream(captured, true, StandardCharsets.UTF_8), true);
        } finally {
            printed = captured.toString(StandardCharsets.UTF_8);
            System.out.print(printed);
        }
        demo = run.demo();
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    private static String resellerId() {
        return demo.get(DemoContext.RESELLER_ID, String.class);
    }

    private static String printedValue(String regex) {
        Matcher m = Pattern.compile(regex).matcher(printed);
        assertTrue(m.find(), "printed: " + regex);
        return m.group(1);
    }

    @Test
    void thePrintedKeysAreLiveKeysOfTheirRoles() throws Exception {
        String resellerKey = printedValue("API key (wbk_[0-9A-Z]{32})  \\(reseller role");
        String operatorKey = printedValue("operator key (wbk_[0-9A-Z]{32})  \\(operator role");
        assertEquals(200, get("/v1/plans", resellerKey).statusCode());
        assertEquals(403, get("/v1/resellers", resellerKey).statusCode(), "a reseller key is not an operator key");
        HttpResponse<String> resellers = get("/v1/resellers", operatorKey);
        assertEquals(200, resellers.statusCode(), resellers.body());
        assertTrue(resellers.body().contains(resellerId()), "the operator sees the demo reseller");
    }

    @Test
    void thePurchasedVoucherIsInTheTableOnItsRouterAndTexted() {
        String code = printedValue("voucher code (\\S+)  \\(printed");
        assertEquals(demo.get(DemoContext.PURCHASED_CODE, String.class), code);
        Voucher voucher = demo.store().vouchers().findByCode(resellerId(), code).orElseThrow();
        assertEquals(demo.get(DemoContext.SHORT_PLAN_ID, String.class), voucher.planId());
        RouterOsSimulator router = demo.routers().getFirst();
        assertEquals(demo.get(DemoContext.routerIdOf(router), String.class), voucher.routerId());
        assertTrue(router.state().hotspotUser(code).isPresent(), "hotspot user on the simulator");
        List<SentSms> sms = demo.stack().sns().sentSms().stream().filter(s -> s.phoneNumber().equals("+254712000111")).toList();
        assertEquals(1, sms.size(), "one SMS to the buyer: " + demo.stack().sns().sentSms());
        assertTrue(sms.getFirst().message().contains(voucher.displayCode()), sms.getFirst().message());
        assertTrue(printed.contains(sms.getFirst().message()), "the SMS is printed");
    }

    @Test
    void aBatchVoucherWasUsedCountedThenExpiredDisabledAndKicked() {
        String code = demo.get(DemoContext.USED_CODE, String.class);
        Voucher voucher = demo.store().vouchers().findByCode(resellerId(), code).orElseThrow();
        assertEquals(VoucherStatus.EXPIRED, voucher.status());
        assertTrue(voucher.firstUsedAt().isPresent(), "first use recorded");
        assertEquals(voucher.firstUsedAt().get().plus(Duration.ofMinutes(3)), voucher.expiresAt().orElseThrow());
        assertTrue(printed.contains("voucher USED, first use " + voucher.firstUsedAt().get()), "USED printed");
        RouterOsSimulator router = demo.routers().getLast();
        // On the counters, or still on the router's usage state when that router had flushed just before (written behind).
        long counted = demo.store().usage().subscriberUsage(resellerId(), code, java.time.LocalDate.now().minusDays(2),
                java.time.LocalDate.now().plusDays(2)).stream().mapToLong(d -> d.totalBytes()).sum();
        var pending = demo.store().usage().routerUsage(resellerId(), voucher.routerId(), true).state().notFlushed(code);
        assertTrue(counted + pending.bytesIn() + pending.bytesOut() > 0, "usage counted");
        assertTrue(printed.contains("usage of " + code + " counted"), "usage printed");
        assertTrue(router.state().hotspotUser(code).orElseThrow().disabled(), "disabled on the router");
        assertTrue(router.state().hotspotActive().stream().noneMatch(s -> s.user().equals(code)), "kicked off the router");
        assertTrue(printed.contains("voucher " + code + " EXPIRED"), "EXPIRED printed");
        assertTrue(printed.contains(code + " disabled and kicked off " + router.state().identity()));
    }

    @Test
    void theBatchOrderedOverHttpIsReadyWithItsVouchersOnTheRouter() {
        String batchId = printedValue("POST /v1/voucher-batches -> 202, batch (\\S+) ");
        assertEquals(VoucherBatchStatus.READY, demo.store().voucherBatches().find(resellerId(), batchId).orElseThrow().status());
        List<Voucher> vouchers = demo.store().vouchers().listBatch(resellerId(), batchId, new PageRequest(100, Optional.empty())).items();
        assertEquals(5, vouchers.size());
        assertTrue(vouchers.stream().map(Voucher::code).toList().contains(demo.get(DemoContext.USED_CODE, String.class)));
        RouterOsSimulator router = demo.routers().getLast();
        for (Voucher v : vouchers) {
            assertTrue(router.state().hotspotUser(v.code()).isPresent(), "hotspot user " + v.displayCode());
            assertTrue(printed.contains(v.code()), "printed " + v.code());
        }
    }

    @Test
    void aRouterCommandForADemoRouterIsAppliedOnItsSimulatorThroughTheFifoQueue() throws Exception {
        RouterOsSimulator router = demo.routers().getLast();
        String routerId = demo.get(DemoContext.routerIdOf(router), String.class);
        String batchId = demo.get(DemoContext.BATCH_ID, String.class);
        String code = demo.store().vouchers().listBatch(resellerId(), batchId, new PageRequest(100, Optional.empty())).items()
                .getLast().code();
        assertFalse(router.state().hotspotUser(code).orElseThrow().disabled(), "an unused batch voucher is enabled");
        try (SqsClient sqs = AwsClients.newSqsClient()) {
            new SqsRouterCommandQueue(sqs, demo.stack().resources().queueUrl("RouterCommandsQueue")).send(List.of(
                    RouterCommandEnvelope.issue(resellerId(), routerId, new DisableHotspotUser(code), demo.clock())));
        }
        // Only the router driver, logged in with the secret the demo stored, can disable it on the simulator.
        HotspotUser disabled = demo.await(code + " disabled by the router driver", HOP,
                () -> router.state().hotspotUser(code).filter(HotspotUser::disabled));
        assertTrue(disabled.disabled());
    }

    @Test
    void thePrintedHotspotPageIsTheLoginPageAsTheFirstRouterServesItBuyingThroughTheDemoPortal() throws Exception {
        String login = printedValue("Hotspot page +(http://127\\.0\\.0\\.1:\\d+/login)");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(login)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<form name=\"login\" action=\"" + login + "\""), "link-login-only filled");
            assertFalse(page.body().contains("$(chap-id)"), "RouterOS variables filled");
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(login.replace("/login", "/config.js"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(config.body().contains("var PORTAL_ID = \"" + demo.get(DemoContext.PORTAL_ID, String.class) + "\""));
            assertTrue(config.body().contains("var WISPBILL_API = \"" + demo.stack().httpApiEndpoint() + "\""));
        }
        assertTrue(printed.contains("M-Pesa phone    http://127.0.0.1:"), "where a person pays");
    }

    @Test
    void theBalanceTheApiShowsIsTheSumOfTheLedgerOnceTheStreamHasAddedTheDemoSale() throws Exception {
        String resellerKey = printedValue("API key (wbk_[0-9A-Z]{32})  \\(reseller role");
        // The grant does not touch the balance: LedgerAggregatorFunction adds its entries from the table's stream.
        demo.stack().awaitStreams(Duration.ofSeconds(60));
        JsonNode ledger = Json.MAPPER.readTree(get("/v1/ledger?limit=100", resellerKey).body());
        long sum = 0;
        for (JsonNode entry : ledger.path("items")) {
            sum += entry.path("amount").path("amountMinor").asLong();
        }
        long saleGross = 0;
        for (JsonNode entry : ledger.path("items")) {
            saleGross += entry.path("type").asText().equals("SALE_GROSS") ? entry.path("amount").path("amountMinor").asLong() : 0;
        }
        assertTrue(saleGross > 0, "the demo's sale is in the ledger: " + ledger);
        long balance = Json.MAPPER.readTree(get("/v1/balance", resellerKey).body()).path("balance").path("amountMinor").asLong();
        assertEquals(sum, balance, "balance = sum of the ledger entries");
        // Revenue counters exist only once the aggregator added the sale.
        long revenue = Json.MAPPER.readTree(get("/v1/dashboard/today", resellerKey).body()).path("revenue").path("gross")
                .path("amountMinor").asLong();
        assertEquals(saleGross, revenue, "today's revenue = the sales in the ledger");
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(demo.stack().httpApiEndpoint() + path))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
