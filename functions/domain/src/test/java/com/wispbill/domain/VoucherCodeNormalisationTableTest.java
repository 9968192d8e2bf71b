package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wispbill.domain.voucher.HotspotCredentials;
import com.wispbill.domain.voucher.VoucherProvisioning;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one table of typed codes ({@code voucher-code-normalisation.json}) that the hotspot page's
 * JavaScript tests run too: what the server accepts and what the page sends are the same rule.
 */
class VoucherCodeNormalisationTableTest {
    static final String TABLE = "voucher-code-normalisation.json";

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = VoucherCodeNormalisationTableTest.class.getResourceAsStream(TABLE)) {
            for (JsonNode c : new ObjectMapper().readTree(in).path("cases")) {
                cases.add(Arguments.of(c.path("typed").asText(), c));
            }
        }
        return cases.stream();
    }

    @Test
    void tableCoversCodesAndEveryKindOfError() throws IOException {
        List<JsonNode> all = cases().map(a -> (JsonNode) a.get()[1]).toList();
        assertTrue(all.stream().anyMatch(c -> c.has("code")));
        for (String kind : List.of("required", "length", "character")) {
            assertTrue(all.stream().anyMatch(c -> kind.equals(c.path("error").asText())), kind);
        }
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("cases")
    void javaNormalisesAsTheTableSays(String typed, JsonNode expected) {
        if (expected.has("code")) {
            String code = expected.path("code").asText();
            assertEquals(code, VoucherCodes.normalize(typed));
            assertEquals(new HotspotCredentials(code, code), HotspotCredentials.voucher(VoucherCodes.normalize(typed)));
            return;
        }
        ValidationException e = assertThrows(ValidationException.class, () -> VoucherCodes.normalize(typed));
        assertTrue(e.hasErrorFor("code"));
        String message = e.getMessage();
        switch (expected.path("error").asText()) {
            case "required" -> assertTrue(message.contains("is required"), message);
            case "length" -> assertTrue(message.contains("must have " + VoucherCodes.MIN_LENGTH + " to "), message);
            case "character" -> assertTrue(message.contains("character " + expected.path("position").asInt() + " "), message);
            default -> throw new AssertionError("unknown error kind in " + TABLE + ": " + expected);
        }
        assertFalse(typed.length() > 3 && message.contains(typed.strip()), "the code is never echoed");
    }

    @Test
    void printedAndPurchasedVouchersLogInWithTheCodeAsNameAndPassword() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T14:05:00Z"), ZoneOffset.UTC);
        Plan plan = Plan.builder().id("plan-2h").resellerId("reseller-a").name("2 hours").price(Money.of(2000, "KES"))
                .validity(Duration.ofDays(1)).timeLimit(Duration.ofHours(2)).createdAt(clock.instant()).build();
        String code = VoucherCodes.normalize("sfms-mf83-gr");
        Voucher printed = Voucher.create(code, "reseller-a", "batch-1", plan.id(), "router-1", clock);
        var batchUser = VoucherProvisioning.user(printed, plan);
        var portalUser = VoucherProvisioning.user(printed, plan, "payment p-1");
        assertEquals(HotspotCredentials.voucher(code), new HotspotCredentials(batchUser.name(), batchUser.password()));
        assertEquals(HotspotCredentials.voucher(code), new HotspotCredentials(portalUser.name(), portalUser.password()));
        assertEquals("batch-1", batchUser.comment());
        assertEquals("payment p-1", portalUser.comment());
        assertEquals(batchUser.limitUptime(), portalUser.limitUptime());
        assertThrows(IllegalArgumentException.class, () -> HotspotCredentials.voucher("sfms-mf83-gr"));
        assertFalse(HotspotCredentials.voucher(code).toString().contains(code));
    }
}
