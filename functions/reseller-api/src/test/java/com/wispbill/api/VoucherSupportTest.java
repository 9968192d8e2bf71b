package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Voucher lookup by printed code, revoke reasons, voiding a batch and the CSV exports, on the embedded stack. */
class VoucherSupportTest {
    /** Listing routes that need an object named in the query: their tenancy is checked here, not by the listing sweep. */
    static final Set<String> NAMING_AN_OBJECT_IN_THE_QUERY = Set.of("/v1/vouchers", "/v1/exports/vouchers");

    private static TestStack stack;
    private static ApiClient api;
    private static Seed seed;
    private static Seed other;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        seed = Seed.create(stack, api, "Support Desk", "+254700600001", 5);
        other = Seed.create(stack, api, "Other Desk", "+254700600002", 1);
    }

    private static Voucher voucher(Seed s, int i) {
        return stack.store.vouchers().getById(s.tenant().resellerId(), s.voucherIds().get(i));
    }

    @Test
    void aVoucherIsFoundByItsCodeAsPrintedOrTypedInLowerCase() {
        Voucher v = voucher(seed, 0);
        String printed = v.displayCode();
        assertTrue(printed.contains("-"), printed);
        for (String typed : List.of(printed, printed.toLowerCase(Locale.ROOT), " " + printed.replace("-", " ") + " ",
                v.code().toLowerCase(Locale.ROOT))) {
            JsonNode found = api.call("GET", "/v1/vouchers", seed.key(), null, Map.of("code", typed)).expect(200).json();
            assertEquals(v.id(), found.path("id").asText(), typed);
        }
        api.call("GET", "/v1/vouchers", other.key(), null, Map.of("code", printed)).expect(404);
        assertEquals(List.of("code"), api.call("GET", "/v1/vouchers", seed.key(), null, Map.of("code", "AB*D-EFGH"))
                .expect(400).errorFields());
        assertEquals(List.of("code"), api.call("GET", "/v1/vouchers", seed.key()).expect(400).errorFields());
    }

    @Test
    void aVoucherOfAReadyBatchShowsTheSameStatusFoundByCodeByIdAndInItsBatch() {
        Voucher v = voucher(seed, 2);
        assertEquals(VoucherStatus.NEW, v.status(), "stored once, NEW: the READY batch says it is on its router");
        String byCode = api.call("GET", "/v1/vouchers", seed.key(), null, Map.of("code", v.displayCode())).expect(200).json()
                .path("status").asText();
        String byId = api.call("GET", "/v1/vouchers/" + v.id(), seed.key()).expect(200).json().path("status").asText();
        String inBatch = null;
        for (JsonNode listed : api.call("GET", "/v1/voucher-batches/" + seed.batchId() + "/vouchers", seed.key()).expect(200)
                .json().path("items")) {
            if (listed.path("id").asText().equals(v.id())) {
                inBatch = listed.path("status").asText();
            }
        }
        assertEquals("ACTIVE", inBatch);
        assertEquals(inBatch, byId, "by id");
        assertEquals(inBatch, byCode, "by printed code");
    }

    @Test
    void aRevokeKeepsItsReasonAndABadReasonChangesNothing() {
        String id = seed.voucherIds().get(1);
        TestStack.Snapshot before = stack.snapshot();
        api.call("POST", "/v1/vouchers/" + id + "/revoke", seed.key(), "{\"reason\": \"" + "x".repeat(501) + "\"}").expect(400);
        assertEquals(before, stack.snapshot());
        JsonNode revoked = api.call("POST", "/v1/vouchers/" + id + "/revoke", seed.key(), "{\"reason\": \"Card lost\"}")
                .expect(200).json();
        assertEquals("REVOKED", revoked.path("status").asText());
        assertEquals("Card lost", revoked.path("revokeReason").asText());
        assertEquals("Card lost", api.call("GET", "/v1/vouchers/" + id, seed.key()).expect(200).json()
                .path("revokeReason").asText());
    }

    @Test
    void voidingABatchRevokesOnlyItsUnsoldUnusedVouchersThroughTheOutboxPageByPage() {
        Seed s = Seed.create(stack, api, "Void Shop", "+254700600003", 5);
        String rid = s.tenant().resellerId();
        Reseller reseller = stack.store.resellers().get(rid);
        Plan plan = stack.store.plans().get(rid, s.planId());
        Voucher sold = voucher(s, 0);
        stack.store.vouchers().transition(sold, sold.sell(Instant.now(), plan, reseller.calendar()));
        Voucher used = voucher(s, 1);
        Voucher provisioned = used.provisioned();
        stack.store.vouchers().transition(used, provisioned);
        stack.store.vouchers().transition(provisioned, provisioned.firstUse(Instant.now(), plan, reseller.calendar()));
        stack.drain(stack.commandQueueUrl);

        int voided = 0;
        int skipped = 0;
        String cursor = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = api.call("POST", "/v1/voucher-batches/" + s.batchId() + "/void", s.key(),
                    "{\"reason\": \"Misprinted, \\\"batch 7\\\"\"}", query).expect(200).json();
            voided += page.path("voided").asInt();
            skipped += page.path("skipped").asInt();
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        assertEquals(3, voided);
        assertEquals(2, skipped);

        assertEquals(VoucherStatus.NEW, voucher(s, 0).status(), "the sold one is someone's");
        assertEquals(VoucherStatus.USED, voucher(s, 1).status());
        for (int i = 2; i < 5; i++) {
            assertEquals(VoucherStatus.REVOKED, voucher(s, i).status());
            assertEquals("Misprinted, \"batch 7\"", voucher(s, i).revokeReason().orElseThrow());
        }
        List<String> commands = stack.drain(stack.commandQueueUrl).stream()
                .flatMap(m -> MessageCodec.decodeRouterCommands(m.body()).commands().stream())
                .map(RouterCommandEnvelope::commandId).sorted().toList();
        List<String> expected = new ArrayList<>();
        for (int i = 2; i < 5; i++) {
            expected.add(s.voucherIds().get(i) + "-revoke-disable");
            expected.add(s.voucherIds().get(i) + "-revoke-kick");
        }
        assertEquals(expected.stream().sorted().toList(), commands);
        api.call("POST", "/v1/voucher-batches/" + s.batchId() + "/void", other.key()).expect(404);
    }

    /** Every row of an export, following {@code x-next-cursor}, parsed with a standard RFC 4180 parser. */
    private static List<CSVRecord> export(String path, String key, Map<String, String> query) throws IOException {
        List<CSVRecord> rows = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> q = new HashMap<>(query);
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            ApiClient.Reply reply = api.call("GET", path, key, null, q).expect(200);
            assertEquals(CsvExport.CONTENT_TYPE, reply.contentType());
            assertTrue(reply.body().endsWith("\r\n"), "CRLF line ends");
            rows.addAll(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(reply.body())).getRecords());
            cursor = reply.headers().get("x-next-cursor");
        } while (cursor != null);
        return rows;
    }

    @Test
    void exportsParseAsCsvAndHoldWhatTheListsHoldWithTimesInTheResellersZone() throws IOException {
        api.call("POST", "/v1/vouchers/" + seed.voucherIds().get(3) + "/revoke", seed.key(),
                "{\"reason\": \"Refund, \\\"customer\\\" asked\"}").expect(200);
        List<CSVRecord> vouchers = export("/v1/exports/vouchers", seed.key(), Map.of("batchId", seed.batchId(), "limit", "2"));
        JsonNode listed = api.call("GET", "/v1/voucher-batches/" + seed.batchId() + "/vouchers", seed.key()).expect(200)
                .json().path("items");
        assertEquals(listed.findValuesAsText("id"), vouchers.stream().map(r -> r.get("id")).toList());
        assertEquals(listed.findValuesAsText("status"), vouchers.stream().map(r -> r.get("status")).toList());
        assertEquals(listed.findValuesAsText("displayCode"), vouchers.stream().map(r -> r.get("code")).toList());
        CSVRecord revoked = vouchers.stream().filter(r -> r.get("id").equals(seed.voucherIds().get(3))).findFirst().orElseThrow();
        assertEquals("Refund, \"customer\" asked", revoked.get("revokeReason"));
        OffsetDateTime created = OffsetDateTime.parse(vouchers.getFirst().get("createdAt"));
        assertEquals("+03:00", created.getOffset().getId(), "Africa/Nairobi");
        assertEquals(Instant.parse(listed.get(0).path("createdAt").asText()), created.toInstant());

        List<CSVRecord> payments = export("/v1/exports/payments", seed.key(), Map.of());
        JsonNode paymentList = api.call("GET", "/v1/payments", seed.key()).expect(200).json().path("items");
        assertEquals(paymentList.findValuesAsText("id"), payments.stream().map(r -> r.get("id")).toList());
        assertEquals(paymentList.get(0).path("amount").path("amountMinor").asText(), payments.getFirst().get("amountMinor"));

        List<CSVRecord> ledger = export("/v1/exports/ledger", seed.key(), Map.of());
        JsonNode ledgerList = api.call("GET", "/v1/ledger", seed.key()).expect(200).json().path("items");
        assertEquals(ledgerList.findValuesAsText("id"), ledger.stream().map(r -> r.get("id")).toList());
        assertEquals(ledgerList.findValuesAsText("memo"), ledger.stream().map(r -> r.get("memo")).toList());

        List<CSVRecord> customers = export("/v1/exports/customers", seed.key(), Map.of());
        JsonNode customerList = api.call("GET", "/v1/customers", seed.key()).expect(200).json().path("items");
        assertEquals(customerList.findValuesAsText("id"), customers.stream().map(r -> r.get("id")).toList());
        assertEquals(customerList.findValuesAsText("phone"), customers.stream().map(r -> r.get("phone")).toList());
        assertFalse(customers.stream().anyMatch(r -> r.get("id").equals(other.customerId())));

        api.call("GET", "/v1/exports/vouchers", other.key(), null, Map.of("batchId", seed.batchId())).expect(404);
        assertEquals(List.of("batchId"), api.call("GET", "/v1/exports/vouchers", seed.key()).expect(400).errorFields());
    }
}
