package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.sheets.VoucherSheets;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/voucher-batches/{batchId}/sheet}: a READY batch's printable vouchers (NEW or ACTIVE, not
 * sold) as HTML or PDF, paged with the batch listing's cursors, never cached; other resellers' batches
 * are missing, batches that are not READY are conflicts, bad queries are field errors, and nothing is written.
 */
class VoucherSheetRouteTest {
    private static final String LOGIN_URL = "http://hotspot.lan/login";
    private static final int VOUCHERS = 25;

    private static TestStack stack;
    private static ApiClient api;
    private static Seed seed;
    /** The batch's vouchers in listing order. */
    private static List<Voucher> listed;
    private static List<String> notPrintable;

    @BeforeAll
    static void seedABatchWithSomeSpentVouchers() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        seed = Seed.create(stack, api, "November Sheets", "+254700600001", VOUCHERS);
        String rid = seed.tenant().resellerId();
        Reseller reseller = stack.store.resellers().get(rid);
        Plan plan = stack.store.plans().get(rid, seed.planId());
        // As the generator leaves a READY batch: every voucher on its router (ACTIVE)...
        for (String id : seed.voucherIds()) {
            Voucher v = stack.store.vouchers().getById(rid, id);
            stack.store.vouchers().transition(v, v.provisioned());
        }
        listed = new ArrayList<>();
        String cursor = null;
        do {
            var page = stack.store.vouchers().listBatch(rid, seed.batchId(), new PageRequest(7, Optional.ofNullable(cursor)));
            listed.addAll(page.items());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        // ...then some spent, at known places of the listing: one used, one sold, one revoked through the API.
        Voucher used = stack.store.vouchers().getById(rid, listed.get(2).id());
        stack.store.vouchers().transition(used, used.firstUse(Instant.now(), plan, reseller.calendar()));
        Voucher sold = stack.store.vouchers().getById(rid, listed.get(5).id());
        stack.store.vouchers().transition(sold, sold.sell(Instant.now(), plan, reseller.calendar()));
        api.call("POST", "/v1/vouchers/" + listed.get(7).id() + "/revoke", seed.key()).expect(200);
        stack.drain(stack.commandQueueUrl);
        assertEquals(VOUCHERS, listed.size());
        notPrintable = List.of(listed.get(2).code(), listed.get(5).code(), listed.get(7).code());
    }

