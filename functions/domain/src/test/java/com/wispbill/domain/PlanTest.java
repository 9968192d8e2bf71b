package com.wispbill.domain;

import static com.wispbill.domain.Fixtures.dailyPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void buildsAValidPlanWithDefaults() {
        Plan plan = dailyPlan().dataLimit("5GB").timeLimit(Duration.ofHours(10)).build();
        assertEquals("Daily 24h", plan.name());
        assertEquals(new Validity.Fixed(Duration.ofHours(24)), plan.validity());
        assertEquals(ValidityStart.AT_SALE, plan.validityStart());
        assertEquals(Optional.of(DataSize.ofGigabytes(5)), plan.dataLimit());
        assertEquals("2M/5M", plan.rateLimit().orElseThrow().toRouterOs());
        assertTrue(plan.active());
        assertEquals(plan, plan.toBuilder().build());
        assertFalse(plan.deactivated().active());
    }

    @Test
    void calendarValidityStartingAtFirstUse() {
        Plan plan = dailyPlan().validityUntilEndOfDay(1).validityStart(ValidityStart.AT_FIRST_USE).build();
        assertEquals(new Validity.UntilEndOfDay(1), plan.validity());
        assertEquals(ValidityStart.AT_FIRST_USE, plan.validityStart());
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        var e = assertThrows(ValidationException.class, () -> Plan.builder()
                .id("p#1").resellerId(Fixtures.RESELLER).name(" ")
                .price(Money.of(-1, "KES"))
                .validity(Duration.ZERO)
                .rateLimit("fast")
                .dataLimit("5XB")
                .timeLimit(Duration.ofMinutes(-5))
                .sharedUsers(0)
                .createdAt(Fixtures.NOW)
                .build());
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("id", "name", "price", "validity", "rateLimit", "dataLimit", "timeLimit", "sharedUsers"), fields);
        // The failed validity is reported once, with its reason, not also as "is required".
        assertEquals(1, e.errors().stream().filter(err -> err.field().equals("validity")).count());
        assertTrue(e.getMessage().contains("validity: must be positive"), e.getMessage());
    }

    @Test
    void missingFieldsAreRequired() {
        var e = assertThrows(ValidationException.class, () -> Plan.builder().build());
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertTrue(fields.containsAll(Set.of("id", "resellerId", "name", "price", "validity", "createdAt")), fields.toString());
    }

    @Test
    void settingAFieldAgainReplacesItsParseError() {
        Plan plan = dailyPlan().rateLimit("fast").rateLimit("1M/2M").dataLimit("lots").dataLimit((String) null).build();
        assertEquals("1M/2M", plan.rateLimit().orElseThrow().toRouterOs());
        assertTrue(plan.dataLimit().isEmpty());
    }

    @Test
    void freePlansAreAllowedAndLimitsAreOptional() {
        Plan promo = dailyPlan().price(Money.of(0, "KES")).rateLimit((String) null).build();
        assertTrue(promo.price().isZero());
        assertTrue(promo.rateLimit().isEmpty());
        assertTrue(promo.timeLimit().isEmpty());
    }

    @Test
    void validityBounds() {
        assertThrows(ValidationException.class, () -> new Validity.UntilEndOfDay(0));
        assertThrows(ValidationException.class, () -> new Validity.Fixed(Duration.ofDays(4000)));
        assertThrows(ValidationException.class, () -> dailyPlan().sharedUsers(Plan.MAX_SHARED_USERS + 1).build());
        assertThrows(ValidationException.class, () -> dailyPlan().name("x".repeat(65)).build());
    }

    @Test
    void plansCutOffUnlessTheySayOtherwise() {
        Plan plan = dailyPlan().build();
        assertEquals(PlanEnforcement.CUT_OFF, plan.enforcement());
        assertEquals(Optional.empty(), plan.fairUseRate());
        Plan isolating = dailyPlan().enforcement("ISOLATE").build();
        assertEquals(PlanEnforcement.ISOLATE, isolating.enforcement());
        assertEquals(isolating, isolating.toBuilder().build());
    }

    @Test
    void fairUseNeedsADataLimitAndARateInRouterOsSyntax() {
        Plan fup = dailyPlan().dataLimit("5GB").enforcement("FUP").fairUseRate("1M/1M").build();
        assertEquals("1M/1M", fup.fairUseRate().orElseThrow().toRouterOs());
        assertEquals(fup, fup.toBuilder().build());

        var missing = assertThrows(ValidationException.class, () -> dailyPlan().enforcement("FUP").build());
        assertEquals(Set.of("dataLimit", "fairUseRate"),
                missing.errors().stream().map(FieldError::field).collect(Collectors.toSet()));
        var badRate = assertThrows(ValidationException.class,
                () -> dailyPlan().dataLimit("5GB").enforcement("FUP").fairUseRate("1 Mbps").build());
        assertEquals("fairUseRate", badRate.errors().getFirst().field());
        assertTrue(badRate.errors().getFirst().message().contains("not a RouterOS rate limit"), badRate.getMessage());
        var notFup = assertThrows(ValidationException.class, () -> dailyPlan().fairUseRate("1M/1M").build());
        assertEquals("fairUseRate", notFup.errors().getFirst().field());
        var unknown = assertThrows(ValidationException.class, () -> dailyPlan().enforcement("THROTTLE").build());
        assertEquals("enforcement", unknown.errors().getFirst().field());
        assertEquals("must be one of CUT_OFF, ISOLATE, FUP", unknown.errors().getFirst().message());
    }
}
