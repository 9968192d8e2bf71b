package com.wispbill.domain.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.DataSize;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.RateLimit;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoucherProvisioningTest {
    private static final Instant NOW = Instant.parse("2026-11-22T14:05:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Plan plan = Plan.builder().id("plan-3h").resellerId("reseller-a").name("3 hours, 2 GB")
            .price(Money.of(5000, "KES")).validity(Duration.ofDays(1)).timeLimit(Duration.ofMillis(10_800_500))
            .dataLimit(DataSize.ofGigabytes(2)).rateLimit("2M/5M").sharedUsers(2).createdAt(NOW).build();
    private final Voucher voucher = Voucher.create(new VoucherCodes().generate(10), "reseller-a", "batch-1",
            "plan-3h", "router-1", CLOCK);

    @Test
    void profileCarriesThePlansRateLimitAndSharedUsers() {
        EnsureHotspotProfile profile = VoucherProvisioning.profile(plan);
        assertEquals("wb-plan-3h", profile.name());
        assertEquals(Optional.of(RateLimit.parse("2M/5M")), profile.rateLimit());
        assertEquals(2, profile.sharedUsers());
    }

    @Test
    void userIsTheCodeWithThePlansLimitsAndTheBatchAsComment() {
        EnsureHotspotUser user = VoucherProvisioning.user(voucher, plan);
        assertEquals(voucher.code(), user.name());
        assertEquals(voucher.code(), user.password());
        assertEquals("wb-plan-3h", user.profile());
        // 3 h 0.5 s rounds up: RouterOS counts whole seconds and the customer must not lose the fraction.
        assertEquals(Optional.of(Duration.ofSeconds(10_801)), user.limitUptime());
        assertEquals(2_000_000_000L, user.limitBytesTotal().getAsLong());
        assertEquals("batch-1", user.comment());
        assertFalse(user.toString().contains(voucher.code()), "code must be masked");
    }

    @Test
    void planWithoutLimitsGivesAnUnlimitedUser() {
        Plan unlimited = plan.toBuilder().timeLimit(null).dataLimit((DataSize) null).rateLimit((RateLimit) null).build();
        EnsureHotspotUser user = VoucherProvisioning.user(voucher, unlimited);
        assertTrue(user.limitUptime().isEmpty());
        assertTrue(user.limitBytesTotal().isEmpty());
        assertTrue(VoucherProvisioning.profile(unlimited).rateLimit().isEmpty());
    }

    @Test
    void refusesAVoucherOfAnotherPlan() {
        Plan other = plan.toBuilder().id("plan-other").build();
        assertThrows(IllegalArgumentException.class, () -> VoucherProvisioning.user(voucher, other));
    }

    @Test
    void commandIdsAreDerivedFromWhatTheyActOn() {
        RouterCommandEnvelope first = VoucherProvisioning.userEnvelope(voucher, plan, NOW);
        RouterCommandEnvelope again = VoucherProvisioning.userEnvelope(voucher, plan, NOW.plusSeconds(3600));
        assertEquals(voucher.id() + "-EnsureHotspotUser", first.commandId());
        assertEquals(first.commandId(), again.commandId());
        assertEquals("router-1", first.routerId());
        assertEquals("reseller-a", first.resellerId());

        RouterCommandEnvelope remove = VoucherProvisioning.removeUserEnvelope(voucher, NOW);
        assertEquals(voucher.id() + "-RemoveHotspotUser", remove.commandId());
        assertEquals(new RemoveHotspotUser(voucher.code()), remove.command());

        RouterCommandEnvelope profile1 = VoucherProvisioning.profileEnvelope("reseller-a", "batch-1", "router-1", plan, NOW);
        RouterCommandEnvelope profile1Again = VoucherProvisioning.profileEnvelope("reseller-a", "batch-1", "router-1", plan, NOW);
        RouterCommandEnvelope profile2 = VoucherProvisioning.profileEnvelope("reseller-a", "batch-1", "router-2", plan, NOW);
        RouterCommandEnvelope otherBatch = VoucherProvisioning.profileEnvelope("reseller-a", "batch-2", "router-1", plan, NOW);
        assertEquals(profile1.commandId(), profile1Again.commandId());
        assertNotEquals(profile1.commandId(), profile2.commandId());
        assertNotEquals(profile1.commandId(), otherBatch.commandId());
        assertTrue(Ids.isValid(profile1.commandId()), profile1.commandId());
    }

    @Test
    void longPlanIdsStillGiveAValidProfileName() {
        String longId = "p".repeat(Ids.MAX_LENGTH);
        Plan longPlan = plan.toBuilder().id(longId).build();
        assertEquals(longId, VoucherProvisioning.profileName(longPlan));
        assertEquals(longId, VoucherProvisioning.profile(longPlan).name());
    }
}