    private static ApiClient.Reply sheet(String batchId, String key, Map<String, String> query) {
        return api.call("GET", "/v1/voucher-batches/" + batchId + "/sheet", key, null, query);
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> q = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], pairs[i + 1]);
        }
        return q;
    }

    private static List<String> printableCodes(List<Voucher> vouchers) {
        return vouchers.stream().map(Voucher::code).filter(c -> !notPrintable.contains(c)).toList();
    }

    private static int cards(String html) {
        return html.split("<div class=\"card\">", -1).length - 1;
    }

    @Test
    void theHtmlSheetHoldsEveryPrintableCodeOfThePageAndNoOther() {
        ApiClient.Reply reply = sheet(seed.batchId(), seed.key(), query("loginUrl", LOGIN_URL, "limit", "10")).expect(200);
        assertEquals(VoucherSheets.HTML_CONTENT_TYPE, reply.contentType());
        assertEquals("no-store", reply.headers().get("cache-control"));
        assertFalse(reply.base64Encoded());
        assertTrue(reply.headers().containsKey("x-next-cursor"), "15 more vouchers");
        List<String> page = printableCodes(listed.subList(0, 10));
        assertEquals(7, page.size());
        for (String code : page) {
            assertTrue(reply.body().contains("<div class=\"code\">" + VoucherCodes.group(code) + "</div>"), "a code is missing");
        }
        assertEquals(page.size(), cards(reply.body()));
        assertEquals(page.size(), reply.body().split("Wi-Fi: MainStreet-WiFi", -1).length - 1,
                "every card names its router's Wi-Fi network");
        assertEquals(page.size(), reply.body().split("valid 24 hours from first login", -1).length - 1,
                "an unsold card's time starts at its first login");
        for (String spent : notPrintable) {
            assertFalse(reply.body().contains(VoucherCodes.group(spent)) || reply.body().contains(spent),
                    "used, sold and revoked vouchers are not printed");
        }
    }

    @Test
    void followingTheCursorPrintsEachPrintableVoucherOnceInListingOrderWithTheListingsCursors() {
        List<String> printed = new ArrayList<>();
        String cursor = null;
        int sheets = 0;
        do {
            Map<String, String> q = query("loginUrl", LOGIN_URL, "limit", "10");
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            ApiClient.Reply reply = sheet(seed.batchId(), seed.key(), q).expect(200);
            String html = reply.body();
            listed.stream().map(Voucher::code).filter(c -> html.contains(VoucherCodes.group(c))).forEach(printed::add);
            cursor = reply.headers().get("x-next-cursor");
            sheets++;
        } while (cursor != null);
        assertEquals(3, sheets, "10 + 10 + 5 vouchers");
        assertEquals(printableCodes(listed), printed);

        // The batch listing's cursor works here: its second page of 10 is the second sheet.
        String listingCursor = api.call("GET", "/v1/voucher-batches/" + seed.batchId() + "/vouchers", seed.key(), null,
                query("limit", "10")).expect(200).json().path("nextCursor").asText();
        String second = sheet(seed.batchId(), seed.key(), query("loginUrl", LOGIN_URL, "limit", "10",
                "cursor", listingCursor)).expect(200).body();
        assertEquals(printableCodes(listed.subList(10, 20)).size(), cards(second));
        printableCodes(listed.subList(10, 20)).forEach(c -> assertTrue(second.contains(VoucherCodes.group(c))));
    }

    @Test
    void thePdfSheetIsBase64AndAPdfWithAPageForEveryTenCards() throws IOException {
        ApiClient.Reply reply = sheet(seed.batchId(), seed.key(), query("loginUrl", LOGIN_URL, "format", "pdf")).expect(200);
        assertEquals(VoucherSheets.PDF_CONTENT_TYPE, reply.contentType());
        assertEquals("no-store", reply.headers().get("cache-control"));
        assertTrue(reply.base64Encoded());
        assertNull(reply.headers().get("x-next-cursor"), "the default limit covers the whole batch");
        byte[] pdf = Base64.getDecoder().decode(reply.body());
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(3, document.getNumberOfPages(), "22 printable vouchers");
        }
    }

    @Test
    void thePdfComesThroughTheTemplatesHttpApiAsBytes() throws Exception {
        URI uri = stack.stack.httpApiEndpoint().resolve("/v1/voucher-batches/" + seed.batchId() + "/sheet?format=pdf&limit=10&loginUrl="
                + URLEncoder.encode(LOGIN_URL, StandardCharsets.UTF_8));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("authorization", "Bearer " + seed.key()).GET().build(), BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals(VoucherSheets.PDF_CONTENT_TYPE, response.headers().firstValue("content-type").orElse(""));
        assertEquals("%PDF", new String(response.body(), 0, 4, StandardCharsets.US_ASCII));
        try (PDDocument document = Loader.loadPDF(response.body())) {
            assertEquals(1, document.getNumberOfPages(), "7 printable vouchers among the first 10");
        }
    }

    @Test
    void aRoutersWifiNameIsCheckedWhenRegisteredAndShownWithTheRouter() {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply refused = api.call("POST", "/v1/routers", seed.key(),
                "{\"name\": \"Too long\", \"wifiName\": \"a network name longer than thirty-two bytes\"}").expect(400);
        assertEquals("wifiName", refused.json().path("errors").path(0).path("field").asText(), refused.body());
        assertEquals(before, stack.snapshot());
        assertEquals("MainStreet-WiFi", api.call("GET", "/v1/routers/" + seed.routerId(), seed.key()).expect(200)
                .json().path("wifiName").asText());
    }

    @Test
    void aPageWithNothingPrintableIsNoContent() {
        Seed spent = Seed.create(stack, api, "Oscar Spent", "+254700600002", 1);
        api.call("POST", "/v1/vouchers/" + spent.voucherIds().getFirst() + "/revoke", spent.key()).expect(200);
        stack.drain(stack.commandQueueUrl);
        ApiClient.Reply reply = sheet(spent.batchId(), spent.key(), query("loginUrl", LOGIN_URL)).expect(204);
        assertEquals("", reply.body());
        assertEquals("no-store", reply.headers().get("cache-control"));
        assertNull(reply.headers().get("x-next-cursor"));
    }

    @Test
    void aBatchThatIsNotReadyIsAConflict() {
        String queued = api.call("POST", "/v1/voucher-batches", seed.key(), "{\"planId\": \"" + seed.planId()
                + "\", \"routerIds\": [\"" + seed.routerId() + "\"], \"quantity\": 3}").expect(202).json().path("id").asText();
        stack.drain(stack.batchQueueUrl);
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = sheet(queued, seed.key(), query("loginUrl", LOGIN_URL)).expect(409);
        assertEquals(HttpResponse.PROBLEM_JSON, reply.contentType());
        assertTrue(reply.json().path("detail").asText().contains("QUEUED"), reply.body());
        assertEquals(before, stack.snapshot());
    }

    @Test
    void badQueriesAreFieldErrorsAllAtOnceAndWriteNothing() {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply missing = sheet(seed.batchId(), seed.key(), query("format", "docx", "limit", "1001")).expect(400);
        assertEquals(HttpResponse.PROBLEM_JSON, missing.contentType());
        assertEquals(List.of("format", "loginUrl", "limit"), missing.errorFields());
        assertEquals(List.of("loginUrl"), sheet(seed.batchId(), seed.key(), query("loginUrl", "ftp://hotspot.lan/login"))
                .expect(400).errorFields());
        assertEquals(List.of("loginUrl"), sheet(seed.batchId(), seed.key(), query("loginUrl", "hotspot.lan/login"))
                .expect(400).errorFields());
        assertEquals(List.of("limit"), sheet(seed.batchId(), seed.key(), query("loginUrl", LOGIN_URL, "limit", "0"))
                .expect(400).errorFields());
        assertEquals(List.of("cursor"), sheet(seed.batchId(), seed.key(), query("loginUrl", LOGIN_URL, "cursor", "garbage"))
                .expect(400).errorFields());
        assertEquals(before, stack.snapshot());
    }

    @Test
    void anotherResellersBatchIsNotFoundLikeAMissingOneAndNothingIsWritten() {
        Seed other = Seed.create(stack, api, "Papa Other", "+254700600003", 2);
        TestStack.Snapshot before = stack.snapshot();
        JsonNode foreign = sheet(seed.batchId(), other.key(), query("loginUrl", LOGIN_URL)).expect(404).json();
        JsonNode absent = sheet("01KZZZZZZZZZZZZZZZZZZZZZZZ", other.key(), query("loginUrl", LOGIN_URL)).expect(404).json();
        assertEquals(absent.path("title"), foreign.path("title"));
        assertEquals(absent.path("detail").asText().replace("01KZZZZZZZZZZZZZZZZZZZZZZZ", "<id>"),
                foreign.path("detail").asText().replace(seed.batchId(), "<id>"));
        for (Voucher v : listed) {
            assertFalse(foreign.toString().contains(v.code()));
        }
        assertEquals(before, stack.snapshot());
    }

    @Test
    void theSampleEventAsksForAPdf() {
        ApiClient.Reply reply = api.send("reseller-api-voucher-sheet.json", seed.key(), Map.of("BATCH_ID", seed.batchId()))
                .expect(200);
        assertEquals(VoucherSheets.PDF_CONTENT_TYPE, reply.contentType());
        assertEquals("%PDF", new String(Base64.getDecoder().decode(reply.body()), 0, 4, StandardCharsets.US_ASCII));
    }
}
