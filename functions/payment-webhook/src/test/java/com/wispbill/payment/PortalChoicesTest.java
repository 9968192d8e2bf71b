package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Plan;
import com.wispbill.domain.payment.Portal;
import com.wispbill.domain.payment.PortalBranding;
import com.wispbill.payment.PaymentFixture.Reply;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A portal offers the plans and providers the reseller chose for it, in its language and branding. */
class PortalChoicesTest {
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void theCatalogueAndPurchasesKeepToThePortalsPlansAndProviders() {
        Tenant t = f.kenyanTenant();
        Plan week = Plan.builder().id("week-" + t.id()).resellerId(t.id()).name("Week").price(Money.of(30000, "KES"))
                .validity(Duration.ofDays(7)).createdAt(f.clock.instant()).build();
        f.repos.plans().create(week);
        Portal chosen = new Portal(t.portalId(), t.id(), t.routerId(), f.clock.instant(), List.of(week.id()),
                List.of(PaymentProvider.STRIPE, PaymentProvider.MPESA),
                Optional.of(new PortalBranding(Optional.of("Kibera Net"), Optional.of("logo.png"), Optional.of("#aa3300"),
                        Optional.empty(), Optional.empty())), Optional.of("sw"), Optional.of("Kibera"));
        f.repos.portals().update(chosen);

        JsonNode catalogue = f.get("/portal/" + t.portalId() + "/plans").json();
        assertEquals(List.of(week.id()), catalogue.path("plans").findValuesAsText("id"));
        assertEquals("[\"mpesa\",\"stripe\"]", catalogue.path("providers").toString(), "connected and chosen");
        assertEquals("sw", catalogue.path("language").asText());
        assertEquals("Kibera Net", catalogue.path("branding").path("name").asText());
        assertEquals("#aa3300", catalogue.path("branding").path("accentColour").asText());

        Reply notOffered = f.post("/portal/" + t.portalId() + "/purchases", "{\"planId\":\"" + t.plan().id()
                + "\",\"phone\":\"0712 000 301\",\"provider\":\"mpesa\"}");
        assertEquals(400, notOffered.status(), notOffered.body());
        assertEquals("planId", notOffered.json().path("errors").path(0).path("field").asText());
        Reply otherProvider = f.post("/portal/" + t.portalId() + "/purchases", "{\"planId\":\"" + week.id()
                + "\",\"phone\":\"0712 000 302\",\"provider\":\"paystack\",\"email\":\"a@example.com\"}");
        assertEquals(400, otherProvider.status(), otherProvider.body());
        assertEquals("provider", otherProvider.json().path("errors").path(0).path("field").asText());
        assertEquals(0, f.repos.payments().list(t.id(), PageRequest.firstPage()).items().size(), "nothing started");

        Reply offered = f.post("/portal/" + t.portalId() + "/purchases", "{\"planId\":\"" + week.id()
                + "\",\"phone\":\"0712 000 303\",\"provider\":\"mpesa\"}");
        assertEquals(202, offered.status(), offered.body());
        assertTrue(offered.json().path("paymentId").isTextual());
    }
}
