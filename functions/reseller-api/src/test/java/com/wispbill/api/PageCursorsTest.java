package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Voucher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Page cursors as clients get them: sealed (no voucher code or phone inside), tamper-proof, bound to the reseller. */
class PageCursorsTest {
    private static TestStack stack;
    private static ApiClient api;
    private static Seed seed;
    private static Seed other;

    @BeforeAll
    static void seed() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        seed = Seed.create(stack, api, "Cursor Cafe", "+254700500001", 4);
        other = Seed.create(stack, api, "Other Cafe", "+254700500002", 1);
        var rid = seed.tenant().resellerId();
        var plan = stack.store.plans().get(rid, seed.planId());
        stack.store.payments().create(Payment.forRenewal(rid, seed.phone(), plan, PaymentProvider.MPESA,
                seed.subscriptionId(), Clock.systemUTC()));
    }

    /** Everything a client can learn from a cursor by decoding it, as text. */
    private static String decoded(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
    }

    private static List<String> codes() {
        List<String> codes = new ArrayList<>();
        for (String id : seed.voucherIds()) {
            Voucher v = stack.store.vouchers().getById(seed.tenant().resellerId(), id);
            codes.add(v.code());
        }
        return codes;
    }

    @Test
    void aDecodedCursorHoldsNoVoucherCodeAndNoPhoneNumber() {
        String vouchersPath = "/v1/voucher-batches/" + seed.batchId() + "/vouchers";
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = cursor == null ? Map.of("limit", "1") : Map.of("limit", "1", "cursor", cursor);
            JsonNode page = api.call("GET", vouchersPath, seed.key(), null, query).expect(200).json();
            page.path("items").forEach(v -> seen.add(v.path("id").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            if (cursor != null) {
                String inside = decoded(cursor);
                for (String code : codes()) {
                    assertFalse(inside.contains(code), "a voucher code in a cursor");
                }
                assertFalse(inside.contains("VOUCHER#"), "no storage key in a cursor");
            }
        } while (cursor != null);
        assertEquals(seed.voucherIds().stream().sorted().toList(), seen.stream().sorted().toList(), "the sealed cursors page through all");

        JsonNode payments = api.call("GET", "/v1/payments", seed.key(), null, Map.of("phone", seed.phone(), "limit", "1"))
                .expect(200).json();
        String paymentCursor = payments.path("nextCursor").asText();
        assertFalse(decoded(paymentCursor).contains(seed.phone().substring(1)), "a phone number in a cursor");
        JsonNode second = api.call("GET", "/v1/payments", seed.key(), null,
                Map.of("phone", seed.phone(), "limit", "1", "cursor", paymentCursor)).expect(200).json();
        assertNotEquals(payments.path("items").path(0).path("id").asText(), second.path("items").path(0).path("id").asText());
    }

    @Test
    void aTamperedForgedOrBorrowedCursorIsA400() {
        String vouchersPath = "/v1/voucher-batches/" + seed.batchId() + "/vouchers";
        String cursor = api.call("GET", vouchersPath, seed.key(), null, Map.of("limit", "1")).expect(200).json()
                .path("nextCursor").asText();
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        raw[raw.length / 2] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertEquals(List.of("cursor"), api.call("GET", vouchersPath, seed.key(), null,
                Map.of("limit", "1", "cursor", tampered)).expect(400).errorFields());

        // What cursors used to be: base64 JSON of the last key, for this very listing. Anyone could write one.
        String rid = seed.tenant().resellerId();
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"PK\":\"S:RESELLER#" + rid
                + "\",\"SK\":\"S:VOUCHER#" + codes().get(0) + "\",\"GSI1PK\":\"S:RESELLER#" + rid + "#BATCH#"
                + seed.batchId() + "\",\"GSI1SK\":\"S:" + seed.voucherIds().get(0) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("cursor"), api.call("GET", vouchersPath, seed.key(), null,
                Map.of("cursor", forged)).expect(400).errorFields());

        // Another reseller's key with this reseller's cursor, on its own listing.
        String otherPath = "/v1/voucher-batches/" + other.batchId() + "/vouchers";
        assertEquals(List.of("cursor"), api.call("GET", otherPath, other.key(), null,
                Map.of("cursor", cursor)).expect(400).errorFields());
    }
}
