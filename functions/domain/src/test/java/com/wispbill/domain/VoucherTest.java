package com.wispbill.domain;

import static com.wispbill.domain.Fixtures.NAIROBI;
import static com.wispbill.domain.Fixtures.RESELLER;
import static com.wispbill.domain.Fixtures.clockAt;
import static com.wispbill.domain.Fixtures.dailyPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VoucherTest {

    private static final String CODE = "ABCDEFGHJK";
    private final Plan atFirstUse = dailyPlan().validityStart(ValidityStart.AT_FIRST_USE).build();
    private final Plan atSale = dailyPlan().validityStart(ValidityStart.AT_SALE).build();

    private Voucher newVoucher(Plan plan) {
        return Voucher.create(CODE, RESELLER, "batch-1", plan.id(), "router-1", Fixtures.CLOCK);
    }

    @Test
    void lifecycleWithValidityFromFirstUse() {
        Voucher v = newVoucher(atFirstUse).provisioned();
        assertEquals(VoucherStatus.ACTIVE, v.status());
        Instant login = Instant.parse("2026-12-01T08:00:00Z");
        Voucher used = v.firstUse(login, atFirstUse, NAIROBI);
        assertEquals(VoucherStatus.USED, used.status());
        assertEquals(Optional.of(login), used.firstUsedAt());
        assertEquals(Optional.of(login), used.soldAt(), "handing over a printed voucher is its sale");
        assertEquals(Optional.of(login.plus(Duration.ofHours(24))), used.expiresAt());
        assertThrows(ConflictException.class, () -> used.expire(clockAt("2026-12-02T07:59:59Z")));
        assertEquals(VoucherStatus.EXPIRED, used.expire(clockAt("2026-12-02T08:00:00Z")).status());
    }

    @Test
    void validityFromSaleStartsAtSaleNotAtLogin() {
        Instant sold = Instant.parse("2026-12-01T08:00:00Z");
        Voucher v = newVoucher(atSale).provisioned().sell(sold, atSale, NAIROBI);
        assertEquals(Optional.of(sold.plus(Duration.ofHours(24))), v.expiresAt());
        Voucher used = v.firstUse(sold.plus(Duration.ofHours(5)), atSale, NAIROBI);
        assertEquals(Optional.of(sold.plus(Duration.ofHours(24))), used.expiresAt());
        assertThrows(ConflictException.class, () -> v.sell(sold, atSale, NAIROBI));
        // Sold at sale-start validity, never provisioned in time: it can expire from NEW.
        Voucher stuck = newVoucher(atSale).sell(sold, atSale, NAIROBI);
        assertEquals(VoucherStatus.EXPIRED, stuck.expire(clockAt("2026-12-03T00:00:00Z")).status());
    }

    @Test
    void firstUseTwiceIsAnIllegalTransition() {
        Voucher used = newVoucher(atFirstUse).provisioned().firstUse(Fixtures.NOW, atFirstUse, NAIROBI);
        assertThrows(IllegalStateTransitionException.class, () -> used.firstUse(Fixtures.NOW, atFirstUse, NAIROBI));
        // A batch voucher stays NEW in storage (its batch says it is on the router): its first login is a first use.
        assertEquals(VoucherStatus.USED, newVoucher(atFirstUse).firstUse(Fixtures.NOW, atFirstUse, NAIROBI).status());
        assertThrows(IllegalArgumentException.class,
                () -> newVoucher(atFirstUse).provisioned().firstUse(Fixtures.NOW, dailyPlan().id("other").build(), NAIROBI));
    }

    @Test
    void revokedAndExpiredAreFinal() {
        Voucher revoked = newVoucher(atFirstUse).revoke();
        assertThrows(IllegalStateTransitionException.class, revoked::provisioned);
        assertThrows(ConflictException.class, () -> revoked.sell(Fixtures.NOW, atFirstUse, NAIROBI));
        assertFalse(revoked.isDue(Instant.MAX));
    }

    @ParameterizedTest
    @EnumSource(VoucherStatus.class)
    void transitionTable(VoucherStatus from) {
        Set<VoucherStatus> expected = switch (from) {
            // NEW → USED: a batch voucher stays NEW in storage; its first login proves it is on the router.
            case NEW -> Set.of(VoucherStatus.ACTIVE, VoucherStatus.USED, VoucherStatus.EXPIRED, VoucherStatus.REVOKED);
            case ACTIVE -> Set.of(VoucherStatus.USED, VoucherStatus.EXPIRED, VoucherStatus.REVOKED);
            case USED -> Set.of(VoucherStatus.EXPIRED, VoucherStatus.REVOKED);
            case EXPIRED, REVOKED -> Set.of();
        };
        for (VoucherStatus to : VoucherStatus.values()) {
            if (expected.contains(to)) {
                assertEquals(to, from.transitionTo(to));
            } else {
                assertThrows(IllegalStateTransitionException.class, () -> from.transitionTo(to), from + "->" + to);
            }
        }
    }

    @Test
    void toStringNeverContainsTheCode() {
        Voucher v = newVoucher(atFirstUse);
        assertFalse(v.toString().contains(CODE), v.toString());
        assertTrue(v.toString().contains("AB******JK"));
        assertEquals("ABCD-EFGH-JK", v.displayCode());
    }

    @Test
    void rejectsNonCanonicalCodes() {
        var e = assertThrows(ValidationException.class,
                () -> Voucher.create("abcd-efgh-jk", RESELLER, "batch-1", "plan", "router-1", Fixtures.CLOCK));
        assertTrue(e.hasErrorFor("code"));
    }

    @Test
    void batchLifecycle() {
        VoucherBatch b = VoucherBatch.order(RESELLER, "plan-daily", List.of("router-1", "router-2"), 500, Fixtures.CLOCK);
        assertEquals(VoucherBatchStatus.QUEUED, b.status());
        VoucherBatch generating = b.startGenerating(Fixtures.CLOCK).progress(200, Fixtures.CLOCK);
        assertEquals(300, generating.remaining());
        // A redelivered order resumes where the last worker stopped.
        VoucherBatch resumed = generating.startGenerating(Fixtures.CLOCK);
        assertEquals(200, resumed.generatedCount());
        assertThrows(IllegalArgumentException.class, () -> resumed.progress(100, Fixtures.CLOCK));
        // Generated: PENDING_ROUTER until its routers confirm every part, then READY.
        VoucherBatch pending = resumed.pendingRouter(2, "router router-2 never reached yet", Fixtures.CLOCK);
        assertEquals(500, pending.generatedCount());
        assertFalse(pending.isProvisioned());
        assertThrows(IllegalStateException.class, () -> pending.ready(Fixtures.CLOCK));
        assertThrows(IllegalStateTransitionException.class, () -> resumed.ready(Fixtures.CLOCK));
        VoucherBatch confirmed = new VoucherBatch(pending.id(), pending.resellerId(), pending.planId(),
                pending.routerIds(), pending.quantity(), pending.status(), pending.generatedCount(),
                pending.failureReason(), pending.createdAt(), pending.updatedAt(), 2, 2, pending.pendingReason());
        VoucherBatch ready = confirmed.ready(Fixtures.CLOCK);
        assertTrue(ready.isProvisioned());
        assertEquals(Optional.empty(), ready.pendingReason());
        assertEquals(500, ready.generatedCount());
        assertThrows(IllegalStateTransitionException.class, () -> ready.fail("x", Fixtures.CLOCK));
        VoucherBatch failed = b.fail(null, Fixtures.CLOCK);
        assertEquals(Optional.of("generation failed"), failed.failureReason());
        assertEquals(VoucherBatchStatus.QUEUED, failed.requeue(Fixtures.CLOCK).status());
    }

    @Test
    void batchValidation() {
        var e = assertThrows(ValidationException.class,
                () -> VoucherBatch.order(RESELLER, "plan", List.of("r1", "r1", "bad#id"), 0, Fixtures.CLOCK));
        assertTrue(e.hasErrorFor("quantity"));
        assertTrue(e.hasErrorFor("routerIds"));
        assertTrue(e.hasErrorFor("routerIds[2]"));
        assertThrows(ValidationException.class, () -> VoucherBatch.order(RESELLER, "plan", List.of("r1"), 10_001, Fixtures.CLOCK));
        assertThrows(ValidationException.class, () -> VoucherBatch.order(RESELLER, "plan", List.of(), 10, Fixtures.CLOCK));
        assertEquals(10_000, VoucherBatch.order(RESELLER, "plan", List.of("r1"), 10_000, Fixtures.CLOCK).quantity());
    }
}
